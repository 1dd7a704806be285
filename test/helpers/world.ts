import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type App, type AppOptions } from '../../src/app.js';
import { configSecrets, parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import {
	Perm,
	startFakeDiscord,
	type FakeDiscord,
	type FakeGuild,
	type FakeRole,
	type StartFakeDiscordOptions,
} from '../fakes/discord/index.js';
import { startFakeRoblox, type FakeRoblox, type FakeRobloxOptions } from '../fakes/roblox/server.js';

/**
 * A whole world for end-to-end tests: the fake Discord and the fake Roblox on 127.0.0.1, one guild with a typical
 * role ladder, and a temporary SQLite file. The bot runs against it in-process (startApp, the function main.ts calls)
 * or as a child process started exactly as `npm start` does.
 */

export const ROOT = new URL('../../', import.meta.url).pathname;
export const GUILD_ID = '900000000000000001';
export const OWNER_ID = '100000000000000001';
export const ADMIN_ID = '100000000000000002';
export const MOD_ID = '100000000000000003';
export const MEMBER_ID = '100000000000000010';

export interface World {
	discord: FakeDiscord;
	roblox: FakeRoblox;
	guild: FakeGuild;
	roles: {
		admin: FakeRole;
		mod: FakeRole;
		badge: FakeRole;
		pass: FakeRole;
		verified: FakeRole;
		unverified: FakeRole;
		high: FakeRole;
		dangerous: FakeRole;
	};
	dir: string;
	databaseUrl: string;
	env(extra?: Record<string, string>): Record<string, string>;
	close(): Promise<void>;
}

export async function createWorld(
	options: { roblox?: FakeRobloxOptions; interactionTimeoutMs?: number; discord?: StartFakeDiscordOptions } = {},
): Promise<World> {
	const discord = await startFakeDiscord({
		...options.discord,
		...(options.interactionTimeoutMs ? { interactionTimeoutMs: options.interactionTimeoutMs } : {}),
	});
	const roblox = await startFakeRoblox(options.roblox);
	const guild = discord.addGuild({ id: GUILD_ID, name: 'Roblox Fans', ownerId: OWNER_ID });
	// Positions: everything a test binds sits below the bot's role, except `high`, which sits above it.
	const botPosition = guild.botRole().position;
	const roles = {
		admin: guild.addRole({ name: 'Admin', permissions: Perm.ManageGuild | Perm.ManageRoles, position: 1 }),
		mod: guild.addRole({ name: 'Moderator', permissions: Perm.ManageRoles, position: 2 }),
		badge: guild.addRole({ name: 'Badge Holder', position: 3 }),
		pass: guild.addRole({ name: 'VIP', position: 4 }),
		verified: guild.addRole({ name: 'Verified', position: 5 }),
		unverified: guild.addRole({ name: 'Unverified', position: 6 }),
		dangerous: guild.addRole({ name: 'Helper', permissions: Perm.KickMembers, position: 7 }),
		high: guild.addRole({ name: 'Staff', position: botPosition + 10 }),
	};
	guild.setRolePosition(guild.botRole().id, 50);
	guild.setRolePosition(roles.high.id, 60);
	guild.addMember({ userId: OWNER_ID, username: 'owner' });
	guild.addMember({ userId: ADMIN_ID, username: 'admin', roleIds: [roles.admin.id] });
	guild.addMember({ userId: MOD_ID, username: 'mod', roleIds: [roles.mod.id] });
	guild.addMember({ userId: MEMBER_ID, username: 'member' });
	const dir = await mkdtemp(join(tmpdir(), 'rolink-e2e-'));
	const databaseUrl = `sqlite://${join(dir, 'rolink.sqlite')}`;
	return {
		discord,
		roblox,
		guild,
		roles,
		dir,
		databaseUrl,
		env: (extra = {}) => ({
			DISCORD_TOKEN: discord.token,
			DISCORD_API_URL: discord.apiUrl,
			ROBLOX_API_KEY: roblox.apiKey,
			ROBLOX_OPEN_CLOUD_URL: roblox.url,
			ROBLOX_USERS_URL: roblox.url,
			ROBLOX_BADGES_URL: roblox.url,
			ROBLOX_THUMBNAILS_URL: roblox.url,
			DATABASE_URL: databaseUrl,
			LOG_LEVEL: 'debug',
			SWEEP_INTERVAL_HOURS: '0',
			...extra,
		}),
		async close() {
			await discord.close();
			await roblox.close();
			await rm(dir, { recursive: true, force: true });
		},
	};
}

export interface RunningBot {
	app: App;
	logs: string[];
	stop(): Promise<void>;
}

/** Starts the bot in this process through startApp, the same function `npm start` reaches, with logs captured. */
export async function startBot(
	world: World,
	extraEnv: Record<string, string> = {},
	options: AppOptions = {},
): Promise<RunningBot> {
	const env = world.env(extraEnv);
	const config = parseConfig(env);
	const logs: string[] = [];
	const destination = new Writable({
		write(chunk, _encoding, callback) {
			logs.push(String(chunk));
			callback();
		},
	});
	const logger = createLogger({
		level: config.logLevel,
		secrets: configSecrets(config),
		destination,
	});
	const app = await startApp(config, logger, {
		roblox: { retries: { max: 2, baseDelayMs: 20, maxDelayMs: 100 }, timeouts: { requestMs: 1_000, connectMs: 1_000 } },
		...options,
		// A run's retry rounds wait 15 s, 30 s, 60 s in production; tests wait milliseconds.
		bulk: { retryBaseMs: 20, ...options.bulk },
	});
	return { app, logs, stop: () => app.stop() };
}

export interface BotProcess {
	child: ChildProcess;
	output: () => string;
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
	exited: Promise<number | null>;
	kill(signal?: NodeJS.Signals): void;
}

/**
 * The Node flags `npm start` gives the bot: package.json's start script is `node [flags] dist/src/main.js`, and every
 * child process started "as npm start does" (these tests, the bench) takes them from there, so they are written once.
 */
export const START_FLAGS: readonly string[] = (() => {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
	const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/src\/main\.js$/.exec(pkg.scripts.start);
	if (!match)
		throw new Error(`package.json's start script is not "node [--flags] dist/src/main.js": ${pkg.scripts.start}`);
	return (match[1] ?? '').split(' ').filter(Boolean);
})();

/** A compiled entry point, as the npm scripts run it (test/global-setup.ts builds dist/ before any test runs). */
export const compiledEntry = (name: 'main' | 'doctor' | 'deploy-commands'): string => join(ROOT, `dist/src/${name}.js`);

/**
 * Runs `node dist/src/main.js` (what `npm start` runs, after its prestart build) as a child process with the given
 * environment only. One process, no wrapper: a signal sent to it reaches the bot itself.
 */
export function spawnBot(env: Record<string, string>, cwd = ROOT): BotProcess {
	const child = spawn(process.execPath, [...START_FLAGS, compiledEntry('main')], {
		cwd,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const listeners = new Set<() => void>();
	const onData = (chunk: Buffer) => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		child,
		output: () => output,
		exited,
		kill: (signal = 'SIGTERM') => void child.kill(signal),
		waitFor(pattern, timeoutMs = 20_000) {
			return new Promise<void>((resolve, reject) => {
				const check = () => {
					if (pattern.test(output)) {
						listeners.delete(check);
						clearTimeout(timer);
						resolve();
					}
				};
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(new Error(`timed out waiting for ${pattern} in bot output:\n${output.slice(-3000)}`));
				}, timeoutMs);
				listeners.add(check);
				void exited.then(() =>
					setTimeout(() => {
						if (!pattern.test(output)) {
							clearTimeout(timer);
							listeners.delete(check);
							reject(new Error(`bot exited before ${pattern}:\n${output.slice(-3000)}`));
						}
					}, 50),
				);
				check();
			});
		},
	};
}

/** The last message content the user sees for an interaction (reply or edited deferred reply). */
export function textOf(message: any): string {
	if (!message) return '';
	const parts = [message.content ?? ''];
	for (const embed of message.embeds ?? []) {
		parts.push(embed.title ?? '', embed.description ?? '');
		for (const field of embed.fields ?? []) parts.push(field.name, field.value);
		if (embed.footer?.text) parts.push(embed.footer.text);
	}
	return parts.filter(Boolean).join('\n');
}

export const EPHEMERAL = 1 << 6;

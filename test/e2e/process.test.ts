import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord } from '../fakes/discord/index.js';
import {
	ADMIN_ID,
	compiledEntry,
	createWorld,
	MEMBER_ID,
	ROOT,
	spawnBot,
	START_FLAGS,
	textOf,
	type BotProcess,
	type World,
} from '../helpers/world.js';

/** The bot as a user runs it: compiled `node dist/src/main.js` in its own process, configured only by the environment. */
describe('the bot process (npm start)', () => {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	afterEach(async () => {
		bot?.kill('SIGKILL');
		await bot?.exited;
		bot = undefined;
		await world?.close();
		world = undefined;
	});

	it('is started the way npm start starts it: compiled JavaScript, commands loaded from dist/commands', async () => {
		const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.prestart).toBe('node scripts/build.mjs');
		expect(pkg.scripts.start).toBe(['node', ...START_FLAGS, 'dist/src/main.js'].join(' '));
		// Memory flags (README, Performance: start-up memory); spawnBot and the bench start the bot with the same ones.
		expect(START_FLAGS).toContain('--max-semi-space-size=1');
		expect(join(ROOT, 'dist/src/main.js')).toBe(compiledEntry('main'));
		const sources = (await readdir(join(ROOT, 'commands'))).filter((f) => f.endsWith('.ts'));
		const compiled = await readdir(join(ROOT, 'dist/commands'));
		expect(sources.length).toBeGreaterThan(0);
		for (const file of sources) expect(compiled).toContain(file.replace(/\.ts$/, '.js'));
		// Files the code reads beside itself at run time (JSON Schemas…) are copied too: tsc copies none.
		const assets = (await readdir(join(ROOT, 'src'), { recursive: true })).filter(
			(f) => /\.[a-z]+$/.test(f) && !f.endsWith('.ts'),
		);
		expect(assets).toContain(join('backup', 'settings-export.schema.json'));
		const built = await readdir(join(ROOT, 'dist/src'), { recursive: true });
		for (const file of assets) expect(built).toContain(file);
	});

	it('without configuration prints one line naming DISCORD_TOKEN and exits non-zero', async () => {
		const empty = await mkdtemp(join(tmpdir(), 'rolink-noenv-'));
		try {
			bot = spawnBot({}, empty);
			expect(bot.child.spawnargs.slice(1)).toEqual([...START_FLAGS, compiledEntry('main')]); // npm start's flags, no tsx loader
			const code = await bot.exited;
			expect(code).not.toBe(0);
			const lines = bot.output().trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/DISCORD_TOKEN is missing/);
			expect(bot.output()).not.toMatch(/\bat .*\.ts:\d+/);
		} finally {
			await rm(empty, { recursive: true, force: true });
		}
	});

	it('explains in one line that Discord cannot be reached (no stack trace)', async () => {
		world = await createWorld();
		// A port nothing listens on: the same failure as no network or no DNS, without leaving 127.0.0.1.
		const closed = await new Promise<number>((resolve) => {
			const server = createServer().listen(0, '127.0.0.1', () => {
				const { port } = server.address() as AddressInfo;
				server.close(() => resolve(port));
			});
		});
		bot = spawnBot(world.env({ DISCORD_API_URL: `http://127.0.0.1:${closed}/api` }));
		expect(await bot.exited).toBe(1);
		const lines = bot.output().trim().split('\n');
		expect(lines.at(-1)).toBe(
			`Could not reach Discord at 127.0.0.1:${closed} (ECONNREFUSED). Check this machine's internet connection, DNS and firewall (or DISCORD_API_URL), then start Rolink again.`,
		);
		expect(bot.output()).not.toMatch(/\bat .*\.js:\d+/);
	});

	it('explains a rejected token in one line', async () => {
		world = await createWorld();
		bot = spawnBot(world.env({ DISCORD_TOKEN: 'wrongtoken123.abcdef.ghijklmnopqrst' }));
		expect(await bot.exited).toBe(1);
		expect(bot.output().trim().split('\n').at(-1)).toMatch(/^Discord rejected DISCORD_TOKEN/);
		expect(bot.output()).not.toContain('wrongtoken123');
	});

	it('explains a refused Server Members intent (close 4014)', async () => {
		const discord = await startFakeDiscord({ allowedIntents: 0 });
		world = await createWorld();
		try {
			bot = spawnBot(world.env({ DISCORD_API_URL: discord.apiUrl, DISCORD_TOKEN: discord.token }));
			expect(await bot.exited).toBe(1);
			expect(bot.output()).toMatch(/Server Members Intent/);
			expect(bot.output()).toMatch(/4014/);
		} finally {
			await discord.close();
		}
	});

	it('connects, registers its commands once, answers, shuts down cleanly, and keeps links across a restart', async () => {
		world = await createWorld();
		world.roblox.addUser({ id: '777', name: 'restart_rita', displayName: 'Rita' });
		bot = spawnBot(world.env());
		await bot.waitFor(/Rolink is ready/);
		const registered = world.discord.commands.global.map((command) => command.name).sort();
		expect(registered).toEqual(
			expect.arrayContaining(['verify', 'unlink', 'update', 'bind', 'settings', 'update-all']),
		);
		const puts = world.discord.requests.filter((r) => r.method === 'PUT' && /\/commands$/.test(r.path));
		expect(puts).toHaveLength(1);

		// Link through the real flow.
		const verify = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'restart_rita' },
		});
		const reply = await verify.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		const code = /```\n([a-z ]+)\n```/.exec(textOf(reply))![1]!;
		world.roblox.setAbout('777', code);
		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: reply.components[0].components[0].custom_id,
		});
		await press.waitForReply((m) => /now linked/.test(m.content ?? ''));

		bot.kill('SIGTERM');
		expect(await bot.exited).toBe(0);

		bot = spawnBot(world.env());
		await bot.waitFor(/Rolink is ready/);
		// Same definitions: no second PUT.
		expect(world.discord.requests.filter((r) => r.method === 'PUT' && /\/commands$/.test(r.path))).toHaveLength(1);
		const again = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify' });
		expect((await again.waitForReply()).content).toMatch(/You are linked to \*\*restart_rita\*\*/);

		// An admin command answers too.
		const settings = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'show',
		});
		expect(textOf(await settings.waitForReply())).toMatch(/Auto-verify on join/);
	});
});

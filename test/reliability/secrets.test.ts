import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Perm, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../fakes/discord/index.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { FAKE_DISCORD_USER_COOKIE } from '../fakes/discord/oauth.js';
import { FAKE_ROBLOX_USER_COOKIE, type IdTokenTamper } from '../fakes/roblox/oauth.js';
import { openStores } from '../../src/store/index.js';
import { Browser, consent, webEnv } from '../helpers/web.js';
import {
	ADMIN_ID,
	createWorld,
	GUILD_ID,
	MEMBER_ID,
	OWNER_ID,
	spawnBot,
	textOf,
	type BotProcess,
	type World,
} from '../helpers/world.js';
import { answerOf, until } from './helpers.js';
import { killTree } from './process-tree.js';

/** A whole session at LOG_LEVEL=trace, happy and unhappy paths: the token and the API key must appear nowhere. */

const TOKEN = 'MTEwMFNlY3JldFJvbGluaw.Gq7xZk.Zx9-SECRETdiscordTOKEN-qwerty123456';
const API_KEY = 'RBXKEY-secret-0123456789abcdefXYZ-do-not-leak';
const ROBLOX_ID = '8880001';
const BADGE = '2124777';

describe('secrets never leak', () => {
	let discord: FakeDiscord | undefined;
	let roblox: FakeRoblox | undefined;
	let bot: BotProcess | undefined;
	let dir: string | undefined;
	afterEach(async () => {
		await killTree(bot);
		await discord?.close();
		await roblox?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('not in stdout/stderr, not in any Discord payload, not in any Roblox URL, not in the database', async () => {
		discord = await startFakeDiscord({ token: TOKEN });
		roblox = await startFakeRoblox({ apiKey: API_KEY });
		const d = discord;
		const r = roblox;
		const guild: FakeGuild = d.addGuild({ id: GUILD_ID, name: 'Secrets', ownerId: OWNER_ID });
		guild.setRolePosition(guild.botRole().id, 50);
		const adminRole = guild.addRole({ name: 'Admin', permissions: Perm.ManageGuild | Perm.ManageRoles, position: 1 });
		const badgeRole = guild.addRole({ name: 'Badge', position: 3 });
		guild.addMember({ userId: ADMIN_ID, username: 'admin', roleIds: [adminRole.id] });
		guild.addMember({ userId: MEMBER_ID, username: 'member' });
		guild.addMember({ userId: '100000000000000011', username: 'other' });
		const audit = guild.addChannel({ name: 'audit' });
		r.addUser({ id: ROBLOX_ID, name: 'secret_sam', about: 'hi' });
		r.addBadge({ id: BADGE, name: 'Hush' });
		r.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		dir = await mkdtemp(join(tmpdir(), 'rolink-secrets-'));

		bot = spawnBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: d.apiUrl,
			ROBLOX_API_KEY: API_KEY,
			ROBLOX_OPEN_CLOUD_URL: r.url,
			ROBLOX_USERS_URL: r.url,
			ROBLOX_BADGES_URL: r.url,
			ROBLOX_THUMBNAILS_URL: r.url,
			DATABASE_URL: `sqlite://${join(dir, 'rolink.sqlite')}`,
			LOG_LEVEL: 'trace',
			SWEEP_INTERVAL_HOURS: '0',
		});
		const b = bot;
		await b.waitFor(/Rolink is ready/);
		const cmd = (
			userId: string,
			name: string,
			subcommand?: string,
			options?: Record<string, string | number | boolean>,
		) =>
			answerOf(
				d.runCommand({
					guildId: guild.id,
					userId,
					name,
					...(subcommand ? { subcommand } : {}),
					...(options ? { options } : {}),
				}),
				15_000,
			);

		// Link with proof.
		const verify = d.runCommand({
			guildId: guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'secret_sam' },
		});
		const prompt = await verify.waitForReply((m) => (m.embeds?.length ?? 0) > 0, 15_000);
		r.setAbout(ROBLOX_ID, /```\n([a-z ]+)\n```/.exec(textOf(prompt))![1]!);
		const check = d.pressButton({
			guildId: guild.id,
			userId: MEMBER_ID,
			customId: prompt.components[0].components[0].custom_id,
		});
		await check.waitForReply((m) => /now linked/.test(m.content ?? ''), 15_000);

		// Admin setup, an update, a bulk run.
		expect((await cmd(ADMIN_ID, 'settings', 'set', { 'audit-channel': audit.id })).text).toMatch(/Settings saved/);
		expect((await cmd(ADMIN_ID, 'bind', 'add', { kind: 'badge', id: BADGE, role: badgeRole.id })).text).toMatch(
			/now get/,
		);
		expect((await cmd(MEMBER_ID, 'update')).text).toMatch(/Added/);
		expect((await cmd(ADMIN_ID, 'update-all')).text).toMatch(/Started/);
		await until(
			() => guild.messages(guild.defaultChannelId).some((m) => /Update finished/.test(textOf(m))),
			15_000,
			'the bulk run',
		);

		// Unhappy paths: Roblox failing, Discord refusing, bad input, a tampered button, a stranger's button.
		r.injectFault({ path: /inventory-items/, status: 500, times: 20 });
		expect((await cmd(MEMBER_ID, 'update')).text).toMatch(/no role was removed/i);
		r.clearFaults();
		r.removeItem(ROBLOX_ID, 'badge', BADGE);
		d.injectFault({ method: 'PATCH', path: /\/members\/\d+$/, status: 403, times: 5 });
		expect((await cmd(ADMIN_ID, 'update', undefined, { member: MEMBER_ID })).text).toMatch(/Manage Roles/);
		expect((await cmd('100000000000000011', 'verify', undefined, { username: 'bad name!' })).text).toMatch(
			/not a valid/,
		);
		expect(
			(await answerOf(d.pressButton({ guildId: guild.id, userId: MEMBER_ID, customId: 'bogus:thing' }))).text,
		).toMatch(/old message/);
		expect(
			(
				await answerOf(
					d.pressButton({ guildId: guild.id, userId: '100000000000000011', customId: `verify:check:${MEMBER_ID}` }),
				)
			).text,
		).toMatch(/someone else/);
		await cmd(MEMBER_ID, 'inventory', undefined, { kind: 'badges' });

		b.kill('SIGTERM');
		await until(() => /"stopped"|stopped/.test(b.output()), 15_000, 'a clean stop');
		await killTree(b);

		const secrets = [TOKEN, API_KEY, TOKEN.split('.')[2]!, API_KEY.slice(7, 30)];
		// 1. Everything the process printed.
		const output = b.output();
		expect(output.length).toBeGreaterThan(1_000);
		expect(output).toMatch(/"level":20/); // the most verbose lines the bot writes (it has no trace-level lines) were on
		for (const secret of secrets)
			expect(output.includes(secret), `process output contains ${secret.slice(0, 6)}…`).toBe(false);

		// 2. Every request the bot made to Discord: only the Authorization header may carry the token.
		expect(d.requests.length).toBeGreaterThan(20);
		for (const req of d.requests) {
			const { authorization, ...headers } = req.headers;
			if (authorization !== undefined) expect(authorization).toBe(`Bot ${TOKEN}`);
			const seen = JSON.stringify({
				method: req.method,
				path: req.path,
				query: req.query,
				headers,
				body: req.body,
				reason: req.reason,
			});
			for (const secret of secrets)
				expect(seen.includes(secret), `${req.method} ${req.path} carries a secret`).toBe(false);
		}
		for (const channelId of [guild.defaultChannelId, audit.id]) {
			for (const secret of secrets) expect(JSON.stringify(guild.messages(channelId)).includes(secret)).toBe(false);
		}

		// 3. Every Roblox request: never in a URL; the key only ever goes to Open Cloud, never to the legacy hosts.
		expect(r.requests.length).toBeGreaterThan(5);
		for (const req of r.requests) {
			const seen = JSON.stringify({ path: req.path, query: req.query });
			for (const secret of secrets) expect(seen.includes(secret)).toBe(false);
			const openCloud = req.path.startsWith('/cloud/') || req.path.startsWith('/api-keys/');
			if (!openCloud) expect(req.sentApiKey, `${req.method} ${req.path} got the API key`).toBe(false);
		}

		// 4. Nothing on disk.
		for (const file of await readdir(dir)) {
			const bytes = (await readFile(join(dir, file))).toString('latin1');
			for (const secret of secrets) expect(bytes.includes(secret), `${file} contains a secret`).toBe(false);
		}
	});
});

describe('OAuth secrets never leak', () => {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	afterEach(async () => {
		await killTree(bot);
		await world?.close();
	});

	it('no client secret, code, token, verifier or key in logs, pages, Discord payloads or the database', async () => {
		world = await createWorld();
		const w = world;
		w.roblox.addUser({ id: ROBLOX_ID, name: 'secret_sam', displayName: 'Sam', inventoryPublic: false });
		w.roblox.addBadge({ id: BADGE, name: 'Hush' });
		w.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		const web = await webEnv(w, { inventoryScope: true });
		bot = spawnBot(w.env({ ...web.env, LOG_LEVEL: 'trace' }));
		const b = bot;
		await b.waitFor(/web service listening/, 30_000);
		// A binding, through the store file the bot uses (WAL: the running bot sees it).
		const stores = await openStores(w.databaseUrl, { error() {}, warn() {}, info() {} });
		await stores.guilds.addBinding(w.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: w.guild.addRole({ name: 'Badge', position: 3 }).id,
			addedBy: ADMIN_ID,
		});
		await stores.close();

		const pages: string[] = [];
		const verify = async () => {
			const run = w.discord.runCommand({ guildId: w.guild.id, userId: MEMBER_ID, name: 'verify' });
			const reply = await run.waitForReply((m) => (m.components?.length ?? 0) > 0, 15_000);
			return reply.components[0].components[0].url as string;
		};
		const session = async (tamper?: IdTokenTamper) => {
			const browser = new Browser();
			browser.cookies.set(FAKE_DISCORD_USER_COOKIE, MEMBER_ID);
			browser.cookies.set(FAKE_ROBLOX_USER_COOKIE, ROBLOX_ID);
			const start = await browser.get(await verify());
			const afterDiscord = await browser.get(await consent(browser, start.location!));
			pages.push(afterDiscord.text);
			if (tamper) w.roblox.oauth.tamperNextIdToken(tamper);
			const done = await browser.get(await consent(browser, afterDiscord.location!));
			pages.push(done.text);
			return done;
		};
		expect((await session('bad-signature')).status).toBe(400);
		expect((await session()).text).toMatch(/Accounts linked/);
		await until(() => /member roles updated/.test(b.output()), 10_000, 'roles granted');
		const secrets = [
			...w.roblox.oauth.issued,
			...w.discord.oauth.issued,
			web.env.DISCORD_CLIENT_SECRET!,
			web.env.ROBLOX_OAUTH_CLIENT_SECRET!,
			web.env.TOKEN_ENCRYPTION_KEY!,
		];
		expect(secrets.length).toBeGreaterThan(10);
		// The database, while the member's (encrypted) token is stored.
		// (The refused sign-in left a pair at the fake too: a forged ID token arrives with the tokens it came with.)
		expect(w.roblox.oauth.liveRefreshTokens().length).toBeGreaterThanOrEqual(1);
		expect(b.output()).toMatch(/"tokenKept":true/);
		const onDisk = async () => {
			for (const file of await readdir(w.dir)) {
				const bytes = (await readFile(join(w.dir, file))).toString('latin1');
				for (const secret of secrets) expect(bytes.includes(secret), `${file} contains a secret`).toBe(false);
			}
		};
		await onDisk();

		b.kill('SIGTERM');
		await until(() => /"stopped"|stopped/.test(b.output()), 15_000, 'a clean stop');
		await killTree(b);
		const output = b.output();
		expect(output).toMatch(/"level":20/);
		for (const secret of secrets) {
			expect(output.includes(secret), `process output contains ${secret.slice(0, 6)}…`).toBe(false);
			for (const page of pages) expect(page.includes(secret), 'a page contains a secret').toBe(false);
			for (const req of w.discord.requests)
				expect(JSON.stringify(req).includes(secret), `${req.method} ${req.path} carries a secret`).toBe(false);
			for (const req of w.roblox.requests)
				expect(JSON.stringify({ path: req.path, query: req.query }).includes(secret)).toBe(false);
		}
		await onDisk();
	}, 90_000);
});

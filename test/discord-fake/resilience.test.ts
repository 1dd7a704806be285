/**
 * Failure paths with the real discord.js Client: bad tokens, disallowed intents, injected 5xx / 429 / 403, a dropped
 * gateway connection (RESUME), and the 3-second interaction window.
 */
import {
	DiscordAPIError,
	DiscordjsErrorCodes,
	Events,
	GatewayIntentBits,
	type Client,
	type Interaction,
} from 'discord.js';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { frameText } from '../fakes/discord/gateway.js';
import { ALICE, GUILD_ID, ROLE_LOW, ROLE_MID, loginReady, makeClient, seedGuild, sleep } from './helpers.js';

describe('authentication and intents', () => {
	let fake: FakeDiscord;
	beforeAll(async () => {
		fake = await startFakeDiscord({ allowedIntents: 0 });
		seedGuild(fake);
	});
	afterAll(async () => fake?.close());

	test('a wrong token: REST answers 401 and login() rejects with TokenInvalid', async () => {
		const client = makeClient(fake, [GatewayIntentBits.Guilds]);
		try {
			// GET /gateway/bot is the first call; discord.js maps its 401 to DiscordjsError TokenInvalid.
			await expect(client.login('not-the-token')).rejects.toMatchObject({ code: DiscordjsErrorCodes.TokenInvalid });
			const r = fake.requests.find((x) => x.path === '/gateway/bot')!;
			expect(r.status).toBe(401);
			expect(r.response).toEqual({ message: '401: Unauthorized', code: 0 });
		} finally {
			await client.destroy();
		}
	});

	test('a wrong token in IDENTIFY closes the gateway with 4004', async () => {
		const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
		const frames: any[] = [];
		const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
		ws.on('message', (m) => {
			const f = JSON.parse(frameText(m));
			frames.push(f);
			if (f.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
		});
		expect(await closed).toBe(4004);
		expect(frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: expect.any(Number) } });
		expect(fake.identifyCount).toBe(0);
	});

	test('disallowed privileged intents close with 4014', async () => {
		// What discord.js 14.28 surfaces for 4014: @discordjs/ws emits `new Error('Used disallowed intents')` (a plain Error,
		// no `code`) which makes client.login() reject with it; the client also emits `shardError` with that error and
		// `shardDisconnect` with { code: 4014 }, and does not reconnect (4014 is in UNRECOVERABLE_CLOSE_CODES).
		const client = makeClient(fake, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers]);
		const disconnect = new Promise<number>((resolve) => client.once(Events.ShardDisconnect, (e) => resolve(e.code)));
		const shardError = new Promise<Error>((resolve) => client.once(Events.ShardError, (e) => resolve(e)));
		try {
			await expect(client.login(fake.token)).rejects.toThrow('Used disallowed intents');
			expect(await disconnect).toBe(4014);
			expect((await shardError).message).toBe('Used disallowed intents');
		} finally {
			await client.destroy();
		}
		// non-privileged intents are fine
		const ok = makeClient(fake, [GatewayIntentBits.Guilds]);
		try {
			await loginReady(ok, fake.token);
			expect(ok.guilds.cache.has(GUILD_ID)).toBe(true);
		} finally {
			await ok.destroy();
		}
	});
});

describe('faults, resume and timing', () => {
	let fake: FakeDiscord;
	let client: Client;
	let onInteraction: (i: Interaction) => Promise<void> = async () => {};
	beforeAll(async () => {
		fake = await startFakeDiscord({ interactionTimeoutMs: 300 });
		seedGuild(fake);
		client = makeClient(fake);
		client.on(Events.InteractionCreate, (i) => void onInteraction(i).catch(() => {}));
		await loginReady(client, fake.token);
	});
	afterAll(async () => {
		await client?.destroy();
		await fake?.close();
	});

	test('an injected 500 is retried by discord.js and the call succeeds', async () => {
		fake.injectFault({ method: 'PUT', path: /\/roles\//, status: 500, times: 1 });
		const member = await client.guilds.cache.get(GUILD_ID)!.members.fetch(ALICE);
		await member.roles.add(ROLE_LOW);
		const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/roles/${ROLE_LOW}`));
		expect(puts.map((r) => r.status)).toEqual([500, 204]);
		expect(fake.guild(GUILD_ID).member(ALICE)!.roleIds).toContain(ROLE_LOW);
	});

	test('an injected 429 with retry_after is waited out', async () => {
		fake.injectFault({ path: /\/roles\//, status: 429, retryAfter: 0.3 });
		const member = client.guilds.cache.get(GUILD_ID)!.members.cache.get(ALICE)!;
		const t0 = Date.now();
		await member.roles.add(ROLE_MID);
		const elapsed = Date.now() - t0;
		const tries = fake.requests.filter((r) => r.path.endsWith(`/roles/${ROLE_MID}`));
		expect(tries.map((r) => r.status)).toEqual([429, 204]);
		expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(280);
		expect(elapsed).toBeGreaterThanOrEqual(280);
		expect(tries[0]!.response).toMatchObject({ retry_after: 0.3, global: false });
	});

	test('a global 429 is waited out too', async () => {
		fake.injectFault({
			method: 'GET',
			path: /^\/guilds\/\d+\/members\/\d+$/,
			status: 429,
			retryAfter: 0.2,
			global: true,
		});
		const t0 = Date.now();
		await client.guilds.cache.get(GUILD_ID)!.members.fetch({ user: ALICE, force: true });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
		const tries = fake.requests.filter((r) => r.method === 'GET' && r.path === `/guilds/${GUILD_ID}/members/${ALICE}`);
		expect(tries.slice(-2).map((r) => r.status)).toEqual([429, 200]);
		expect(tries.at(-2)!.response).toMatchObject({ global: true, retry_after: 0.2 });
	});

	test('an injected 403 surfaces as DiscordAPIError 50013 and leaves state alone', async () => {
		fake.injectFault({ method: 'DELETE', path: /\/roles\//, status: 403 });
		const member = client.guilds.cache.get(GUILD_ID)!.members.cache.get(ALICE)!;
		const e = await member.roles.remove(ROLE_MID).catch((x) => x);
		expect(e).toBeInstanceOf(DiscordAPIError);
		expect(e.code).toBe(50013);
		expect(fake.guild(GUILD_ID).member(ALICE)!.roleIds).toContain(ROLE_MID);
	});

	test('dropGateway: the client RESUMEs (no new IDENTIFY) and still receives the next interaction', async () => {
		const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
		fake.dropGateway(4000);
		// dispatched while the socket is down: buffered and replayed on RESUME
		const joined = new Promise<string>((resolve) => client.once(Events.GuildMemberAdd, (m) => resolve(m.id)));
		fake.memberJoin(GUILD_ID, { userId: '900000000000000077', username: 'late' });
		await resumed;
		expect(await joined).toBe('900000000000000077');
		expect(fake.resumeCount).toBe(1);
		expect(fake.identifyCount).toBe(1);
		onInteraction = async (i) => {
			if (i.isChatInputCommand()) await i.reply('still here');
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'ping' });
		expect((await h.waitForReply()).content).toBe('still here');

		// an abrupt drop (1006) resumes too
		fake.dropGateway();
		await fake.waitForSessions(1);
		await expect.poll(() => fake.resumeCount).toBe(2);
		const h2 = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'ping' });
		expect((await h2.waitForReply()).content).toBe('still here');
	});

	test('a callback after the interaction window is refused with 404 10062', async () => {
		let failure: unknown;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await sleep(400); // the fake's window is 300 ms here (Discord: 3 s)
			failure = await i.reply('too late').catch((e) => e);
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'slow' });
		await expect.poll(() => failure, { timeout: 3000 }).toBeDefined();
		expect(failure).toBeInstanceOf(DiscordAPIError);
		expect(failure).toMatchObject({ status: 404, code: 10062, message: 'Unknown interaction' });
		expect(h.callbacks).toEqual([]);
		expect(h.rejectedCallbacks[0]).toMatchObject({ type: 4, status: 404, code: 10062 });
		expect(h.rejectedCallbacks[0]!.at - h.dispatchedAt).toBeGreaterThanOrEqual(300);
		await expect(h.waitForCallback(50)).rejects.toThrow(/timed out/);
	});
});

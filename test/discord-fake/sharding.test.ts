/**
 * Sharding in the fake Discord, driven by real discord.js Clients: IDENTIFY's `shard: [id, count]` decides which
 * guilds a session gets, a guild's events (INTERACTION_CREATE, GUILD_MEMBER_ADD) reach only its shard, DMs reach
 * shard 0, GET /gateway/bot reports the shard count, and wrong shards close with Discord's codes (4010, 4011).
 */
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { frameText } from '../fakes/discord/gateway.js';
import { loginReady, sleep } from './helpers.js';

const COUNT = 2;
const MEMBER = '900000000000000310';

/** The first `n` guild ids from a fixed base that land on `shard` of COUNT. */
function guildIdsOnShard(fake: FakeDiscord, shard: number, n: number): string[] {
	const ids: string[] = [];
	for (let id = 1_250_000_000_000_000_000n; ids.length < n; id += 1n << 22n)
		if (fake.shardOf(String(id), COUNT) === shard) ids.push(String(id));
	return ids;
}

function shardClient(fake: FakeDiscord, shard: number): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
		rest: { api: fake.apiUrl, retries: 1, timeout: 5000 },
		shards: shard,
		shardCount: COUNT,
	});
}

/** Opens a raw gateway connection, IDENTIFYs with `shard`, and resolves with the close code (or 'ready'). */
function identifyRaw(fake: FakeDiscord, shard: unknown): Promise<{ code: number | 'ready'; frames: any[] }> {
	const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
	const frames: any[] = [];
	return new Promise((resolve) => {
		ws.on('message', (m) => {
			const f = JSON.parse(frameText(m));
			frames.push(f);
			if (f.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard } }));
			if (f.t === 'READY') {
				ws.close(1000);
				resolve({ code: 'ready', frames });
			}
		});
		ws.on('close', (code) => resolve({ code, frames }));
	});
}

describe('two shards of one bot', () => {
	let fake: FakeDiscord;
	let clients: Client[] = [];
	let onShard: string[][];
	const seen: { shard: number; type: string; guildId: string | null }[] = [];

	beforeAll(async () => {
		fake = await startFakeDiscord({ shards: COUNT, maxConcurrency: 16, interactionTimeoutMs: 2000 });
		onShard = [guildIdsOnShard(fake, 0, 2), guildIdsOnShard(fake, 1, 2)];
		for (const id of onShard.flat()) fake.addGuild({ id }).addMember({ userId: MEMBER, username: 'member' });
		clients = [shardClient(fake, 0), shardClient(fake, 1)];
		clients.forEach((client, shard) => {
			client.on(Events.InteractionCreate, (i: Interaction) => {
				seen.push({ shard, type: 'interaction', guildId: i.guildId });
				if (i.isChatInputCommand()) void i.reply({ content: `shard ${shard}` });
			});
			client.on(Events.GuildMemberAdd, (m) => seen.push({ shard, type: 'join', guildId: m.guild.id }));
		});
		await Promise.all(clients.map((c) => loginReady(c, fake.token)));
	});
	afterAll(async () => {
		await Promise.all(clients.map((c) => c.destroy()));
		await fake?.close();
	});

	test('GET /gateway/bot reports the shard count and the session start limit', async () => {
		const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${fake.token}` } });
		const body = await res.json();
		expect(body).toMatchObject({
			url: fake.gatewayUrl,
			shards: COUNT,
			session_start_limit: { total: 1000, remaining: 1000 - fake.identifyCount, max_concurrency: 16 },
		});
	});

	test('each client IDENTIFYs with its [id, count] and gets READY and GUILD_CREATE for its own guilds only', () => {
		expect([...fake.identifiedShards].sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		expect(fake.liveShards()).toHaveLength(2);
		clients.forEach((client, shard) => {
			expect([...client.guilds.cache.keys()].sort()).toEqual([...onShard[shard]!].sort());
			expect(client.ws.shards.first()!.id).toBe(shard);
		});
	});

	test("a guild's interaction reaches only its shard's client, which answers it", async () => {
		seen.length = 0;
		const handles = onShard.map((ids) => fake.runCommand({ guildId: ids[0]!, userId: MEMBER, name: 'ping' }));
		const replies = await Promise.all(handles.map((h) => h.waitForReply()));
		expect(replies.map((r) => r.content)).toEqual(['shard 0', 'shard 1']);
		await sleep(100);
		expect(seen.filter((e) => e.type === 'interaction').sort((a, b) => a.shard - b.shard)).toEqual([
			{ shard: 0, type: 'interaction', guildId: onShard[0]![0] },
			{ shard: 1, type: 'interaction', guildId: onShard[1]![0] },
		]);
		for (const h of handles) expect(h.callbacks).toHaveLength(1);
	});

	test('a DM interaction goes to shard 0', async () => {
		seen.length = 0;
		const h = fake.runCommand({ userId: MEMBER, name: 'ping' });
		expect((await h.waitForReply()).content).toBe('shard 0');
		await sleep(100);
		expect(seen).toEqual([{ shard: 0, type: 'interaction', guildId: null }]);
	});

	test('member joins are dispatched to the shard of their guild', async () => {
		seen.length = 0;
		fake.memberJoin(onShard[1]![1]!, { userId: '900000000000000311' });
		fake.memberJoin(onShard[0]![1]!, { userId: '900000000000000312' });
		const deadline = Date.now() + 3000;
		while (seen.length < 2 && Date.now() < deadline) await sleep(20);
		await sleep(100);
		expect(seen.sort((a, b) => a.shard - b.shard)).toEqual([
			{ shard: 0, type: 'join', guildId: onShard[0]![1] },
			{ shard: 1, type: 'join', guildId: onShard[1]![1] },
		]);
	});
});

describe('IDENTIFY with a wrong shard', () => {
	let fake: FakeDiscord;
	let client: Client | undefined;
	const guildIds: string[] = [];
	beforeAll(async () => {
		fake = await startFakeDiscord({ maxGuildsPerShard: 2 });
		// Consecutive snowflake timestamps: shards 0, 1, 0 of two (one shard alone would hold three).
		for (let i = 0n; i < 3n; i++)
			guildIds.push(fake.addGuild({ id: String(((1_250_000_000_000_000_000n >> 22n) << 22n) + (i << 22n)) }).id);
	});
	afterEach(async () => {
		await client?.destroy();
		client = undefined;
	});
	afterAll(async () => fake?.close());

	test('a shard id not below the count, a malformed array or a zero count close with 4010 Invalid shard', async () => {
		for (const shard of [[2, 2], [0], [0, 0], ['0', '2'], [-1, 2]])
			expect((await identifyRaw(fake, shard)).code, JSON.stringify(shard)).toBe(4010);
		expect(fake.identifyCount).toBe(0);
	});

	test('more guilds on one shard than Discord allows closes with 4011 Sharding required; more shards connect', async () => {
		expect((await identifyRaw(fake, [0, 1])).code).toBe(4011);
		expect((await identifyRaw(fake, undefined)).code).toBe(4011);
		const two = await Promise.all([identifyRaw(fake, [0, 2]), identifyRaw(fake, [1, 2])]);
		expect(two.map((r) => r.code)).toEqual(['ready', 'ready']);
		const ready = two.map((r) => r.frames.find((f) => f.t === 'READY').d);
		expect(ready.map((d) => d.shard)).toEqual([
			[0, 2],
			[1, 2],
		]);
		// Together the two READYs name every guild once, each on the shard (guild_id >> 22) % 2 says.
		expect(ready.flatMap((d) => d.guilds.map((g: any) => g.id)).sort()).toEqual([...guildIds].sort());
		ready.forEach((d, shard) => {
			for (const g of d.guilds) expect(fake.shardOf(g.id, 2)).toBe(shard);
		});
	});

	test("a member request (op 8) is answered only for the session's own shard's guilds", async () => {
		const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
		const chunks: string[] = [];
		await new Promise<void>((resolve) => {
			ws.on('message', (m) => {
				const f = JSON.parse(frameText(m));
				if (f.op === 10)
					ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 3, properties: {}, shard: [1, 2] } }));
				if (f.t === 'READY')
					ws.send(JSON.stringify({ op: 8, d: { guild_id: guildIds, query: '', limit: 0, nonce: 'n' } }));
				if (f.t === 'GUILD_MEMBERS_CHUNK') {
					chunks.push(f.d.guild_id);
					resolve();
				}
			});
		});
		await sleep(200);
		ws.close(1000);
		expect(chunks).toEqual([guildIds[1]]);
	});

	test('discord.js surfaces 4011 as "Sharding is required" and does not reconnect', async () => {
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, retries: 1 } });
		const disconnect = new Promise<number>((resolve) => client!.once(Events.ShardDisconnect, (e) => resolve(e.code)));
		const before = fake.identifyCount;
		await expect(client.login(fake.token)).rejects.toThrow('Sharding is required');
		expect(await disconnect).toBe(4011);
		await sleep(300);
		expect(fake.identifyCount).toBe(before);
	});
});

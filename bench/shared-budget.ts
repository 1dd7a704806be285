import { openStores } from '../src/store/index.js';
import { freshRedisUrl, startRedis } from '../test/helpers/servers.js';
import { Perm } from '../test/fakes/discord/index.js';
import { ADMIN_ID, createWorld, OWNER_ID, type World } from '../test/helpers/world.js';
import { startBotProcess, type BotProcess } from './bot.js';
import { atLeast, below, figure, type Figure } from './report.js';
import { bindForThroughput, hasItemRoles, BADGE, seedMember, type Owns } from './update-all.js';
import { benchMemberId, benchRobloxId, quietLogger, rng, round, sleep } from './util.js';

/**
 * Figure 10 — one Roblox budget for two shard processes.
 *
 * Two shard processes of one bot (bench/bot.ts, the compiled start) on one Redis store and one API key, against one
 * fake Discord that recommends two shards and routes each guild's events to its shard, and one fake Roblox that
 * enforces the key's scaled inventory budget (as figure 2: 100 per 1 s window). The bench plays the ShardingManager's
 * part: it starts each shard process with the environment discord.js's manager gives it (SHARDING_MANAGER, SHARDS,
 * SHARD_COUNT, and Rolink's ROBLOX_BUDGET_PROCESSES=2), keeping its own IPC channel to each so it can wait for the runs.
 * Each process is configured with the whole budget, so they stay within it only by sharing the window in Redis
 * (src/roblox/shared-limiter.ts); without it they would ask for twice the budget and meet 429s. One guild per shard;
 * `/update-all` is pressed in both at once; the combined throughput is every linked member checked ÷ the time until
 * both runs are done ÷ the key's ceiling. The guilds are set up as figure 2's (bindForThroughput: the breaker's end-of-run
 * removals are Discord calls, not checks).
 */

export interface SharedBudgetOptions {
	/** Linked members in all, split evenly between the shards' guilds. */
	members: number;
	rate: { limit: number; windowMs: number };
	shards?: number;
}

/** A guild on the world's fake Discord whose shard is `shard` of `count`, with the roles the item bindings give. */
function guildOnShard(w: World, shard: number, count: number): World {
	if (w.discord.shardOf(w.guild.id, count) === shard) return w;
	let id = BigInt(w.guild.id);
	do id += 1n << 22n;
	while (w.discord.shardOf(String(id), count) !== shard);
	const guild = w.discord.addGuild({ id: String(id), name: `Roblox Fans ${shard}`, ownerId: OWNER_ID });
	const admin = guild.addRole({ name: 'Admin', permissions: Perm.ManageGuild | Perm.ManageRoles, position: 1 });
	guild.addMember({ userId: ADMIN_ID, username: 'admin', roleIds: [admin.id] });
	const roles = {
		...w.roles,
		admin,
		badge: guild.addRole({ name: 'Badge Holder', position: 3 }),
		pass: guild.addRole({ name: 'VIP', position: 4 }),
	};
	return { ...w, guild, roles };
}

export async function measureSharedBudget(options: SharedBudgetOptions): Promise<{ figures: Figure[] }> {
	const { members, rate } = options;
	const shards = options.shards ?? 2;
	const per = Math.floor(members / shards);
	const redis = await startRedis();
	if (!redis) return { figures: [] }; // no redis-server here: said in one line
	const bots: BotProcess[] = [];
	let world: World | undefined;
	try {
		world = await createWorld({
			discord: { shards, maxConcurrency: 16 },
			roblox: { rateLimit: { ...rate, sendRetryAfter: true } },
		});
		const base = world;
		// One view of the world per shard: the same fake Discord and Roblox, a guild of that shard.
		const worlds = Array.from({ length: shards }, (_, k) => guildOnShard(base, k, shards));
		const roblox = base.roblox;
		const random = rng(9);
		const owns: Owns[] = [];
		for (let k = 0; k < shards; k++)
			for (let j = 0; j < per; j++) owns.push(seedMember(worlds[k]!, roblox, k * per + j, random));
		roblox.addBadge({ id: BADGE, name: 'Veteran' });
		const url = await freshRedisUrl(redis.url);
		const stores = await openStores(url, quietLogger);
		try {
			for (const w of worlds) await bindForThroughput(stores, w);
			for (let i = 0; i < per * shards; i++)
				await stores.links.save({
					discordId: benchMemberId(i),
					robloxId: benchRobloxId(i),
					linkedAt: new Date().toISOString(),
					method: 'import',
				});
		} finally {
			await stores.close();
		}
		const env = {
			DATABASE_URL: url,
			ROBLOX_BUDGET_PROCESSES: String(shards),
			// What discord.js's ShardingManager sets for each shard process it starts (mode 'process').
			SHARDING_MANAGER: 'true',
			SHARDING_MANAGER_MODE: 'process',
			SHARD_COUNT: String(shards),
		};
		for (let k = 0; k < shards; k++)
			bots.push(
				await startBotProcess(base, {
					env: { ...env, SHARDS: String(k) },
					app: {
						roblox: {
							inventoryRate: rate,
							retries: { max: 3, baseDelayMs: 20, maxDelayMs: 200 },
							timeouts: { requestMs: 5_000, connectMs: 2_000 },
						},
						bulk: { reportEveryMs: 1_000 },
					},
				}),
			);
		// A fresh budget window on every side before the clock starts.
		roblox.setRateLimit({ ...rate, sendRetryAfter: true });
		await sleep(rate.windowMs * 1.1);
		roblox.resetRequests();

		const handles = worlds.map((w) =>
			w.discord.runCommand({ guildId: w.guild.id, userId: ADMIN_ID, name: 'update-all' }),
		);
		for (const handle of handles) {
			const reply = (await handle.waitForReply(undefined, 10_000)) as { content?: string };
			if (!/Started/i.test(reply.content ?? ''))
				throw new Error(`/update-all did not start: ${JSON.stringify(reply.content)}`);
		}
		const budgetMs = Math.max(60_000, (members / rate.limit) * rate.windowMs * 4);
		const done = await Promise.all(
			bots.map(async (bot, k) => {
				const state = await bot.bulkWait(worlds[k]!.guild.id, budgetMs);
				if (!state) throw new Error(`/update-all: no run state; bot output: ${bot.output().slice(-2000)}`);
				return { state, at: Date.now() };
			}),
		);
		const identified = [...base.discord.identifiedShards].map(([id]) => id).sort();
		if (identified.join() !== [...Array(shards).keys()].join())
			throw new Error(`the shard processes identified as ${JSON.stringify(identified)}`);
		const elapsedMs = Math.max(...done.map((d) => d.at)) - Math.min(...handles.map((h) => h.dispatchedAt));
		const checked = done.reduce((sum, d) => sum + d.state.processed - d.state.skipped, 0);
		const failed = done.reduce((sum, d) => sum + d.state.failed, 0);
		const ceilingPerSecond = rate.limit / (rate.windowMs / 1000);
		const ratio = checked / (elapsedMs / 1000) / ceilingPerSecond;
		const inventory = roblox.requests.filter((r) => /\/inventory-items$/.test(r.path));
		const rateLimited = inventory.filter((r) => r.status === 429).length;
		const limitedRatio = inventory.length > 0 ? rateLimited / inventory.length : 0;
		let wrongRoles = 0;
		for (let k = 0; k < shards; k++)
			for (let j = 0; j < per; j++) if (!hasItemRoles(worlds[k]!, k * per + j, owns[k * per + j]!)) wrongRoles++;
		const label = `${shards} shard processes, one Redis, one API key`;
		return {
			figures: [
				figure({
					key: 'sharedBudget.throughputRatio',
					section: '10',
					label: `${label}: combined /update-all throughput ÷ ceiling (${checked} members in ${shards} guilds, ${round(checked / (elapsedMs / 1000), 1)} members/s)`,
					value: round(ratio, 3),
					unit: '',
					target: '≥ 0.95',
					pass: atLeast(ratio, 0.95),
					note: `budget ${rate.limit}/${rate.windowMs} ms for the key, each shard configured with all of it and ROBLOX_BUDGET_PROCESSES=${shards}; ${round(elapsedMs / 1000, 1)} s until both runs were done`,
				}),
				figure({
					key: 'sharedBudget.rateLimited',
					section: '10',
					label: `${label}: 429 answers ÷ inventory requests (${rateLimited} / ${inventory.length})`,
					value: round(limitedRatio * 100, 2),
					unit: '%',
					target: '< 1 %',
					pass: below(limitedRatio, 0.01),
				}),
				figure({
					key: 'sharedBudget.failed',
					section: '10',
					label: `${label}: failed members`,
					value: failed,
					unit: '',
					target: '= 0',
					pass: failed === 0,
				}),
				figure({
					key: 'sharedBudget.wrongRoles',
					section: '10',
					label: `${label}: members with wrong roles afterwards`,
					value: wrongRoles,
					unit: '',
					target: '= 0',
					pass: wrongRoles === 0,
				}),
			],
		};
	} finally {
		await Promise.all(bots.map((b) => b.stop().catch(() => undefined)));
		await world?.close().catch(() => undefined);
		await redis.stop();
	}
}

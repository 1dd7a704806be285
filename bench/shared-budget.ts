import { openStores } from '../src/store/index.js';
import { freshRedisUrl, startRedis } from '../test/helpers/servers.js';
import { Perm } from '../test/fakes/discord/index.js';
import { ADMIN_ID, createWorld, OWNER_ID, type World } from '../test/helpers/world.js';
import { startBotProcess, type BotProcess } from './bot.js';
import { atLeast, below, figure, type Figure } from './report.js';
import { bindItems, hasItemRoles, BADGE, seedMember, type Owns } from './update-all.js';
import { benchMemberId, benchRobloxId, quietLogger, rng, round, sleep } from './util.js';

/**
 * Figure 10 — one Roblox budget for two bot processes.
 *
 * Two bot processes (bench/bot.ts, the compiled start) on one Redis store and one API key, each serving its own guild
 * on its own fake Discord, both against one fake Roblox that enforces the key's scaled inventory budget (as figure 2:
 * 100 per 1 s window). Each bot is configured with the whole budget and ROBLOX_BUDGET_PROCESSES=2, so they can only
 * stay within it by sharing the window in Redis (src/roblox/shared-limiter.ts); without it they would ask for twice
 * the budget and meet 429s. `/update-all` is pressed in both guilds at once; the combined throughput is every linked
 * member checked ÷ the time until both runs are done ÷ the key's ceiling.
 *
 * Two bot processes with a guild each stand in for two shards: sharding (discord.js ShardingManager) is being built
 * apart, and what this figure measures (two processes spending one budget) is the same.
 */

export interface SharedBudgetOptions {
	/** Linked members in all, split evenly between the processes. */
	members: number;
	rate: { limit: number; windowMs: number };
	processes?: number;
}

/**
 * The world with a guild of another id on its fake Discord, used in its place: the store is shared, and guild settings
 * and run claims are keyed by guild id. The world's own guild stays, unused.
 */
function withOwnGuild(w: World, id: string): World {
	const guild = w.discord.addGuild({ id, name: 'Roblox Fans too', ownerId: OWNER_ID });
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
	const processes = options.processes ?? 2;
	const per = Math.floor(members / processes);
	const redis = await startRedis();
	if (!redis) return { figures: [] }; // no redis-server here: said in one line
	const worlds: World[] = [];
	const bots: BotProcess[] = [];
	try {
		for (let k = 0; k < processes; k++) {
			const w = await createWorld(k === 0 ? { roblox: { rateLimit: { ...rate, sendRetryAfter: true } } } : {});
			worlds.push(k === 0 ? w : withOwnGuild(w, String(900000000000000100n + BigInt(k))));
		}
		// One Roblox for everybody: the first world's.
		const roblox = worlds[0]!.roblox;
		const random = rng(9);
		const owns: Owns[] = [];
		for (let k = 0; k < processes; k++)
			for (let j = 0; j < per; j++) owns.push(seedMember(worlds[k]!, roblox, k * per + j, random));
		roblox.addBadge({ id: BADGE, name: 'Veteran' });
		const url = await freshRedisUrl(redis.url);
		const stores = await openStores(url, quietLogger);
		try {
			for (const w of worlds) await bindItems(stores, w);
			for (let i = 0; i < per * processes; i++)
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
			ROBLOX_BUDGET_PROCESSES: String(processes),
			ROBLOX_API_KEY: roblox.apiKey,
			ROBLOX_OPEN_CLOUD_URL: roblox.url,
			ROBLOX_USERS_URL: roblox.url,
			ROBLOX_BADGES_URL: roblox.url,
			ROBLOX_THUMBNAILS_URL: roblox.url,
		};
		for (const w of worlds)
			bots.push(
				await startBotProcess(w, {
					env,
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
		const elapsedMs = Math.max(...done.map((d) => d.at)) - Math.min(...handles.map((h) => h.dispatchedAt));
		const checked = done.reduce((sum, d) => sum + d.state.processed - d.state.skipped, 0);
		const failed = done.reduce((sum, d) => sum + d.state.failed, 0);
		const ceilingPerSecond = rate.limit / (rate.windowMs / 1000);
		const ratio = checked / (elapsedMs / 1000) / ceilingPerSecond;
		const inventory = roblox.requests.filter((r) => /\/inventory-items$/.test(r.path));
		const rateLimited = inventory.filter((r) => r.status === 429).length;
		const limitedRatio = inventory.length > 0 ? rateLimited / inventory.length : 0;
		let wrongRoles = 0;
		for (let k = 0; k < processes; k++)
			for (let j = 0; j < per; j++) if (!hasItemRoles(worlds[k]!, k * per + j, owns[k * per + j]!)) wrongRoles++;
		const label = `${processes} bot processes, one Redis, one API key`;
		return {
			figures: [
				figure({
					key: 'sharedBudget.throughputRatio',
					section: '10',
					label: `${label}: combined /update-all throughput ÷ ceiling (${checked} members in ${processes} guilds, ${round(checked / (elapsedMs / 1000), 1)} members/s)`,
					value: round(ratio, 3),
					unit: '',
					target: '≥ 0.95',
					pass: atLeast(ratio, 0.95),
					note: `budget ${rate.limit}/${rate.windowMs} ms for the key, each bot configured with all of it and ROBLOX_BUDGET_PROCESSES=${processes}; ${round(elapsedMs / 1000, 1)} s until both runs were done`,
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
		await Promise.all(worlds.map((w) => w.close().catch(() => undefined)));
		await redis.stop();
	}
}

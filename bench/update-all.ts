import type { GroupRule } from '../src/kinds/types.js';
import { openStores, type Stores } from '../src/store/index.js';
import type { FakeRoblox } from '../test/fakes/roblox/server.js';
import { ADMIN_ID, createWorld, type World } from '../test/helpers/world.js';
import { startBotProcess, type BotProcess } from './bot.js';
import { atLeast, below, figure, type Figure } from './report.js';
import { benchMemberId, benchRobloxId, quietLogger, rng, round } from './util.js';
import { INVENTORY_SCOPE } from '../test/fakes/roblox/oauth.js';
import { ROBLOX_CLIENT_ID, TOKEN_KEY, webEnv } from '../test/helpers/web.js';

/**
 * Figure 2 — /update-all throughput against the Roblox budget.
 *
 * `members` linked members in a guild on the fake Discord; the fake Roblox enforces `rate` (a scaled-down budget,
 * e.g. 100 per second instead of 100 per minute) and the bot is configured with the same inventoryRate. The run is
 * started with the real /update-all slash command through the fake gateway and timed from the INTERACTION_CREATE
 * dispatch until BulkRunner reports the run done.
 *
 * The bot runs in a process of its own (bench/bot.ts), as in production: in-process, the fakes' CPU (every Roblox
 * and Discord request is served and recorded by them) competes with the bot's on one event loop, and the bench
 * would measure the harness. Links and bindings are written beforehand through the real stores on the bot's file.
 */

export interface UpdateAllOptions {
	members: number;
	rate: { limit: number; windowMs: number };
	seed?: number;
	/** Give up after this long (the run is stopped and the figures fail). */
	timeoutMs?: number;
	/**
	 * Every `1 / share`-th member linked through OAuth with the inventory scope: checked with their own token and its
	 * per-authorization budget (`memberRate`, Roblox's 20/min scaled like the key's), everyone else with the API key.
	 */
	oauth?: { share: number; memberRate: { limit: number; windowMs: number } };
	/**
	 * Figure 8: also 3 group bindings in 2 groups (one of `groupSize` members, most of them linked here; one that
	 * reports 5 million members). Group budgets are scaled like the inventory's (300 and 150 per `rate.windowMs`
	 * against 100 inventory). `oneGroup`: the 3 bindings are all in the `groupSize` group (the variant where reading
	 * its roster is cheaper than batches).
	 */
	groups?: { groupSize: number; oneGroup?: boolean };
}

export interface UpdateAllResult {
	members: number;
	elapsedMs: number;
	membersPerSecond: number;
	ceilingPerSecond: number;
	throughputRatio: number;
	steadyRatio: number;
	inventoryRequests: number;
	rateLimited: number;
	rateLimitedRatio: number;
	failed: number;
	processed: number;
	wrongRoles: number;
	figures: Figure[];
}

/** Roblox's inventory budget per API-key owner, and what the comparison is about. */
const REAL_BUDGET_PER_MINUTE = 100;
const PEER_MEMBERS_PER_MINUTE = 60; // a fixed 1-second sleep per member
const SERVER_SIZE = 10_000;

export const BADGE = '2124990001';
const PASS = '700990002';
const ASSET = '1000990003';
const CLAN = '9100';
const HUGE = '9200';
const CLAN_ROLES = { member: '91001', officer: '91002', leader: '91003' };
const HUGE_ROLE = '92001';

/** What a bench member owns of the three bound items. */
export interface Owns {
	badge: boolean;
	pass: boolean;
	asset: boolean;
}

/**
 * Member `i` of a run, in `w`'s guild and on `roblox`: a random subset of the three bound items, and roles out of date
 * for about 10% (a re-check mostly confirms, and the run both adds and removes; if most members changed, Discord's
 * global 50 requests/s would bound the run, not Roblox).
 */
export function seedMember(w: World, roblox: FakeRoblox, i: number, random: () => number): Owns {
	const own = { badge: random() < 0.5, pass: random() < 0.3, asset: random() < 0.2 };
	const stale = random() < 0.1;
	const roleIds: string[] = [];
	if (own.badge !== stale) roleIds.push(w.roles.badge.id);
	if ((own.pass || own.asset) !== stale) roleIds.push(w.roles.pass.id);
	w.guild.addMember({ userId: benchMemberId(i), username: `bench${i}`, roleIds });
	roblox.addUser({ id: benchRobloxId(i), name: `bench_player_${i}` });
	if (own.badge) roblox.giveItem(benchRobloxId(i), { kind: 'badge', id: BADGE });
	if (own.pass) roblox.giveItem(benchRobloxId(i), { kind: 'gamepass', id: PASS });
	if (own.asset) roblox.giveItem(benchRobloxId(i), { kind: 'asset', id: ASSET });
	return own;
}

/** The item bindings of every run: the badge gives the badge role, the game pass or the asset the pass role. */
async function bindItems(stores: Stores, w: World): Promise<void> {
	await stores.guilds.addBinding(w.guild.id, {
		kind: 'badge',
		itemId: BADGE,
		roleId: w.roles.badge.id,
		addedBy: ADMIN_ID,
	});
	await stores.guilds.addBinding(w.guild.id, {
		kind: 'gamepass',
		itemId: PASS,
		roleId: w.roles.pass.id,
		addedBy: ADMIN_ID,
	});
	await stores.guilds.addBinding(w.guild.id, {
		kind: 'asset',
		itemId: ASSET,
		roleId: w.roles.pass.id,
		addedBy: ADMIN_ID,
	});
}

/**
 * The guild set-up of every throughput figure (2, 7, 8, 10): the item bindings, with the mass-removal breaker off.
 * The figures are the Roblox-bound check rate; with the breaker on, the ~8% stale members' removals are made after the
 * last check (Discord calls only, at discord.js's 50 a second: about 2 s for 100), a tail no check waits on.
 */
export async function bindForThroughput(stores: Stores, w: World): Promise<void> {
	await stores.guilds.updateSettings(w.guild.id, { removalBreaker: { off: true } });
	await bindItems(stores, w);
}

/** Whether member `i` of `w`'s guild holds exactly the item roles it should after the run. */
export function hasItemRoles(w: World, i: number, own: Owns): boolean {
	const roles = w.guild.member(benchMemberId(i))!.roleIds;
	return roles.includes(w.roles.badge.id) === own.badge && roles.includes(w.roles.pass.id) === (own.pass || own.asset);
}

export async function measureUpdateAll(options: UpdateAllOptions): Promise<UpdateAllResult> {
	const { members, rate } = options;
	const random = rng(options.seed ?? 2);
	const oauth = options.oauth;
	const every = oauth ? Math.max(1, Math.round(1 / oauth.share)) : 0;
	const isOAuth = (i: number) => oauth !== undefined && i % every === 0;
	let world: World | undefined;
	let bot: BotProcess | undefined;
	try {
		world = await createWorld({ roblox: { rateLimit: { ...rate, sendRetryAfter: true } } });
		const w = world;
		const owns: Owns[] = [];
		const inGroups: { clanRank: number | null; huge: boolean }[] = [];
		const groupOpts = options.groups;
		const groupRoles = groupOpts
			? {
					officers: w.guild.addRole({ name: 'Officers', position: 8 }),
					guests: w.guild.addRole({ name: 'Visitors', position: 9 }),
					huge: w.guild.addRole({ name: 'Huge fans', position: 10 }),
				}
			: undefined;
		if (groupOpts) {
			w.roblox.addGroup({
				id: CLAN,
				name: 'Bench Clan',
				roles: [
					{ id: CLAN_ROLES.member, name: 'Member', rank: 1 },
					{ id: CLAN_ROLES.officer, name: 'Officer', rank: 100 },
					{ id: CLAN_ROLES.leader, name: 'Leader', rank: 255 },
				],
				memberCount: groupOpts.groupSize,
			});
			w.roblox.addGroup({
				id: HUGE,
				name: 'Huge',
				roles: [{ id: HUGE_ROLE, name: 'Fan', rank: 1 }],
				memberCount: 5_000_000,
			});
			w.roblox.setGroupRateLimit({ memberships: rate.limit * 3, info: rate.limit * 1.5, windowMs: rate.windowMs });
		}
		for (let i = 0; i < members; i++) {
			const own = seedMember(w, w.roblox, i, random);
			owns.push(own);
			if (groupOpts && groupRoles) {
				const inClan = i < Math.min(groupOpts.groupSize, members) * 0.9;
				const clanRank = inClan ? (random() < 0.2 ? 100 : 1) : null;
				const huge = groupOpts.oneGroup ? clanRank !== null : random() < 0.3;
				inGroups.push({ clanRank, huge });
				if (clanRank !== null)
					w.roblox.setGroupRole(CLAN, benchRobloxId(i), clanRank === 100 ? CLAN_ROLES.officer : CLAN_ROLES.member);
				if (huge && !groupOpts.oneGroup) w.roblox.setGroupRole(HUGE, benchRobloxId(i), HUGE_ROLE);
				// As for items, about 10% start out of date.
				const member = w.guild.member(benchMemberId(i))!;
				const wanted = [
					[(clanRank ?? 0) >= 50, groupRoles.officers.id],
					[clanRank === null, groupRoles.guests.id],
					[huge, groupRoles.huge.id],
				] as const;
				for (const [has, roleId] of wanted) if (has !== random() < 0.03) member.roleIds.push(roleId);
			}
		}
		w.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		const web = oauth ? await webEnv(w, { inventoryScope: true }) : undefined;
		if (oauth) w.roblox.oauth.inventoryRate = oauth.memberRate;
		const stores = await openStores(w.databaseUrl, quietLogger, {
			tokenEncryptionKey: web ? Buffer.from(TOKEN_KEY, 'base64') : undefined,
		});
		try {
			await bindForThroughput(stores, w);
			if (groupRoles) {
				const group = (groupId: string, rule: GroupRule, roleId: string) =>
					stores.guilds.addBinding(w.guild.id, { kind: 'group', groupId, rule, roleId, addedBy: ADMIN_ID });
				await group(CLAN, { type: 'range', min: 50, max: 255 }, groupRoles.officers.id);
				await group(CLAN, { type: 'guest' }, groupRoles.guests.id);
				await group(groupOpts?.oneGroup ? CLAN : HUGE, { type: 'any' }, groupRoles.huge.id);
			}
			for (let i = 0; i < members; i++) {
				await stores.links.save({
					discordId: benchMemberId(i),
					robloxId: benchRobloxId(i),
					linkedAt: new Date().toISOString(),
					method: isOAuth(i) ? 'oauth' : 'import',
				});
				if (isOAuth(i)) {
					const scopes = ['openid', 'profile', INVENTORY_SCOPE];
					const { refreshToken } = w.roblox.oauth.grant(ROBLOX_CLIENT_ID, benchRobloxId(i), scopes);
					await stores.tokens.put({ discordId: benchMemberId(i), robloxId: benchRobloxId(i), refreshToken, scopes });
				}
			}
		} finally {
			await stores.close();
		}
		bot = await startBotProcess(w, {
			...(web ? { env: web.env } : {}),
			app: {
				roblox: {
					inventoryRate: rate,
					...(groupOpts
						? {
								groupRates: {
									memberships: { limit: rate.limit * 3, windowMs: rate.windowMs },
									info: { limit: rate.limit * 1.5, windowMs: rate.windowMs },
								},
							}
						: {}),
					...(oauth ? { memberInventoryRate: oauth.memberRate } : {}),
					retries: { max: 3, baseDelayMs: 20, maxDelayMs: 200 },
					timeouts: { requestMs: 5_000, connectMs: 2_000 },
				},
				bulk: { reportEveryMs: 1_000 },
			},
		});
		const running = bot;
		// A fresh budget window on both sides before the clock starts.
		w.roblox.setRateLimit({ ...rate, sendRetryAfter: true });
		await new Promise((resolve) => setTimeout(resolve, rate.windowMs * 1.1));
		w.roblox.resetRequests();

		const handle = w.discord.runCommand({ guildId: w.guild.id, userId: ADMIN_ID, name: 'update-all' });
		const reply = (await handle.waitForReply(undefined, 10_000)) as { content?: string };
		if (!/Started/i.test(reply.content ?? ''))
			throw new Error(`/update-all did not start: ${JSON.stringify(reply.content)}`);
		const budgetMs = options.timeoutMs ?? Math.max(60_000, (members / rate.limit) * rate.windowMs * 4);
		const state = await running.bulkWait(w.guild.id, budgetMs);
		const doneAt = Date.now();
		if (!state) throw new Error(`/update-all: no run state; bot output: ${running.output().slice(-2000)}`);
		const elapsedMs = doneAt - handle.dispatchedAt;

		const inventory = w.roblox.requests.filter((r) => /\/inventory-items$/.test(r.path));
		const rateLimited = inventory.filter((r) => r.status === 429).length;
		const linkedChecked = state.processed - state.skipped;
		const ceilingPerSecond = rate.limit / (rate.windowMs / 1000);
		const membersPerSecond = linkedChecked / (elapsedMs / 1000);
		// Steady state: the first window starts with a full budget (a free burst), so also count only the requests
		// after the first window and before the last one.
		const ok = inventory
			.filter((r) => r.status === 200)
			.map((r) => r.at)
			.sort((a, b) => a - b);
		const first = ok[0] ?? 0;
		const last = ok[ok.length - 1] ?? 0;
		const middle = ok.filter((t) => t >= first + rate.windowMs && t < last - rate.windowMs).length;
		const middleSeconds = (last - first - 2 * rate.windowMs) / 1000;
		const steadyRatio = middleSeconds > 0 ? middle / middleSeconds / ceilingPerSecond : Number.NaN;

		let wrongRoles = 0;
		for (let i = 0; i < members; i++) {
			const roles = w.guild.member(benchMemberId(i))!.roleIds;
			if (!hasItemRoles(w, i, owns[i]!)) wrongRoles++;
			else if (groupRoles) {
				const g = inGroups[i]!;
				if (
					roles.includes(groupRoles.officers.id) !== (g.clanRank ?? 0) >= 50 ||
					roles.includes(groupRoles.guests.id) !== (g.clanRank === null) ||
					roles.includes(groupRoles.huge.id) !== g.huge
				)
					wrongRoles++;
			}
		}
		// What every variant of the run reports; each adds its own figures.
		const throughputRatio = membersPerSecond / ceilingPerSecond;
		const measured = {
			members,
			elapsedMs,
			membersPerSecond,
			ceilingPerSecond,
			throughputRatio,
			steadyRatio,
			inventoryRequests: inventory.length,
			rateLimited,
			rateLimitedRatio: inventory.length > 0 ? rateLimited / inventory.length : 0,
			failed: state.failed,
			processed: state.processed,
			wrongRoles,
		};
		if (groupOpts) {
			const groupRequests = w.roblox.requests.filter((r) => r.path.startsWith('/cloud/v2/groups/'));
			const perMember = groupRequests.length / linkedChecked;
			const groupLimited = groupRequests.filter((r) => r.status === 429).length;
			const batches = groupRequests.filter((r) => r.path === '/cloud/v2/groups/-/memberships').length;
			const rosterPages = groupRequests.filter((r) => /^\/cloud\/v2\/groups\/\d+\/memberships$/.test(r.path)).length;
			const plan =
				rosterPages > 0 && batches === 0 ? 'rosters' : batches > 0 && rosterPages === 0 ? 'batches' : 'mixed';
			const size = groupOpts.groupSize.toLocaleString('en-US');
			const variant = groupOpts.oneGroup ? 'updateAllGroupsRoster' : 'updateAllGroups';
			const what = groupOpts.oneGroup
				? `3 group bindings in 1 group of ${size} members`
				: `3 group bindings in 2 groups (${size} and 5 million members)`;
			const perMemberFigure = figure({
				key: `${variant}.groupRequestsPerMember`,
				section: '8',
				label: `Group requests per member, /update-all over ${linkedChecked} linked members, ${what}`,
				value: round(perMember, 4),
				unit: 'req',
				target: '≤ 0.1',
				pass: perMember <= 0.1,
				note: `${groupRequests.length} group requests: ${batches} batched memberships reads of up to 50 users, ${rosterPages} roster pages of 100, the rest group sizes, role lists and single reads`,
			});
			const planFigure = figure({
				key: `${variant}.plan`,
				section: '8',
				label: `Read-ahead chosen by measured cost (${groupOpts.oneGroup ? 'one group' : 'two groups'}): ${plan}`,
				value: groupOpts.oneGroup ? rosterPages : batches,
				unit: groupOpts.oneGroup ? `roster pages; ${batches} batches` : `batches; ${rosterPages} roster pages`,
				target: groupOpts.oneGroup ? 'rosters' : 'batches',
				pass: plan === (groupOpts.oneGroup ? 'rosters' : 'batches'),
			});
			const failedOrWrong = figure({
				key: `${variant}.failedOrWrong`,
				section: '8',
				label: 'Failed members + members with wrong roles afterwards',
				value: state.failed + wrongRoles,
				unit: '',
				target: '= 0',
				pass: state.failed + wrongRoles === 0,
			});
			if (groupOpts.oneGroup) return { ...measured, figures: [perMemberFigure, planFigure, failedOrWrong] };
			return {
				...measured,
				figures: [
					perMemberFigure,
					planFigure,
					figure({
						key: 'updateAllGroups.perMemberBaseline',
						section: '8',
						label: 'Baseline: a per-member checker (one memberships request a member)',
						value: 1,
						unit: 'req',
					}),
					figure({
						key: 'updateAllGroups.perBindingBaseline',
						section: '8',
						label: 'Baseline: a per-binding checker (one request a member and group binding)',
						value: 3,
						unit: 'req',
					}),
					figure({
						key: 'updateAllGroups.throughputRatio',
						section: '8',
						label: `/update-all with inventory and group bindings: throughput ÷ inventory budget ceiling (${round(membersPerSecond, 1)} members/s)`,
						value: round(throughputRatio, 3),
						unit: '',
						target: '≥ 0.95',
						pass: atLeast(throughputRatio, 0.95),
					}),
					figure({
						key: 'updateAllGroups.rateLimited',
						section: '8',
						label: '429 answers (inventory and groups)',
						value: rateLimited + groupLimited,
						unit: '',
						target: '= 0',
						pass: rateLimited + groupLimited === 0,
					}),
					failedOrWrong,
				],
			};
		}
		if (oauth) {
			const withToken = inventory.filter((r) => r.sentBearer).length;
			return {
				...measured,
				figures: [
					figure({
						key: 'updateAllOAuth.membersPerSecond',
						section: '7',
						label: `/update-all, ${members} members, ${Math.round(oauth.share * 100)}% linked by OAuth with the inventory scope: members/s`,
						value: round(membersPerSecond, 1),
						unit: '/s',
						note: `${round(elapsedMs / 1000, 1)} s; API key ${rate.limit}/${rate.windowMs} ms, each member token ${oauth.memberRate.limit}/${oauth.memberRate.windowMs} ms`,
					}),
					figure({
						key: 'updateAllOAuth.throughputRatio',
						section: '7',
						label: "Throughput ÷ the API key's ceiling (both budgets used at once; no peer can pass 1)",
						value: round(throughputRatio, 3),
						unit: '',
						target: '≥ 1.8',
						pass: atLeast(throughputRatio, 1.8),
					}),
					figure({
						key: 'updateAllOAuth.bearerShare',
						section: '7',
						label: `Inventory requests sent with the member's own token (${withToken} / ${inventory.length})`,
						value: round(inventory.length > 0 ? (withToken / inventory.length) * 100 : 0, 1),
						unit: '%',
					}),
					figure({
						key: 'updateAllOAuth.rateLimited',
						section: '7',
						label: '429 answers (API key and member budgets)',
						value: rateLimited,
						unit: '',
						target: '< 1 %',
						pass: below(inventory.length > 0 ? rateLimited / inventory.length : 0, 0.01),
					}),
					figure({
						key: 'updateAllOAuth.failedOrWrong',
						section: '7',
						label: 'Failed members + members with wrong roles afterwards',
						value: state.failed + wrongRoles,
						unit: '',
						target: '= 0',
						pass: state.failed + wrongRoles === 0,
					}),
				],
			};
		}
		// At Roblox's real budget (100 inventory requests a minute, one request per member as figure 1 shows), Rolink
		// checks as many members a minute as the ratio of the ceiling it reached here; a bot sleeping a fixed 1 s per
		// member checks at most 60 (it never gets near the budget, so it is the sleep that limits it).
		// Capped at the budget: over a short run the first window's burst lifts the ratio above 1, over 10,000 members
		// (100 minutes) it is noise, and the budget is never exceeded.
		const realMembersPerMinute = Math.min(throughputRatio, 1) * REAL_BUDGET_PER_MINUTE;
		const realHours = (count: number, perMinute: number) => count / perMinute / 60;
		const { rateLimitedRatio } = measured;
		const budget = `${rate.limit}/${rate.windowMs === 1000 ? 's' : `${rate.windowMs} ms`}`;
		return {
			...measured,
			figures: [
				figure({
					key: 'updateAll.membersPerSecond',
					section: '2',
					label: `/update-all, ${members} linked members, budget ${budget}: members/s`,
					value: round(membersPerSecond, 1),
					unit: '/s',
					note: `${round(elapsedMs / 1000, 1)} s from command to done`,
				}),
				figure({
					key: 'updateAll.throughputRatio',
					section: '2',
					label: 'Throughput ÷ Roblox budget ceiling',
					value: round(throughputRatio, 3),
					unit: '',
					target: '≥ 0.95',
					pass: atLeast(throughputRatio, 0.95),
				}),
				figure({
					key: 'updateAll.steadyRatio',
					section: '2',
					label: 'Steady-state request rate ÷ ceiling (first and last window excluded)',
					value: round(steadyRatio, 3),
					unit: '',
					note: 'the limiter keeps a 2% margin over the server window and dates each slot from its answer; a steady ratio a little over 1 is the sliding window letting the first window start at once',
				}),
				figure({
					key: 'updateAll.rateLimitedRatio',
					section: '2',
					label: `429 answers ÷ inventory requests (${rateLimited} / ${inventory.length})`,
					value: round(rateLimitedRatio * 100, 2),
					unit: '%',
					target: '< 1 %',
					pass: below(rateLimitedRatio, 0.01),
				}),
				figure({
					key: 'updateAll.failed',
					section: '2',
					label: 'Failed members',
					value: state.failed,
					unit: '',
					target: '= 0',
					pass: state.failed === 0,
				}),
				figure({
					key: 'updateAll.wrongRoles',
					section: '2',
					label: 'Members with wrong roles afterwards',
					value: wrongRoles,
					unit: '',
					target: '= 0',
					pass: wrongRoles === 0,
				}),
				figure({
					key: 'updateAll.realMembersPerMinute',
					section: '2',
					label: `At Roblox's real budget (${REAL_BUDGET_PER_MINUTE} requests/min): Rolink members/min (ratio above, at most 1, × ${REAL_BUDGET_PER_MINUTE})`,
					value: round(realMembersPerMinute, 1),
					unit: '/min',
				}),
				figure({
					key: 'updateAll.peerMembersPerMinute',
					section: '2',
					label: 'At the real budget: a bot with a fixed 1 s sleep per member, members/min',
					value: PEER_MEMBERS_PER_MINUTE,
					unit: '/min',
				}),
				figure({
					key: 'updateAll.realHours10k',
					section: '2',
					label: `A ${SERVER_SIZE.toLocaleString('en-US')}-member server at the real budget: Rolink, hours`,
					value: round(realHours(SERVER_SIZE, realMembersPerMinute), 2),
					unit: 'h',
				}),
				figure({
					key: 'updateAll.peerHours10k',
					section: '2',
					label: `A ${SERVER_SIZE.toLocaleString('en-US')}-member server: the fixed-sleep bot, hours`,
					value: round(realHours(SERVER_SIZE, PEER_MEMBERS_PER_MINUTE), 2),
					unit: 'h',
					note: `Rolink is ${round(realMembersPerMinute / PEER_MEMBERS_PER_MINUTE, 2)}× as fast at the real budget`,
				}),
			],
		};
	} finally {
		await bot?.stop().catch(() => undefined);
		await world?.close().catch(() => undefined);
	}
}

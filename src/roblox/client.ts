import { fetchBadge } from './badges.js';
import { SingleFlight, TtlCache } from './cache.js';
import type { MemberAuth, RobloxContext } from './context.js';
import { introspectApiKey, type ApiKeyInfo } from './apikey.js';
import { RobloxError } from './errors.js';
import type { InventoryFilter } from './filter.js';
import { Http, type RobloxLogger } from './http.js';
import { listInventory } from './inventory.js';
import type { Limiter } from './limiter.js';
import { checkOwnershipNow, ownershipKey } from './ownership.js';
import {
	fetchGroup,
	fetchGroupRoles,
	fetchMemberships,
	fetchRoster,
	MAX_USERS_PER_MEMBERSHIP_FILTER,
	type GroupInfo,
	type GroupRoleInfo,
} from './groups.js';
import { chooseGroupReads, rosterPages, type GroupReadPlan } from './group-reads.js';
import { localBudgets, type Budgets } from './shared-limiter.js';
import { fetchHeadshotUrl } from './thumbnails.js';
import type {
	BadgeInfo,
	GroupAnswer,
	GroupMembershipInfo,
	InventoryPage,
	ItemRef,
	OwnershipAnswer,
	Priority,
	RobloxUser,
	UsernameMatch,
} from './types.js';
import { fetchUser, fetchUserStatus, resolveUsernames } from './users.js';

export interface RobloxClientOptions {
	apiKey: string;
	openCloudUrl: string;
	usersUrl: string;
	badgesUrl: string;
	thumbnailsUrl: string;
	/** Inventory budget; default { limit: 100, windowMs: 60_000 } (config: ROBLOX_INVENTORY_RATE_PER_MINUTE). */
	inventoryRate?: { limit: number; windowMs: number };
	/** Group budgets; defaults 300/min (memberships and roles) and 150/min (`groups/{id}`), as Roblox publishes. */
	groupRates?: { memberships: { limit: number; windowMs: number }; info: { limit: number; windowMs: number } };
	/** Inventory budget of each member's OAuth authorization; default { limit: 20, windowMs: 60_000 }. */
	memberInventoryRate?: { limit: number; windowMs: number };
	/** Defaults 5_000 / 10_000. requestMs bounds the wait for headers and for each body chunk. */
	timeouts?: { connectMs?: number; requestMs?: number };
	/** Defaults 4 / 250 / 8_000. */
	retries?: { max?: number; baseDelayMs?: number; maxDelayMs?: number };
	/** Reuse a fresh ownership answer this long; default 30_000. */
	ownershipTtlMs?: number;
	/** Polling of unfinished thumbnail operations; defaults { baseDelayMs: 500, maxDelayMs: 4_000, maxPolls: 5 }. */
	thumbnailPoll?: { baseDelayMs?: number; maxDelayMs?: number; maxPolls?: number };
	/**
	 * Where every limiter's window lives (shared-limiter.ts): `openBudgets` gives shared windows in Redis, or this
	 * process's own at its share of the budget. Default: local, the whole budget (one process). Closed with the client.
	 */
	budgets?: Budgets;
	/** pino-compatible, context object first. */
	logger?: RobloxLogger;
	/** Clock for cache freshness and `checkedAt` (rate limiting always runs on real time). */
	now?: () => number;
}

export type UserStatus = { id: string; name: string; displayName: string; isBanned: boolean; created?: string };

export interface RobloxClient {
	/** With `member`, the request goes with that member's token and budget instead of the API key. */
	checkOwnership(
		userId: string,
		items: readonly ItemRef[],
		opts: { collectibles?: boolean; priority: Priority; fresh?: boolean; member?: MemberAuth | undefined },
	): Promise<OwnershipAnswer>;
	listInventory(
		userId: string,
		filter: InventoryFilter,
		opts: { pageToken?: string; pageSize?: number; priority: Priority },
	): Promise<InventoryPage>;
	getUser(userId: string, opts?: { fresh?: boolean; priority?: Priority }): Promise<RobloxUser>;
	getUserStatus(userId: string): Promise<UserStatus | null>;
	resolveUsernames(names: readonly string[]): Promise<Map<string, UsernameMatch>>;
	resolveUsername(name: string): Promise<UsernameMatch | null>;
	getAvatarHeadshotUrl(userId: string): Promise<string | null>;
	getBadge(badgeId: string): Promise<BadgeInfo | null>;
	/** A group's name and size (`groups/{id}`), cached; null when it does not exist. */
	getGroup(groupId: string, opts?: { priority?: Priority }): Promise<GroupInfo | null>;
	/** A group's roles with their ranks, cached; null when the group does not exist. */
	getGroupRoles(groupId: string, opts?: { priority?: Priority; fresh?: boolean }): Promise<GroupRoleInfo[] | null>;
	/** Which of these groups the user is in, at what rank: one memberships request (none when read by a batch). */
	checkGroups(
		userId: string,
		groupIds: readonly string[],
		opts: { priority: Priority; fresh?: boolean },
	): Promise<GroupAnswer>;
	/**
	 * Read the group memberships of many users ahead of their checks, which then cost nothing: by batches of 50 users,
	 * or by the rosters of `groups` when that costs fewer requests (`chooseGroupReads`). `expected`: how many linked
	 * members the run still has (default: these users). Best effort; says which way it read (null: nothing to read).
	 */
	prefetchGroupMemberships(
		userIds: readonly string[],
		opts: { priority: Priority; groups?: readonly string[]; expected?: number },
	): Promise<GroupReadPlan['way'] | null>;
	getBadgeNames(ids: readonly string[]): Promise<Map<string, string>>;
	introspectApiKey(): Promise<ApiKeyInfo>;
	/** Shutdown: background work waiting for budget gives up now; requests already sent still finish. */
	stopBackground(): void;
	stats(): { requests: number; inventoryRequests: number; groupRequests: number; rateLimited: number; retries: number };
	close(): Promise<void>;
}

const PROFILE_TTL_MS = 5 * 60_000;
const BADGE_TTL_MS = 60 * 60_000;
/** A missing badge may be created later; remember the miss for less time. */
const BADGE_MISS_TTL_MS = 5 * 60_000;
const THUMBNAIL_TTL_MS = 60 * 60_000;
const MAX_ENTRIES = 5_000;
/** Group names, sizes and role → rank maps change rarely. */
const GROUP_TTL_MS = 10 * 60_000;
/** A batch read serves the checks that follow it in a bulk run or sweep; long enough to reach the last of them. */
const BATCH_TTL_MS = 5 * 60_000;
/** Published budget of the other Open Cloud user endpoints (1000/min per key owner). */
const CLOUD_RATE = { limit: 1_000, windowMs: 60_000 };
/** Legacy hosts publish no limit; this is a polite ceiling per host. */
const LEGACY_RATE = { limit: 1_000, windowMs: 60_000 };
/** Badge-name lookups run a few at a time so a big list doesn't monopolise the badges budget. */
const BADGE_LOOKUP_CONCURRENCY = 8;

/** What is known of one user's groups; `only`: just these groups were read (from rosters), not every group. */
type KnownMemberships = { byGroup: Map<string, string[]>; only?: ReadonlySet<string> };

/** A complete roster (user id → role ids) and when it was read. */
type Roster = { members: Map<string, string[]>; readAt: number };

const covers = (known: KnownMemberships, groupIds: readonly string[]) =>
	!known.only || groupIds.every((id) => known.only!.has(id));

export function createRobloxClient(opts: RobloxClientOptions): RobloxClient {
	if (!opts.apiKey) throw new RobloxError('bad-api-key', 'Roblox API key is empty');
	const now = opts.now ?? Date.now;
	const http = new Http({
		apiKey: opts.apiKey,
		connectMs: opts.timeouts?.connectMs ?? 5_000,
		requestMs: opts.timeouts?.requestMs ?? 10_000,
		maxRetries: opts.retries?.max ?? 4,
		baseDelayMs: opts.retries?.baseDelayMs ?? 250,
		maxDelayMs: opts.retries?.maxDelayMs ?? 8_000,
		logger: opts.logger,
	});
	const memberRate = opts.memberInventoryRate ?? { limit: 20, windowMs: 60_000 };
	const memberLimiters = new Map<string, Limiter>();
	const budgets = opts.budgets ?? localBudgets();
	let stoppingBackground = false;
	const ctx: RobloxContext = {
		http,
		urls: {
			openCloud: opts.openCloudUrl,
			users: opts.usersUrl,
			badges: opts.badgesUrl,
			thumbnails: opts.thumbnailsUrl,
		},
		limiters: {
			inventory: budgets.limiter('inventory', opts.inventoryRate ?? { limit: 100, windowMs: 60_000 }),
			groups: budgets.limiter('groups', opts.groupRates?.memberships ?? { limit: 300, windowMs: 60_000 }),
			groupInfo: budgets.limiter('group-info', opts.groupRates?.info ?? { limit: 150, windowMs: 60_000 }),
			cloud: budgets.limiter('cloud', CLOUD_RATE),
			users: budgets.limiter('users', LEGACY_RATE),
			badges: budgets.limiter('badges', LEGACY_RATE),
			thumbnails: budgets.limiter('thumbnails', LEGACY_RATE),
		},
		memberLimiter(key) {
			let limiter = memberLimiters.get(key);
			if (!limiter) {
				if (memberLimiters.size >= MAX_ENTRIES) {
					// Forget idle authorizations first; a limiter with waiters must live on.
					for (const [k, l] of memberLimiters) if (l.waiting === 0 && memberLimiters.delete(k)) break;
				}
				// Keyed by the member's Roblox id, which is what Roblox's per-authorization budget follows.
				limiter = budgets.limiter(`member:${key}`, memberRate);
				if (stoppingBackground) limiter.refuse('background');
				memberLimiters.set(key, limiter);
			}
			return limiter;
		},
		logger: opts.logger,
		now,
	};
	const poll = {
		baseDelayMs: opts.thumbnailPoll?.baseDelayMs ?? 500,
		maxDelayMs: opts.thumbnailPoll?.maxDelayMs ?? 4_000,
		maxPolls: opts.thumbnailPoll?.maxPolls ?? 5,
	};

	const ownershipCache = new TtlCache<OwnershipAnswer>({
		ttlMs: opts.ownershipTtlMs ?? 30_000,
		maxEntries: MAX_ENTRIES,
		now,
	});
	const ownershipFlight = new SingleFlight<OwnershipAnswer>();
	const userCache = new TtlCache<RobloxUser>({ ttlMs: PROFILE_TTL_MS, maxEntries: MAX_ENTRIES, now });
	const userFlight = new SingleFlight<RobloxUser>();
	const badgeCache = new TtlCache<BadgeInfo | null>({ ttlMs: BADGE_TTL_MS, maxEntries: MAX_ENTRIES, now });
	const badgeFlight = new SingleFlight<BadgeInfo | null>();
	const thumbCache = new TtlCache<string>({ ttlMs: THUMBNAIL_TTL_MS, maxEntries: MAX_ENTRIES, now });
	const thumbFlight = new SingleFlight<string | null>();

	const groupCache = new TtlCache<GroupInfo | null>({ ttlMs: GROUP_TTL_MS, maxEntries: MAX_ENTRIES, now });
	const groupFlight = new SingleFlight<GroupInfo | null>();
	const rolesCache = new TtlCache<GroupRoleInfo[] | null>({ ttlMs: GROUP_TTL_MS, maxEntries: MAX_ENTRIES, now });
	const rolesFlight = new SingleFlight<GroupRoleInfo[] | null>();
	/**
	 * Per user: group id → role ids, from a single read (short-lived), a batch read (until its member is checked) or
	 * rosters. A roster-made entry knows only the groups read (`only`): a check asking another group reads anew.
	 */
	const membershipCache = new TtlCache<KnownMemberships>({
		ttlMs: opts.ownershipTtlMs ?? 30_000,
		maxEntries: 20_000,
		now,
	});
	const membershipFlight = new SingleFlight<KnownMemberships>();
	const membershipPending = new Map<string, Promise<KnownMemberships>>();
	/** Complete rosters (user id → role ids), believed as long as a batch read is. */
	const rosterCache = new TtlCache<Roster>({ ttlMs: BATCH_TTL_MS, maxEntries: 20, now });
	const rosterFlight = new SingleFlight<Roster | null>();
	/** Measured: pages a batch read takes (users in many groups make long answers), for the roster-or-batch choice. */
	const batchPages = { reads: 0, pages: 0 };
	/** Users read ahead lately, per set of groups: how many members one roster lifetime really serves. */
	const readAheadLog = new Map<string, { at: number; users: number }[]>();

	const getGroupRoles = (groupId: string, o: { priority?: Priority; fresh?: boolean } = {}) => {
		if (!o.fresh) {
			const hit = rolesCache.get(groupId);
			if (hit !== undefined) return Promise.resolve(hit);
		}
		return rolesFlight.run(`${o.fresh ? 'fresh' : 'any'}|${groupId}`, async () => {
			const roles = await fetchGroupRoles(ctx, groupId, o.priority ?? 'interactive');
			rolesCache.set(groupId, roles);
			return roles;
		});
	};

	const readMemberships = async (
		userId: string,
		groupIds: readonly string[],
		o: { priority: Priority; fresh?: boolean },
		calls: { count: number },
	): Promise<Map<string, string[]>> => {
		if (!o.fresh) {
			const hit = membershipCache.get(userId);
			if (hit && covers(hit, groupIds)) return hit.byGroup;
			const pending = membershipPending.get(userId);
			if (pending) {
				const batched = await pending.catch(() => null);
				if (batched && covers(batched, groupIds)) return batched.byGroup;
			}
		}
		const read = await membershipFlight.run(`${o.fresh ? 'fresh' : 'any'}|${userId}`, async () => {
			const byGroup =
				(await fetchMemberships(ctx, [userId], o.priority, calls)).get(userId) ?? new Map<string, string[]>();
			const known = { byGroup };
			membershipCache.set(userId, known);
			return known;
		});
		return read.byGroup;
	};

	/** A complete roster, cached; null when the group does not exist. Throws on any failure (never half a roster). */
	const getRoster = (groupId: string, memberCount: number, priority: Priority) => {
		const hit = rosterCache.get(groupId);
		if (hit) return Promise.resolve(hit);
		return rosterFlight.run(groupId, async () => {
			// A roster much longer than its measured size is not believed: the group changed under us, batch instead.
			const members = await fetchRoster(ctx, groupId, priority, 2 * rosterPages(memberCount) + 2);
			if (!members) return null;
			const roster = { members, readAt: now() };
			rosterCache.set(groupId, roster);
			return roster;
		});
	};

	/** Every bound group by roster, when the plan says so; false when one could not be read whole. */
	const readByRosters = async (
		todo: readonly string[],
		groups: readonly string[],
		sizes: Map<string, number>,
		priority: Priority,
	): Promise<boolean> => {
		try {
			const rosters = await Promise.all(groups.map((id) => getRoster(id, sizes.get(id) ?? 0, priority)));
			if (rosters.some((r) => r === null)) return false;
			const only = new Set(groups);
			// An answer is as old as the oldest roster it comes from, and lives no longer than a batch read's.
			const ttl = BATCH_TTL_MS - (now() - Math.min(...rosters.map((r) => r!.readAt)));
			if (ttl <= 0) return false;
			for (const userId of todo) {
				const byGroup = new Map<string, string[]>();
				groups.forEach((id, i) => {
					const roleIds = rosters[i]!.members.get(userId);
					if (roleIds) byGroup.set(id, roleIds);
				});
				membershipCache.set(userId, { byGroup, only }, ttl);
			}
			return true;
		} catch (e) {
			ctx.logger?.debug({ groups, error: (e as Error).message }, 'roblox group roster read failed; batching');
			return false;
		}
	};

	/** Members the read-ahead served in the last roster lifetime, once it has run that long (else undefined). */
	const servedPerLifetime = (key: string, users: number): number | undefined => {
		const t = now();
		const log = (readAheadLog.get(key) ?? []).filter((e) => e.at > t - 2 * BATCH_TTL_MS);
		const measured =
			log.length > 0 && log[0]!.at <= t - BATCH_TTL_MS
				? log.filter((e) => e.at > t - BATCH_TTL_MS).reduce((n, e) => n + e.users, 0)
				: undefined;
		log.push({ at: t, users });
		readAheadLog.delete(key);
		readAheadLog.set(key, log);
		if (readAheadLog.size > 100) readAheadLog.delete(readAheadLog.keys().next().value!);
		return measured;
	};

	/** Which way to read these users' groups: sizes from `groups/{id}` (cached), cost measured as it goes. */
	const planReads = async (
		todo: readonly string[],
		groups: readonly string[],
		expected: number,
		priority: Priority,
	): Promise<{ plan: GroupReadPlan; sizes: Map<string, number> }> => {
		const sizes = new Map<string, number>();
		const served = servedPerLifetime([...groups].sort().join(','), todo.length);
		const known = await Promise.all(
			groups.map(async (id) => {
				const fresh = rosterCache.has(id);
				const info = fresh ? null : await client.getGroup(id, { priority }).catch(() => null);
				if (info) sizes.set(id, info.memberCount);
				return { id, fresh, memberCount: info ? info.memberCount : null };
			}),
		);
		const members = Math.max(todo.length, served === undefined ? expected : Math.min(expected, served));
		const pagesPerBatch = batchPages.reads > 0 ? batchPages.pages / batchPages.reads : 1;
		return { plan: chooseGroupReads({ members, groups: known, pagesPerBatch }), sizes };
	};

	const readByBatches = async (todo: readonly string[], priority: Priority) => {
		const batches: Promise<unknown>[] = [];
		for (let i = 0; i < todo.length; i += MAX_USERS_PER_MEMBERSHIP_FILTER) {
			const chunk = todo.slice(i, i + MAX_USERS_PER_MEMBERSHIP_FILTER);
			const calls = { count: 0 };
			const read = fetchMemberships(ctx, chunk, priority, calls);
			for (const userId of chunk) {
				const mine = read.then((all) => {
					const known = { byGroup: all.get(userId) ?? new Map<string, string[]>() };
					membershipCache.set(userId, known, BATCH_TTL_MS);
					return known;
				});
				// Nobody may be waiting on it yet; a failed batch only means singles later.
				mine.catch(() => undefined);
				membershipPending.set(userId, mine);
			}
			batches.push(
				read
					.then(() => {
						batchPages.reads++;
						batchPages.pages += calls.count;
					})
					.catch((e: unknown) =>
						ctx.logger?.debug({ users: chunk.length, error: (e as Error).message }, 'roblox group batch read failed'),
					)
					.finally(() => {
						for (const userId of chunk) membershipPending.delete(userId);
					}),
			);
		}
		await Promise.all(batches);
	};

	const getBadge = (badgeId: string): Promise<BadgeInfo | null> => {
		const hit = badgeCache.get(badgeId);
		if (hit !== undefined) return Promise.resolve(hit);
		return badgeFlight.run(badgeId, async () => {
			const badge = await fetchBadge(ctx, badgeId);
			badgeCache.set(badgeId, badge, badge ? BADGE_TTL_MS : BADGE_MISS_TTL_MS);
			return badge;
		});
	};

	const client: RobloxClient = {
		checkOwnership(userId, items, o) {
			const key = ownershipKey(userId, items, o.collectibles === true);
			if (!o.fresh) {
				const hit = ownershipCache.get(key);
				if (hit) return Promise.resolve({ ...hit, requests: 0 });
			}
			// Fresh callers share only with other fresh callers: a check started earlier may predate the change
			// they want to see.
			return ownershipFlight.run(`${o.fresh ? 'fresh' : 'any'}|${o.member ? 'member' : 'key'}|${key}`, async () => {
				const answer = await checkOwnershipNow(ctx, userId, items, o);
				ownershipCache.set(key, answer);
				return answer;
			});
		},

		listInventory: (userId, filter, o) => listInventory(ctx, userId, filter, o),

		getUser(userId, o = {}) {
			if (!o.fresh) {
				const hit = userCache.get(userId);
				if (hit) return Promise.resolve(hit);
			}
			return userFlight.run(`${o.fresh ? 'fresh' : 'any'}|${userId}`, async () => {
				const user = await fetchUser(ctx, userId, o.priority ?? 'interactive');
				userCache.set(userId, user);
				return user;
			});
		},

		getUserStatus: (userId) => fetchUserStatus(ctx, userId),

		resolveUsernames: (names) => resolveUsernames(ctx, names),

		async resolveUsername(name) {
			const key = name.trim().toLowerCase();
			if (!key) return null;
			return (await resolveUsernames(ctx, [key])).get(key) ?? null;
		},

		async getAvatarHeadshotUrl(userId) {
			const hit = thumbCache.get(userId);
			if (hit) return hit;
			return thumbFlight.run(userId, async () => {
				const url = await fetchHeadshotUrl(ctx, userId, poll);
				if (url) thumbCache.set(userId, url);
				return url;
			});
		},

		getBadge,

		async getBadgeNames(ids) {
			const unique = [...new Set(ids)];
			const names = new Map<string, string>();
			let next = 0;
			const worker = async () => {
				while (next < unique.length) {
					const id = unique[next++]!;
					try {
						const badge = await getBadge(id);
						if (badge) names.set(id, badge.name);
					} catch (e) {
						// Best effort: a name is a nicety, the caller falls back to showing the id.
						ctx.logger?.debug({ badgeId: id, error: (e as Error).message }, 'roblox badge name lookup failed');
					}
				}
			};
			await Promise.all(Array.from({ length: Math.min(BADGE_LOOKUP_CONCURRENCY, unique.length) }, worker));
			return names;
		},

		getGroup(groupId, o = {}) {
			const hit = groupCache.get(groupId);
			if (hit !== undefined) return Promise.resolve(hit);
			return groupFlight.run(groupId, async () => {
				const group = await fetchGroup(ctx, groupId, o.priority ?? 'interactive');
				groupCache.set(groupId, group, group ? GROUP_TTL_MS : BADGE_MISS_TTL_MS);
				return group;
			});
		},

		getGroupRoles,

		async checkGroups(userId, groupIds, o) {
			const calls = { count: 0 };
			const memberships = await readMemberships(userId, groupIds, o, calls);
			const groups = new Map<string, GroupMembershipInfo>();
			for (const groupId of new Set(groupIds)) {
				const roleIds = memberships.get(groupId);
				if (!roleIds) continue;
				let roles = await getGroupRoles(groupId, { priority: o.priority });
				// A role created since the roles were cached: read them again once rather than guess its rank.
				if (roles && !roleIds.every((id) => roles!.some((r) => r.id === id)))
					roles = await getGroupRoles(groupId, { priority: o.priority, fresh: true });
				const held = (roles ?? []).filter((r) => roleIds.includes(r.id));
				if (held.length === 0)
					throw new RobloxError('unavailable', `group ${groupId}: the member's role is not among its roles`);
				const top = held.reduce((a, b) => (b.rank > a.rank ? b : a));
				groups.set(groupId, { roleId: top.id, roleName: top.name, rank: top.rank, roleIds });
			}
			return { userId, groups, requests: calls.count, checkedAt: now() };
		},

		async prefetchGroupMemberships(userIds, o) {
			const groups = [...new Set(o.groups ?? [])];
			const todo = [...new Set(userIds)].filter((id) => {
				const hit = membershipCache.get(id);
				return !(hit && covers(hit, groups)) && !membershipPending.has(id);
			});
			if (todo.length === 0) return null;
			if (groups.length > 0) {
				const { plan, sizes } = await planReads(todo, groups, o.expected ?? todo.length, o.priority);
				if (plan.way === 'rosters' && (await readByRosters(todo, groups, sizes, o.priority))) return 'rosters';
			}
			// Half a roster is no answer: what the rosters could not settle, batches read.
			await readByBatches(todo, o.priority);
			return 'batches';
		},

		introspectApiKey: () => introspectApiKey(ctx, opts.apiKey),

		stats: () => ({ ...http.stats }),

		stopBackground() {
			stoppingBackground = true;
			for (const l of [...Object.values(ctx.limiters), ...memberLimiters.values()]) l.refuse('background');
		},

		async close() {
			for (const l of Object.values(ctx.limiters)) l.close();
			for (const l of memberLimiters.values()) l.close();
			await budgets.close().catch(() => undefined);
			await http.close();
		},
	};
	return client;
}

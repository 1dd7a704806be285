import { asObject, type RobloxContext } from './context.js';
import { RobloxError } from './errors.js';
import { assertId } from './ids.js';
import type { Priority } from './types.js';

/**
 * Roblox groups over Open Cloud v2 (`/cloud/v2/groups/...`), never the legacy anonymous groups host. Budgets: 300 a
 * minute per key owner for memberships and roles (one limiter), 150 for `groups/{id}` (another).
 */

/** Documented: at most 50 users in a `groups/-/memberships` `user in [...]` filter. */
export const MAX_USERS_PER_MEMBERSHIP_FILTER = 50;
/** Documented: at most 100 memberships a page. */
export const MEMBERSHIP_PAGE_SIZE = 100;
const ROLE_PAGE_SIZE = 20;
/** Page tokens are bounded anyway; this stops a server that keeps handing out tokens. */
const MAX_PAGES = 1_000;

export interface GroupInfo {
	id: string;
	name: string;
	memberCount: number;
}

export interface GroupRoleInfo {
	id: string;
	name: string;
	rank: number;
}

/** Per user: group id → that user's role ids in the group. A user absent from a group is not in the map. */
export type MembershipsByUser = Map<string, Map<string, string[]>>;

const malformed = (why: string) => new RobloxError('unavailable', `Roblox sent a malformed groups answer: ${why}`);

async function listAll(
	ctx: RobloxContext,
	path: (token: string | undefined) => string,
	field: string,
	priority: Priority,
	onItem: (item: Record<string, unknown>) => void,
	calls?: { count: number },
	maxPages = MAX_PAGES,
): Promise<void> {
	let token: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const json = await ctx.http.json({
			base: ctx.urls.openCloud,
			method: 'GET',
			path: path(token),
			auth: true,
			limiter: ctx.limiters.groups,
			priority,
			...(calls ? { calls } : {}),
		});
		const body = asObject(json);
		if (!body) throw malformed('page is not an object');
		const items = body[field] ?? [];
		if (!Array.isArray(items)) throw malformed(`${field} is not an array`);
		for (const item of items) {
			const o = asObject(item);
			if (!o) throw malformed('item is not an object');
			onItem(o);
		}
		const next = body.nextPageToken;
		if (next !== undefined && typeof next !== 'string') throw malformed('nextPageToken is not a string');
		if (!next || items.length === 0) return;
		token = next;
	}
	throw malformed('too many pages');
}

const query = (params: Record<string, string | undefined>) => {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
	return q.toString();
};

/** `groups/{id}`: name and measured size; null when Roblox has no such group. */
export async function fetchGroup(ctx: RobloxContext, groupId: string, priority: Priority): Promise<GroupInfo | null> {
	assertId(groupId, 'groupId');
	try {
		const json = await ctx.http.json({
			base: ctx.urls.openCloud,
			method: 'GET',
			path: `/cloud/v2/groups/${groupId}`,
			auth: true,
			limiter: ctx.limiters.groupInfo,
			priority,
		});
		const o = asObject(json);
		if (!o || typeof o.id !== 'string') throw malformed('group has no id');
		return {
			id: o.id,
			name: typeof o.displayName === 'string' ? o.displayName : o.id,
			memberCount: typeof o.memberCount === 'number' ? o.memberCount : 0,
		};
	} catch (error) {
		if (error instanceof RobloxError && error.code === 'not-found') return null;
		throw error;
	}
}

/** Every role of a group (20 a page), or null when the group does not exist. */
export async function fetchGroupRoles(
	ctx: RobloxContext,
	groupId: string,
	priority: Priority,
): Promise<GroupRoleInfo[] | null> {
	assertId(groupId, 'groupId');
	const roles: GroupRoleInfo[] = [];
	try {
		await listAll(
			ctx,
			(token) =>
				`/cloud/v2/groups/${groupId}/roles?${query({ maxPageSize: String(ROLE_PAGE_SIZE), pageToken: token })}`,
			'groupRoles',
			priority,
			(o) => {
				if (typeof o.id !== 'string' || typeof o.rank !== 'number') throw malformed('role without id or rank');
				roles.push({ id: o.id, name: typeof o.displayName === 'string' ? o.displayName : o.id, rank: o.rank });
			},
		);
	} catch (error) {
		if (error instanceof RobloxError && error.code === 'not-found') return null;
		throw error;
	}
	return roles;
}

const idAfter = (path: unknown, prefix: string): string | undefined => {
	if (typeof path !== 'string') return undefined;
	const parts = path.split('/');
	const i = parts.indexOf(prefix);
	return i >= 0 ? parts[i + 1] : undefined;
};

/** A membership's role ids: `roles` (every role held) when given, else `role` (the highest one). */
const roleIdsOf = (o: Record<string, unknown>): string[] => {
	const paths: unknown[] = Array.isArray(o.roles) && o.roles.length > 0 ? o.roles : [o.role];
	return paths.map((p) => idAfter(p, 'roles')).filter((r): r is string => r !== undefined);
};

/**
 * A group's whole roster (`groups/{id}/memberships`, no filter, 100 a page): user id → role ids. Complete or thrown,
 * like every groups read; `maxPages` bounds it (a roster longer than planned is not believed, the caller batches).
 * Null when the group does not exist.
 */
export async function fetchRoster(
	ctx: RobloxContext,
	groupId: string,
	priority: Priority,
	maxPages: number,
	calls?: { count: number },
): Promise<Map<string, string[]> | null> {
	assertId(groupId, 'groupId');
	const roster = new Map<string, string[]>();
	try {
		await listAll(
			ctx,
			(token) =>
				`/cloud/v2/groups/${groupId}/memberships?${query({ maxPageSize: String(MEMBERSHIP_PAGE_SIZE), pageToken: token })}`,
			'groupMemberships',
			priority,
			(o) => {
				const userId = idAfter(o.user, 'users');
				if (!userId || idAfter(o.path, 'groups') !== groupId) throw malformed('roster entry without user or group');
				roster.set(userId, roleIdsOf(o));
			},
			calls,
			maxPages,
		);
	} catch (error) {
		if (error instanceof RobloxError && error.code === 'not-found') return null;
		throw error;
	}
	return roster;
}

/**
 * Every group membership of up to 50 users, in one filter (`groups/-/memberships?filter=user in [...]`), all pages.
 * Complete or thrown: a half-read answer never escapes, so "not in a group" is only ever said from a full answer.
 */
export async function fetchMemberships(
	ctx: RobloxContext,
	userIds: readonly string[],
	priority: Priority,
	calls?: { count: number },
): Promise<MembershipsByUser> {
	if (userIds.length === 0) return new Map();
	if (userIds.length > MAX_USERS_PER_MEMBERSHIP_FILTER)
		throw new RobloxError(
			'invalid-argument',
			`at most ${MAX_USERS_PER_MEMBERSHIP_FILTER} users per memberships filter`,
		);
	for (const id of userIds) assertId(id, 'userId');
	const result: MembershipsByUser = new Map(userIds.map((id) => [id, new Map<string, string[]>()]));
	const filter = `user in [${userIds.map((id) => `'users/${id}'`).join(', ')}]`;
	await listAll(
		ctx,
		(token) =>
			`/cloud/v2/groups/-/memberships?${query({ maxPageSize: String(MEMBERSHIP_PAGE_SIZE), filter, pageToken: token })}`,
		'groupMemberships',
		priority,
		(o) => {
			const userId = idAfter(o.user, 'users');
			const groupId = idAfter(o.path, 'groups');
			if (!userId || !groupId) throw malformed('membership without user or group');
			result.get(userId)?.set(groupId, roleIdsOf(o));
		},
		calls,
	);
	return result;
}

import { asObject, type RobloxContext } from './context.js';
import { isRobloxError, RobloxError } from './errors.js';
import { assertId, idFromWire } from './ids.js';
import type { Priority, RobloxUser, UsernameMatch } from './types.js';

/** The legacy endpoint declares no batch limit; 100 keeps each POST small and well under anything sane. */
export const USERNAME_BATCH = 100;

const str = (v: unknown, what: string): string => {
	if (typeof v !== 'string') throw new RobloxError('unavailable', `Roblox sent a malformed ${what}`);
	return v;
};

/** Open Cloud GET /cloud/v2/users/{id}. 404 → user-not-found. */
export async function fetchUser(ctx: RobloxContext, userId: string, priority: Priority): Promise<RobloxUser> {
	assertId(userId, 'userId');
	const json = await ctx.http.json({
		base: ctx.urls.openCloud,
		method: 'GET',
		path: `/cloud/v2/users/${userId}`,
		auth: true,
		limiter: ctx.limiters.cloud,
		priority,
		notFound: 'user-not-found',
	});
	const o = asObject(json);
	if (!o) throw new RobloxError('unavailable', 'Roblox sent a malformed user');
	const user: RobloxUser = {
		id: idFromWire(o.id, 'user id'),
		name: str(o.name, 'user name'),
		displayName: typeof o.displayName === 'string' ? o.displayName : str(o.name, 'user name'),
		about: typeof o.about === 'string' ? o.about : '',
	};
	if (typeof o.createTime === 'string') user.createTime = o.createTime;
	return user;
}

/** Legacy GET users host /v1/users/{id}: the one place that says whether an account is banned. */
export async function fetchUserStatus(
	ctx: RobloxContext,
	userId: string,
): Promise<{ id: string; name: string; displayName: string; isBanned: boolean; created?: string } | null> {
	assertId(userId, 'userId');
	let json: unknown;
	try {
		json = await ctx.http.json({
			base: ctx.urls.users,
			method: 'GET',
			path: `/v1/users/${userId}`,
			auth: false,
			limiter: ctx.limiters.users,
			priority: 'interactive',
			notFound: 'user-not-found',
		});
	} catch (e) {
		if (isRobloxError(e) && e.code === 'user-not-found') return null;
		throw e;
	}
	const o = asObject(json);
	if (!o) throw new RobloxError('unavailable', 'Roblox sent a malformed user');
	const out: { id: string; name: string; displayName: string; isBanned: boolean; created?: string } = {
		id: idFromWire(o.id, 'user id'),
		name: str(o.name, 'user name'),
		displayName: typeof o.displayName === 'string' ? o.displayName : str(o.name, 'user name'),
		isBanned: o.isBanned === true,
	};
	if (typeof o.created === 'string') out.created = o.created;
	return out;
}

/**
 * Legacy POST /v1/usernames/users. Previous usernames match too, names that match nothing are simply
 * absent, and banned users are included (a moderator looking someone up wants to see them).
 * Result keys are the requested names lowercased.
 */
export async function resolveUsernames(
	ctx: RobloxContext,
	names: readonly string[],
): Promise<Map<string, UsernameMatch>> {
	const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))];
	const out = new Map<string, UsernameMatch>();
	for (let i = 0; i < wanted.length; i += USERNAME_BATCH) {
		const batch = wanted.slice(i, i + USERNAME_BATCH);
		const json = await ctx.http.json({
			base: ctx.urls.users,
			method: 'POST',
			path: '/v1/usernames/users',
			body: { usernames: batch, excludeBannedUsers: false },
			auth: false,
			limiter: ctx.limiters.users,
			priority: 'interactive',
		});
		const data = asObject(json)?.data;
		if (!Array.isArray(data)) throw new RobloxError('unavailable', 'Roblox sent a malformed username lookup');
		for (const entry of data) {
			const o = asObject(entry);
			if (!o || typeof o.requestedUsername !== 'string')
				throw new RobloxError('unavailable', 'Roblox sent a malformed username match');
			const name = str(o.name, 'user name');
			out.set(o.requestedUsername.toLowerCase(), {
				id: idFromWire(o.id, 'user id'),
				name,
				displayName: typeof o.displayName === 'string' ? o.displayName : name,
				requestedUsername: o.requestedUsername,
			});
		}
	}
	return out;
}

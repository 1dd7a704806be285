import { asObject, type RobloxContext } from './context.js';
import { isRobloxError, RobloxError } from './errors.js';
import { assertId, idFromWire } from './ids.js';
import type { BadgeInfo } from './types.js';

/** Badges host GET /v1/badges/{id} (anonymous). null when the badge does not exist. */
export async function fetchBadge(ctx: RobloxContext, badgeId: string): Promise<BadgeInfo | null> {
	assertId(badgeId, 'badgeId');
	let json: unknown;
	try {
		json = await ctx.http.json({
			base: ctx.urls.badges,
			method: 'GET',
			path: `/v1/badges/${badgeId}`,
			auth: false,
			limiter: ctx.limiters.badges,
			priority: 'interactive',
		});
	} catch (e) {
		if (isRobloxError(e) && e.code === 'not-found') return null;
		throw e;
	}
	const o = asObject(json);
	if (!o || typeof o.name !== 'string') throw new RobloxError('unavailable', 'Roblox sent a malformed badge');
	const badge: BadgeInfo = {
		id: idFromWire(o.id, 'badge id'),
		name: o.name,
		description: typeof o.description === 'string' ? o.description : '',
		enabled: o.enabled === true,
	};
	const universe = asObject(o.awardingUniverse);
	if (universe && universe.id !== undefined && universe.id !== null)
		badge.universeId = idFromWire(universe.id, 'universe id');
	if (universe && typeof universe.name === 'string') badge.universeName = universe.name;
	return badge;
}

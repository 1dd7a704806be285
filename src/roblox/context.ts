import type { Http, RobloxLogger } from './http.js';
import type { Limiter } from './limiter.js';

/** A member's own credential for their inventory: the OAuth authorization (its budget key) and an access token. */
export interface MemberAuth {
	key: string;
	accessToken: string;
}

/** What the endpoint modules share; built once by createRobloxClient. */
export interface RobloxContext {
	http: Http;
	urls: { openCloud: string; users: string; badges: string; thumbnails: string };
	limiters: {
		/** The scarce one: 100/min per key owner on List Inventory Items. */
		inventory: Limiter;
		/** Group memberships and roles: 300/min per key owner. */
		groups: Limiter;
		/** `groups/{id}`: 150/min per key owner. */
		groupInfo: Limiter;
		/** Other Open Cloud user endpoints (1000/min each; one shared limiter is conservative). */
		cloud: Limiter;
		/** Legacy hosts publish no limits; stay polite. */
		users: Limiter;
		badges: Limiter;
		thumbnails: Limiter;
	};
	/** Inventory budget of one member's OAuth authorization (20/min each, apart from the key's 100). */
	memberLimiter(key: string): Limiter;
	logger?: RobloxLogger | undefined;
	now: () => number;
}

/** Narrowing helper for response bodies: a plain JSON object or nothing. */
export const asObject = (v: unknown): Record<string, unknown> | undefined =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

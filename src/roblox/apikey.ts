import { asObject, type RobloxContext } from './context.js';
import { RobloxError } from './errors.js';
import { idFromWire } from './ids.js';

export interface ApiKeyInfo {
	name: string;
	authorizedUserId?: string;
	scopes: { name: string; operations: string[] }[];
	enabled: boolean;
	expired: boolean;
}

/**
 * POST /api-keys/v1/introspect {apiKey}: what the key may do. The key travels in the body (that is the
 * endpoint's contract); it is still never logged, and error messages are redacted by the HTTP layer.
 */
export async function introspectApiKey(ctx: RobloxContext, apiKey: string): Promise<ApiKeyInfo> {
	const json = await ctx.http.json({
		base: ctx.urls.openCloud,
		method: 'POST',
		path: '/api-keys/v1/introspect',
		body: { apiKey },
		auth: false,
		limiter: ctx.limiters.cloud,
		priority: 'interactive',
	});
	const o = asObject(json);
	if (!o) throw new RobloxError('unavailable', 'Roblox sent a malformed key introspection');
	const scopes = (Array.isArray(o.scopes) ? o.scopes : []).flatMap((s) => {
		const so = asObject(s);
		if (!so || typeof so.name !== 'string') return [];
		const ops = Array.isArray(so.operations) ? so.operations.filter((x): x is string => typeof x === 'string') : [];
		return [{ name: so.name, operations: ops }];
	});
	const info: ApiKeyInfo = {
		name: typeof o.name === 'string' ? o.name : '',
		scopes,
		enabled: o.enabled === true,
		expired: o.expired === true,
	};
	if (
		o.authorizedUserId !== undefined &&
		o.authorizedUserId !== null &&
		o.authorizedUserId !== 0 &&
		o.authorizedUserId !== '0'
	) {
		info.authorizedUserId = idFromWire(o.authorizedUserId, 'authorizedUserId');
	}
	return info;
}

import { asObject, type RobloxContext } from './context.js';
import { assertId } from './ids.js';

/** 150 px is plenty for a Discord embed thumbnail and is one of Roblox's allowed sizes. */
export const HEADSHOT_SIZE = 150;

export interface ThumbnailPollOptions {
	/** First wait before polling an unfinished operation; doubles each time (Roblox suggests 1 s, 2 s, 4 s…). */
	baseDelayMs: number;
	maxDelayMs: number;
	maxPolls: number;
}

/**
 * Open Cloud generateThumbnail (a GET that returns a long-running Operation), polling the operation with
 * exponential backoff while done=false. If Open Cloud gives nothing usable, fall back to the legacy
 * thumbnails host once. A thumbnail is decoration: every failure ends as null, never as an exception.
 */
export async function fetchHeadshotUrl(
	ctx: RobloxContext,
	userId: string,
	poll: ThumbnailPollOptions,
): Promise<string | null> {
	try {
		assertId(userId, 'userId');
	} catch {
		return null;
	}
	try {
		const fromCloud = await generateThumbnail(ctx, userId, poll);
		if (fromCloud) return fromCloud;
	} catch (e) {
		ctx.logger?.debug({ userId, error: (e as Error).message }, 'roblox thumbnail: open cloud failed');
	}
	try {
		return await legacyHeadshot(ctx, userId);
	} catch (e) {
		ctx.logger?.debug({ userId, error: (e as Error).message }, 'roblox thumbnail: legacy failed');
		return null;
	}
}

async function generateThumbnail(
	ctx: RobloxContext,
	userId: string,
	poll: ThumbnailPollOptions,
): Promise<string | null> {
	const get = (path: string) =>
		ctx.http.json({
			base: ctx.urls.openCloud,
			method: 'GET',
			path,
			auth: true,
			limiter: ctx.limiters.cloud,
			priority: 'interactive',
			notFound: 'user-not-found',
		});
	let op = asObject(
		await get(`/cloud/v2/users/${userId}:generateThumbnail?size=${HEADSHOT_SIZE}&format=PNG&shape=ROUND`),
	);
	for (let i = 0; op && op.done !== true; i++) {
		if (i >= poll.maxPolls) return null;
		// The operation path is "users/{id}/operations/{opId}"; only accept that shape before putting it in a URL.
		const path = typeof op.path === 'string' ? op.path : '';
		// Observed operation ids are base64 (may contain '+', '/', '='), so the path is reused verbatim.
		const m = /^users\/(\d+)\/operations\/([A-Za-z0-9+/=_\-.]+)$/.exec(path);
		if (!m || m[1] !== userId || path.includes('..')) return null;
		await ctx.http.wait(Math.min(poll.maxDelayMs, poll.baseDelayMs * 2 ** i));
		op = asObject(await get(`/cloud/v2/${path}`));
	}
	const uri = asObject(op?.response)?.imageUri;
	return typeof uri === 'string' && /^https?:\/\//.test(uri) ? uri : null;
}

async function legacyHeadshot(ctx: RobloxContext, userId: string): Promise<string | null> {
	const json = await ctx.http.json({
		base: ctx.urls.thumbnails,
		method: 'GET',
		path: `/v1/users/avatar-headshot?userIds=${userId}&size=${HEADSHOT_SIZE}x${HEADSHOT_SIZE}&format=Png&isCircular=false`,
		auth: false,
		limiter: ctx.limiters.thumbnails,
		priority: 'interactive',
	});
	const data = asObject(json)?.data;
	const first = Array.isArray(data) ? asObject(data.find((d) => String(asObject(d)?.targetId) === userId)) : undefined;
	return first && first.state === 'Completed' && typeof first.imageUrl === 'string' && first.imageUrl
		? first.imageUrl
		: null;
}

/**
 * The fake Discord's OAuth2 (authorization code grant, scope `identify`), after discord/openapi.json and Discord's
 * OAuth2 docs: GET /oauth2/authorize shows a consent page for the browser's signed-in user (the `fake_discord_user`
 * cookie, set by tests), POST /oauth2/authorize redirects with a one-use code, POST /api/v10/oauth2/token swaps it
 * (client_secret_post or basic, redirect_uri must match), GET /api/v10/users/@me answers a Bearer token, and
 * POST /api/v10/oauth2/token/revoke revokes one. These requests are not recorded with the bot's REST calls.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { World } from './state.js';

export const FAKE_DISCORD_USER_COOKIE = 'fake_discord_user';
export const FAKE_DISCORD_CLIENT_SECRET = 'fake-discord-client-secret-0123456789';

export interface FakeDiscordOAuth {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	stats: { codesIssued: number; tokens: number; revoked: number; meCalls: number };
	/** Every code and token handed out, for the secrets suite. */
	issued: string[];
	liveTokens(): string[];
}

export function createFakeDiscordOAuth(world: World): FakeDiscordOAuth & {
	handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean;
} {
	const codes = new Map<string, { userId: string; redirectUri: string; used: boolean; expiresAt: number }>();
	const tokens = new Map<string, { userId: string; revoked: boolean }>();
	const random = () => randomBytes(24).toString('base64url');
	const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	const send = (
		res: ServerResponse,
		status: number,
		type: string,
		body: string,
		headers: Record<string, string> = {},
	) => {
		res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
		res.end(body);
	};
	const json = (res: ServerResponse, status: number, body: unknown) =>
		send(res, status, 'application/json', JSON.stringify(body));
	const page = (res: ServerResponse, status: number, title: string, body: string) =>
		send(
			res,
			status,
			'text/html; charset=utf-8',
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
		);
	const cookie = (req: IncomingMessage) =>
		(req.headers.cookie ?? '')
			.split(';')
			.map((p) => p.trim().split('='))
			.find(([k]) => k === FAKE_DISCORD_USER_COOKIE)?.[1];

	const oauth = {
		clientId: world.applicationId,
		clientSecret: FAKE_DISCORD_CLIENT_SECRET,
		redirectUris: [] as string[],
		stats: { codesIssued: 0, tokens: 0, revoked: 0, meCalls: 0 },
		issued: [] as string[],
		liveTokens: () => [...tokens.entries()].filter(([, t]) => !t.revoked).map(([k]) => k),
		handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
			const method = req.method ?? 'GET';
			const p = url.pathname;
			const clientOk = (form: URLSearchParams) => {
				let id = form.get('client_id');
				let secret = form.get('client_secret');
				const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
				if (basic)
					[id, secret] = Buffer.from(basic[1]!, 'base64').toString().split(':').map(decodeURIComponent) as [
						string,
						string,
					];
				return id === oauth.clientId && secret === oauth.clientSecret;
			};
			if (p === '/oauth2/authorize') {
				const q = method === 'POST' ? new URLSearchParams(body) : url.searchParams;
				const redirectUri = q.get('redirect_uri') ?? '';
				if (q.get('client_id') !== oauth.clientId || !oauth.redirectUris.includes(redirectUri)) {
					page(res, 400, 'Invalid OAuth2 redirect_uri', '<p>Unknown client or redirect URI.</p>');
					return true;
				}
				const user = world.users.get(cookie(req) ?? '');
				if (!user) {
					page(res, 401, 'Log in to Discord', '<p>Not signed in.</p>');
					return true;
				}
				if (method === 'GET') {
					const hidden = [...q.entries()]
						.map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
						.join('');
					page(
						res,
						200,
						'Authorize access to your account',
						`<p>Signed in to Discord as ${esc(user.username)}. Rolink wants to: know who you are (${esc(q.get('scope') ?? '')}).</p><form method="post" action="/oauth2/authorize">${hidden}<button type="submit">Authorize</button></form>`,
					);
					return true;
				}
				const code = random();
				oauth.issued.push(code);
				codes.set(code, { userId: user.id, redirectUri, used: false, expiresAt: Date.now() + 60_000 });
				oauth.stats.codesIssued++;
				const target = new URL(redirectUri);
				target.searchParams.set('code', code);
				if (q.get('state')) target.searchParams.set('state', q.get('state')!);
				send(res, 302, 'text/plain', '', { location: target.href });
				return true;
			}
			if (method === 'POST' && p === '/api/v10/oauth2/token') {
				const form = new URLSearchParams(body);
				if (!clientOk(form)) {
					json(res, 401, { error: 'invalid_client' });
					return true;
				}
				const c = codes.get(form.get('code') ?? '');
				if (
					form.get('grant_type') !== 'authorization_code' ||
					!c ||
					c.used ||
					c.expiresAt <= Date.now() ||
					c.redirectUri !== form.get('redirect_uri')
				) {
					if (c) c.used = true;
					json(res, 400, { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
					return true;
				}
				c.used = true;
				const token = random();
				const refresh = random();
				oauth.issued.push(token, refresh);
				tokens.set(token, { userId: c.userId, revoked: false });
				oauth.stats.tokens++;
				json(res, 200, {
					access_token: token,
					token_type: 'Bearer',
					expires_in: 604800,
					refresh_token: refresh,
					scope: 'identify',
				});
				return true;
			}
			if (method === 'POST' && p === '/api/v10/oauth2/token/revoke') {
				const form = new URLSearchParams(body);
				if (!clientOk(form)) {
					json(res, 401, { error: 'invalid_client' });
					return true;
				}
				const t = tokens.get(form.get('token') ?? '');
				if (t && !t.revoked) {
					t.revoked = true;
					oauth.stats.revoked++;
				}
				json(res, 200, {});
				return true;
			}
			const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
			if (method === 'GET' && p === '/api/v10/users/@me' && bearer) {
				oauth.stats.meCalls++;
				const t = tokens.get(bearer[1]!);
				if (!t || t.revoked) {
					json(res, 401, { message: '401: Unauthorized', code: 0 });
					return true;
				}
				json(res, 200, { ...world.userJson(world.user(t.userId)), mfa_enabled: false, locale: 'en-US' });
				return true;
			}
			return false;
		},
	};
	return oauth;
}

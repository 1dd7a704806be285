/**
 * The fake Roblox's OAuth 2.0 / OpenID Connect side, after Roblox's docs (facts in docs/roblox-oauth.md): discovery,
 * JWKS with an ES256 key, authorize with a consent page, token (code and refresh grants, PKCE S256, codes live one
 * minute and work once, refresh tokens work once), revoke, introspect, userinfo, and per-authorization inventory
 * budgets. The signed-in Roblox user of a browser is the `fake_roblox_user` cookie (tests set it).
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const FAKE_ROBLOX_USER_COOKIE = 'fake_roblox_user';
export const INVENTORY_SCOPE = 'user.inventory-item:read';

export type IdTokenTamper = 'bad-signature' | 'wrong-aud' | 'wrong-iss' | 'expired' | 'other-nonce';

export interface FakeOAuthClient {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
}

export interface OAuthReply {
	status?: number;
	body?: unknown;
	raw?: string;
	headers?: Record<string, string>;
}

interface Authorization {
	id: string;
	clientId: string;
	userId: string;
	scopes: string[];
	revoked: boolean;
}

export interface FakeRobloxOAuth {
	addClient(c: FakeOAuthClient): void;
	/** The next ID token issued is broken this way (one shot). */
	tamperNextIdToken(t: IdTokenTamper): void;
	/** Scopes Roblox refuses to grant even when asked (app policy). */
	refusedScopes: Set<string>;
	/** Per-authorization inventory budget; default 20 a minute. */
	inventoryRate: { limit: number; windowMs: number };
	/** Every code and token handed out, for the secrets suite. */
	issued: string[];
	/** Counters for assertions. */
	stats: { tokenRequests: number; refreshes: number; revocations: number; refusedGrants: number };
	/** Tests: issue a refresh token directly (as if the member had signed in earlier). */
	grant(clientId: string, userId: string, scopes: string[]): { refreshToken: string; authorizationId: string };
	/** Tests: the member revokes the app in their Roblox settings. */
	revokeAuthorization(id: string): void;
	authorizations(): Authorization[];
	liveRefreshTokens(): string[];
	route(req: http.IncomingMessage, url: URL, raw: string): Promise<OAuthReply | undefined>;
	/** For inventory requests with `Authorization: Bearer`: who, and whether the budget allows it. */
	checkBearer(
		req: http.IncomingMessage,
		now: number,
	):
		| { ok: true; userId: string; scopes: string[]; headers: Record<string, string> }
		| { ok: false; status: number; headers: Record<string, string> }
		| undefined;
}

const random = () => randomBytes(24).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const html = (title: string, body: string): OAuthReply => ({
	raw: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
	headers: { 'content-type': 'text/html; charset=utf-8' },
});
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const oauthError = (status: number, error: string, description = error): OAuthReply => ({
	status,
	body: { error, error_description: description },
});

export async function createFakeRobloxOAuth(opts: {
	baseUrl: () => string;
	users: Map<string, { id: string; name: string; displayName: string; created: string }>;
}): Promise<FakeRobloxOAuth> {
	const { privateKey, publicKey } = await generateKeyPair('ES256');
	const other = await generateKeyPair('ES256');
	const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'fake-roblox-1', alg: 'ES256', use: 'sig' };
	const clients = new Map<string, FakeOAuthClient>();
	const codes = new Map<
		string,
		{
			clientId: string;
			redirectUri: string;
			userId: string;
			scopes: string[];
			nonce?: string;
			challenge: string;
			expiresAt: number;
			used: boolean;
		}
	>();
	const auths = new Map<string, Authorization>();
	const refreshTokens = new Map<string, { authId: string; used: boolean }>();
	const accessTokens = new Map<string, { authId: string; expiresAt: number }>();
	const budgets = new Map<string, number[]>();
	let tamper: IdTokenTamper | undefined;
	const issuer = () => `${opts.baseUrl()}/oauth/`;

	const issuePair = (auth: Authorization) => {
		const refreshToken = `rt-${random()}`;
		const accessToken = `at-${random()}`;
		refreshTokens.set(refreshToken, { authId: auth.id, used: false });
		fake.issued.push(refreshToken, accessToken);
		accessTokens.set(accessToken, { authId: auth.id, expiresAt: Date.now() + 15 * 60_000 });
		return { refreshToken, accessToken };
	};

	const idToken = async (auth: Authorization, nonce: string | undefined) => {
		const user = opts.users.get(auth.userId)!;
		const t = tamper;
		tamper = undefined;
		const now = Math.floor(Date.now() / 1000);
		const claims: Record<string, unknown> = {
			sub: user.id,
			name: user.displayName,
			nickname: user.displayName,
			preferred_username: user.name,
			created_at: Math.floor(Date.parse(user.created) / 1000),
			profile: `https://www.roblox.com/users/${user.id}/profile`,
		};
		if (nonce !== undefined) claims.nonce = t === 'other-nonce' ? random() : nonce;
		return new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'JWT' })
			.setIssuer(t === 'wrong-iss' ? 'https://evil.example/oauth/' : issuer())
			.setAudience(t === 'wrong-aud' ? 'some-other-client' : auth.clientId)
			.setIssuedAt(t === 'expired' ? now - 7200 : now)
			.setExpirationTime(t === 'expired' ? now - 3600 : now + 3600)
			.sign(t === 'bad-signature' ? other.privateKey : privateKey);
	};

	const clientOf = (req: http.IncomingMessage, form: URLSearchParams): FakeOAuthClient | undefined => {
		let id = form.get('client_id') ?? undefined;
		let secret = form.get('client_secret') ?? undefined;
		const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
		if (basic) {
			const [u, p] = Buffer.from(basic[1]!, 'base64').toString().split(':');
			id = decodeURIComponent(u ?? '');
			secret = decodeURIComponent(p ?? '');
		}
		const c = id === undefined ? undefined : clients.get(id);
		return c && c.clientSecret === secret ? c : undefined;
	};

	const cookie = (req: http.IncomingMessage, name: string) =>
		(req.headers.cookie ?? '')
			.split(';')
			.map((p) => p.trim().split('='))
			.find(([k]) => k === name)?.[1];

	const fake: FakeRobloxOAuth = {
		refusedScopes: new Set(),
		issued: [],
		inventoryRate: { limit: 20, windowMs: 60_000 },
		stats: { tokenRequests: 0, refreshes: 0, revocations: 0, refusedGrants: 0 },
		addClient(c) {
			clients.set(c.clientId, c);
		},
		tamperNextIdToken(t) {
			tamper = t;
		},
		grant(clientId, userId, scopes) {
			const auth: Authorization = { id: random(), clientId, userId, scopes, revoked: false };
			auths.set(auth.id, auth);
			return { refreshToken: issuePair(auth).refreshToken, authorizationId: auth.id };
		},
		revokeAuthorization(id) {
			const a = auths.get(id);
			if (a) a.revoked = true;
		},
		authorizations: () => [...auths.values()],
		liveRefreshTokens: () =>
			[...refreshTokens.entries()].filter(([, r]) => !r.used && !auths.get(r.authId)!.revoked).map(([t]) => t),

		checkBearer(req, now) {
			const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
			if (!m) return undefined;
			const at = accessTokens.get(m[1]!);
			const auth = at && auths.get(at.authId);
			if (!at || !auth || auth.revoked || at.expiresAt <= now) return { ok: false, status: 401, headers: {} };
			if (!auth.scopes.includes(INVENTORY_SCOPE)) return { ok: false, status: 403, headers: {} };
			const { limit, windowMs } = fake.inventoryRate;
			const log = (budgets.get(auth.id) ?? []).filter((t) => t > now - windowMs);
			budgets.set(auth.id, log);
			const allowed = log.length < limit;
			if (allowed) log.push(now);
			const headers = {
				'x-ratelimit-limit': String(limit),
				'x-ratelimit-remaining': String(Math.max(0, limit - log.length)),
				'x-ratelimit-reset': String(Math.max(1, Math.ceil(((log[0] ?? now) + windowMs - now) / 1000))),
			};
			if (!allowed) return { ok: false, status: 429, headers };
			return { ok: true, userId: auth.userId, scopes: auth.scopes, headers };
		},

		async route(req, url, raw) {
			const p = url.pathname;
			const method = req.method ?? 'GET';
			if (!p.startsWith('/oauth/')) return undefined;
			const base = opts.baseUrl();
			if (method === 'GET' && p === '/oauth/.well-known/openid-configuration') {
				return {
					body: {
						issuer: issuer(),
						authorization_endpoint: `${base}/oauth/v1/authorize`,
						token_endpoint: `${base}/oauth/v1/token`,
						introspection_endpoint: `${base}/oauth/v1/token/introspect`,
						revocation_endpoint: `${base}/oauth/v1/token/revoke`,
						userinfo_endpoint: `${base}/oauth/v1/userinfo`,
						jwks_uri: `${base}/oauth/v1/certs`,
						scopes_supported: ['openid', 'profile', INVENTORY_SCOPE],
						response_types_supported: ['code'],
						subject_types_supported: ['public'],
						id_token_signing_alg_values_supported: ['ES256'],
						claims_supported: ['sub', 'name', 'nickname', 'preferred_username', 'created_at', 'profile'],
						token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
						code_challenge_methods_supported: ['S256'],
						grant_types_supported: ['authorization_code', 'refresh_token'],
					},
				};
			}
			if (method === 'GET' && p === '/oauth/v1/certs') return { body: { keys: [jwk] } };

			if (method === 'GET' && p === '/oauth/v1/authorize') {
				const q = url.searchParams;
				const client = clients.get(q.get('client_id') ?? '');
				const redirectUri = q.get('redirect_uri') ?? '';
				if (!client || !client.redirectUris.includes(redirectUri))
					return { status: 400, ...html('Invalid request', '<p>Unknown client or redirect URI.</p>') };
				if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
					return { status: 400, ...html('Invalid request', '<p>PKCE S256 and response_type=code are required.</p>') };
				const userId = cookie(req, FAKE_ROBLOX_USER_COOKIE);
				const user = userId ? opts.users.get(userId) : undefined;
				if (!user) return { status: 401, ...html('Sign in to Roblox', '<p>Not signed in.</p>') };
				const hidden = [...q.entries()]
					.map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
					.join('');
				const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
				return html(
					'Authorize app',
					`<p>Signed in to Roblox as @${esc(user.name)}. This app asks for: ${scopes.map(esc).join(', ')}.</p><form method="post" action="/oauth/v1/authorize">${hidden}<button type="submit">Allow</button></form>`,
				);
			}
			if (method === 'POST' && p === '/oauth/v1/authorize') {
				const form = new URLSearchParams(raw);
				const client = clients.get(form.get('client_id') ?? '');
				const redirectUri = form.get('redirect_uri') ?? '';
				const userId = cookie(req, FAKE_ROBLOX_USER_COOKIE);
				if (!client || !client.redirectUris.includes(redirectUri) || !userId || !opts.users.has(userId))
					return { status: 400, ...html('Invalid request', '<p>Refused.</p>') };
				const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s && !fake.refusedScopes.has(s));
				const code = random();
				fake.issued.push(code);
				codes.set(code, {
					clientId: client.clientId,
					redirectUri,
					userId,
					scopes,
					...(form.get('nonce') ? { nonce: form.get('nonce')! } : {}),
					challenge: form.get('code_challenge') ?? '',
					expiresAt: Date.now() + 60_000,
					used: false,
				});
				const target = new URL(redirectUri);
				target.searchParams.set('code', code);
				if (form.get('state')) target.searchParams.set('state', form.get('state')!);
				return { status: 302, raw: '', headers: { location: target.href } };
			}

			if (method === 'POST' && p === '/oauth/v1/token') {
				fake.stats.tokenRequests++;
				const form = new URLSearchParams(raw);
				const client = clientOf(req, form);
				if (!client) return oauthError(401, 'invalid_client');
				const refuse = (why: string) => {
					fake.stats.refusedGrants++;
					return oauthError(400, 'invalid_grant', why);
				};
				if (form.get('grant_type') === 'authorization_code') {
					const c = codes.get(form.get('code') ?? '');
					if (!c || c.used || c.expiresAt <= Date.now()) return refuse('code unknown, used or expired');
					c.used = true;
					if (c.clientId !== client.clientId || c.redirectUri !== form.get('redirect_uri'))
						return refuse('client or redirect_uri mismatch');
					if (form.get('code_verifier')) fake.issued.push(form.get('code_verifier')!); // the bot's PKCE secret
					if (s256(form.get('code_verifier') ?? '') !== c.challenge) return refuse('PKCE verification failed');
					const auth: Authorization = {
						id: random(),
						clientId: client.clientId,
						userId: c.userId,
						scopes: c.scopes,
						revoked: false,
					};
					auths.set(auth.id, auth);
					const pair = issuePair(auth);
					return {
						body: {
							access_token: pair.accessToken,
							refresh_token: pair.refreshToken,
							token_type: 'Bearer',
							expires_in: 900,
							scope: auth.scopes.join(' '),
							...(auth.scopes.includes('openid') ? { id_token: await idToken(auth, c.nonce) } : {}),
						},
					};
				}
				if (form.get('grant_type') === 'refresh_token') {
					fake.stats.refreshes++;
					const r = refreshTokens.get(form.get('refresh_token') ?? '');
					const auth = r && auths.get(r.authId);
					if (!r || !auth || r.used || auth.revoked || auth.clientId !== client.clientId)
						return refuse('refresh token unknown, used or revoked');
					r.used = true;
					const pair = issuePair(auth);
					return {
						body: {
							access_token: pair.accessToken,
							refresh_token: pair.refreshToken,
							token_type: 'Bearer',
							expires_in: 900,
							scope: auth.scopes.join(' '),
						},
					};
				}
				return oauthError(400, 'unsupported_grant_type');
			}
			if (method === 'POST' && (p === '/oauth/v1/token/revoke' || p === '/oauth/v1/token/introspect')) {
				const form = new URLSearchParams(raw);
				if (!clientOf(req, form)) return oauthError(401, 'invalid_client');
				const token = form.get('token') ?? '';
				const authId = refreshTokens.get(token)?.authId ?? accessTokens.get(token)?.authId;
				const auth = authId === undefined ? undefined : auths.get(authId);
				if (p.endsWith('/revoke')) {
					fake.stats.revocations++;
					if (auth) auth.revoked = true;
					return { body: {} };
				}
				const live = auth && !auth.revoked && !(refreshTokens.get(token)?.used ?? false);
				return {
					body: live
						? {
								active: true,
								sub: auth.userId,
								client_id: auth.clientId,
								scope: auth.scopes.join(' '),
								token_type: 'Bearer',
							}
						: { active: false },
				};
			}
			if (method === 'GET' && p === '/oauth/v1/userinfo') {
				const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
				const at = m ? accessTokens.get(m[1]!) : undefined;
				const auth = at && auths.get(at.authId);
				if (!at || !auth || auth.revoked || at.expiresAt <= Date.now())
					return { status: 401, body: { error: 'invalid_token' } };
				const user = opts.users.get(auth.userId)!;
				return {
					body: { sub: user.id, name: user.displayName, nickname: user.displayName, preferred_username: user.name },
				};
			}
			return { status: 404, body: { error: 'not_found' } };
		},
	};
	return fake;
}

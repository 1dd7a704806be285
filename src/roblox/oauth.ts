import * as oidc from 'openid-client';
import { RobloxError } from './errors.js';
import { assertId } from './ids.js';

/**
 * Roblox's OAuth 2.0 / OpenID Connect client, on openid-client (discovery, PKCE, state, nonce, ID-token signature
 * and claims are its job; nothing here reads a JWT by hand). The discovery document names every endpoint; only its
 * URL is configured, so the fake Roblox can serve it in tests.
 */

export const IDENTITY_SCOPES = ['openid', 'profile'] as const;
export const INVENTORY_SCOPE = 'user.inventory-item:read';

export interface RobloxOAuthOptions {
	discoveryUrl: string;
	clientId: string;
	clientSecret: string;
	redirectUri: string;
	/** Ask for the inventory scope too (the operator turned it on). */
	inventoryScope: boolean;
	timeoutSeconds?: number;
}

/** What the browser is sent to, and what must be kept (server-side) to check the answer. */
export interface AuthorizationRequest {
	url: string;
	state: string;
	nonce: string;
	codeVerifier: string;
}

export interface TokenPair {
	accessToken: string;
	refreshToken: string;
	/** Epoch ms. */
	accessExpiresAt: number;
	scopes: string[];
}

export interface RobloxSignIn {
	robloxId: string;
	name: string;
	displayName: string;
	scopes: string[];
	/** Only when Roblox granted the inventory scope: with identity scopes alone no token is kept. */
	tokens?: TokenPair;
}

export interface RobloxOAuth {
	begin(): Promise<AuthorizationRequest>;
	/** Checks state, PKCE (at Roblox), the ID token's signature, iss, aud, exp and nonce. RobloxError otherwise. */
	finish(callbackUrl: URL, checks: Omit<AuthorizationRequest, 'url'>): Promise<RobloxSignIn>;
	/** Refresh tokens work once: the answer's pair replaces the old one. 'token-revoked' when Roblox refuses it. */
	refresh(refreshToken: string): Promise<TokenPair>;
	revoke(refreshToken: string): Promise<void>;
}

export function createRobloxOAuth(opts: RobloxOAuthOptions, now: () => number = Date.now): RobloxOAuth {
	let configuration: Promise<oidc.Configuration> | undefined;
	const config = () => {
		configuration ??= discover(opts).catch((error: unknown) => {
			configuration = undefined; // try again next time: Roblox may have been down for a moment
			throw new RobloxError('unavailable', `Roblox OAuth discovery failed: ${describe(error)}`, { cause: error });
		});
		return configuration;
	};
	const scope = [...IDENTITY_SCOPES, ...(opts.inventoryScope ? [INVENTORY_SCOPE] : [])].join(' ');

	const pairOf = (tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, fallback?: string[]) => {
		if (!tokens.refresh_token) throw new RobloxError('oauth-refused', 'Roblox sent no refresh token');
		return {
			accessToken: tokens.access_token,
			refreshToken: tokens.refresh_token,
			accessExpiresAt: now() + (tokens.expiresIn() ?? 900) * 1000,
			scopes: tokens.scope === undefined ? (fallback ?? []) : tokens.scope.split(' ').filter(Boolean),
		};
	};

	return {
		async begin() {
			const c = await config();
			const codeVerifier = oidc.randomPKCECodeVerifier();
			const state = oidc.randomState();
			const nonce = oidc.randomNonce();
			const url = oidc.buildAuthorizationUrl(c, {
				redirect_uri: opts.redirectUri,
				scope,
				response_type: 'code',
				state,
				nonce,
				code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
				code_challenge_method: 'S256',
			});
			return { url: url.href, state, nonce, codeVerifier };
		},

		async finish(callbackUrl, checks) {
			const c = await config();
			let tokens;
			try {
				tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
					expectedState: checks.state,
					expectedNonce: checks.nonce,
					pkceCodeVerifier: checks.codeVerifier,
					idTokenExpected: true,
				});
			} catch (error) {
				throw refused(error);
			}
			const claims = tokens.claims();
			if (!claims) throw new RobloxError('oauth-refused', 'Roblox sent no ID token');
			const robloxId = claims.sub;
			try {
				assertId(robloxId, 'sub');
			} catch (error) {
				throw new RobloxError('oauth-refused', 'the ID token names no Roblox user id', { cause: error });
			}
			const name = typeof claims.preferred_username === 'string' ? claims.preferred_username : robloxId;
			const displayName =
				typeof claims.nickname === 'string' ? claims.nickname : typeof claims.name === 'string' ? claims.name : name;
			// Use the inventory scope only when the token response says it was granted, whatever was asked.
			const scopes = (tokens.scope ?? '').split(' ').filter(Boolean);
			const signIn: RobloxSignIn = { robloxId, name, displayName, scopes };
			if (scopes.includes(INVENTORY_SCOPE) && tokens.refresh_token) signIn.tokens = pairOf(tokens);
			else if (tokens.refresh_token) {
				// Identity only: nothing to keep. Revoking tells Roblox too (best effort; it expires anyway).
				await oidc.tokenRevocation(c, tokens.refresh_token).catch(() => undefined);
			}
			return signIn;
		},

		async refresh(refreshToken) {
			const c = await config();
			try {
				return pairOf(await oidc.refreshTokenGrant(c, refreshToken));
			} catch (error) {
				if (error instanceof RobloxError) throw error;
				if (error instanceof oidc.ResponseBodyError && (error.error === 'invalid_grant' || error.status === 401))
					throw new RobloxError('token-revoked', `Roblox refused the refresh token: ${error.error}`);
				throw new RobloxError('unavailable', `Roblox token refresh failed: ${describe(error)}`, { cause: error });
			}
		},

		async revoke(refreshToken) {
			const c = await config();
			try {
				await oidc.tokenRevocation(c, refreshToken);
			} catch (error) {
				throw new RobloxError('unavailable', `Roblox token revocation failed: ${describe(error)}`, { cause: error });
			}
		},
	};
}

async function discover(opts: RobloxOAuthOptions): Promise<oidc.Configuration> {
	const url = new URL(opts.discoveryUrl);
	// Plain http is only ever a local fake (config.ts allows http only where a test or a proxy on this host is).
	// The ID token comes straight from the token endpoint, where OIDC lets a client skip its signature; we check it
	// against Roblox's JWKS anyway (ES256), so a forged token fails even behind a compromised TLS terminator.
	const execute = [oidc.enableNonRepudiationChecks, ...(url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [])];
	return oidc.discovery(
		url,
		opts.clientId,
		{ client_secret: opts.clientSecret },
		oidc.ClientSecretPost(opts.clientSecret),
		{
			execute,
			timeout: opts.timeoutSeconds ?? 10,
		},
	);
}

/** Every way a sign-in can fail becomes one code; the message (for logs) says which check failed, never a token. */
function refused(error: unknown): RobloxError {
	return new RobloxError('oauth-refused', `Roblox sign-in refused: ${describe(error)}`, { cause: error });
}

function describe(error: unknown): string {
	if (error instanceof oidc.ResponseBodyError) return `${error.error} (${error.status})`;
	if (error instanceof oidc.AuthorizationResponseError) return `authorization error ${error.error}`;
	if (error instanceof Error) return `${(error as { code?: string }).code ?? error.name}: ${error.message}`;
	return String(error);
}

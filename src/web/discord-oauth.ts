import * as oidc from 'openid-client';

/**
 * Discord's OAuth2 (scope `identify`) on openid-client, configured by hand: Discord publishes no discovery document
 * for bots' OAuth2. The access token is used once, for /users/@me, then revoked; Rolink keeps no Discord token.
 */

export interface DiscordIdentity {
	id: string;
	username: string;
	globalName: string | null;
}

export interface DiscordOAuth {
	authorizationUrl(state: string): string;
	/** Checks the state, swaps the code for a token, reads who signed in, revokes the token. */
	finish(callbackUrl: URL, state: string): Promise<DiscordIdentity>;
}

export function createDiscordOAuth(opts: {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	redirectUri: string;
}): DiscordOAuth {
	const base = opts.baseUrl.replace(/\/+$/, '');
	const config = new oidc.Configuration(
		{
			issuer: base,
			authorization_endpoint: `${base}/oauth2/authorize`,
			token_endpoint: `${base}/api/v10/oauth2/token`,
			revocation_endpoint: `${base}/api/v10/oauth2/token/revoke`,
		},
		opts.clientId,
		{ client_secret: opts.clientSecret },
		oidc.ClientSecretPost(opts.clientSecret),
	);
	if (base.startsWith('http:')) oidc.allowInsecureRequests(config);
	return {
		authorizationUrl(state) {
			return oidc.buildAuthorizationUrl(config, {
				redirect_uri: opts.redirectUri,
				response_type: 'code',
				scope: 'identify',
				state,
				prompt: 'consent',
			}).href;
		},
		async finish(callbackUrl, state) {
			const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { expectedState: state });
			try {
				const res = await oidc.fetchProtectedResource(
					config,
					tokens.access_token,
					new URL(`${base}/api/v10/users/@me`),
					'GET',
				);
				if (!res.ok) throw new Error(`Discord /users/@me answered ${res.status}`);
				const me = (await res.json()) as { id?: unknown; username?: unknown; global_name?: unknown };
				if (typeof me.id !== 'string' || !/^\d{17,20}$/.test(me.id)) throw new Error('Discord sent no user id');
				return {
					id: me.id,
					username: typeof me.username === 'string' ? me.username : me.id,
					globalName: typeof me.global_name === 'string' ? me.global_name : null,
				};
			} finally {
				await oidc.tokenRevocation(config, tokens.access_token).catch(() => undefined);
			}
		},
	};
}

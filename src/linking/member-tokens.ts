import { isRobloxError } from '../roblox/errors.js';
import type { MemberAuth } from '../roblox/context.js';
import type { RobloxOAuth, TokenPair } from '../roblox/oauth.js';
import { INVENTORY_SCOPE } from '../roblox/oauth.js';
import type { Lock } from '../store/lock.js';
import type { TokenStore } from '../store/tokens.js';

export interface TokenLogger {
	info(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
}

/** Refresh a little before Roblox's 15 minutes are up, so a token never expires between our check and its use. */
const EARLY_REFRESH_MS = 60_000;

/**
 * The tokens of members who granted the inventory scope. Refresh tokens are stored encrypted (TokenStore); access
 * tokens live in memory only (15 minutes). Roblox's refresh tokens work once, so refreshing is serialised per member
 * under the store's lock (shared by every process on the database: two shards never spend one token) and the new
 * pair is stored before its access token is used. Each process keeps its own access tokens, so another process
 * refreshes again from the stored (newest) token when it needs one.
 */
export class MemberTokens {
	readonly #access = new Map<string, { robloxId: string; accessToken: string; expiresAt: number }>();

	constructor(
		private readonly deps: {
			tokens: TokenStore;
			/** The store's lock (Stores.lock), so refreshes are serialised across processes too. */
			lock: Lock;
			oauth: Pick<RobloxOAuth, 'refresh' | 'revoke'>;
			logger: TokenLogger;
			now: () => number;
		},
	) {}

	/** After a sign-in that granted the inventory scope. */
	async remember(discordId: string, robloxId: string, pair: TokenPair): Promise<void> {
		await this.#locked(discordId, async () => {
			await this.deps.tokens.put({ discordId, robloxId, refreshToken: pair.refreshToken, scopes: pair.scopes });
			this.#access.set(discordId, { robloxId, accessToken: pair.accessToken, expiresAt: pair.accessExpiresAt });
		});
	}

	/** The member's own credential for reading `robloxId`'s inventory, or null: then the API key is used. */
	async authFor(discordId: string, robloxId: string): Promise<MemberAuth | null> {
		if (!this.deps.tokens.enabled) return null;
		const cached = this.#fresh(discordId, robloxId);
		if (cached) return cached;
		return this.#locked(discordId, async () => {
			const again = this.#fresh(discordId, robloxId);
			if (again) return again;
			const stored = await this.deps.tokens.get(discordId);
			if (!stored || stored.robloxId !== robloxId || !stored.scopes.includes(INVENTORY_SCOPE)) return null;
			let pair: TokenPair;
			try {
				pair = await this.deps.oauth.refresh(stored.refreshToken);
			} catch (error) {
				if (isRobloxError(error) && error.code === 'token-revoked') {
					// Roblox says the authorization is gone (revoked by the member, expired, or already used): drop it.
					await this.deps.tokens.delete(discordId);
					this.#access.delete(discordId);
					this.deps.logger.info({ discordId, robloxId }, 'roblox token revoked; member falls back to the API key');
					return null;
				}
				this.deps.logger.warn({ discordId, err: error }, 'roblox token refresh failed; using the API key this time');
				return null;
			}
			// Roblox may narrow the scopes on refresh; without the inventory scope the token is of no use to us.
			if (!pair.scopes.includes(INVENTORY_SCOPE) && pair.scopes.length > 0) {
				await this.deps.tokens.delete(discordId);
				await this.deps.oauth.revoke(pair.refreshToken).catch(() => undefined);
				return null;
			}
			await this.deps.tokens.put({
				discordId,
				robloxId,
				refreshToken: pair.refreshToken,
				scopes: pair.scopes.length > 0 ? pair.scopes : stored.scopes,
			});
			this.#access.set(discordId, { robloxId, accessToken: pair.accessToken, expiresAt: pair.accessExpiresAt });
			return { key: robloxId, accessToken: pair.accessToken };
		});
	}

	/** Roblox refused an access token at use: forget it, so the next check refreshes (or learns it is revoked). */
	invalidate(discordId: string): void {
		this.#access.delete(discordId);
	}

	/** The link is gone (/unlink, taken over, re-linked without the scope): revoke at Roblox and delete. */
	async forget(discordId: string): Promise<void> {
		if (!this.deps.tokens.enabled) return;
		await this.#locked(discordId, async () => {
			this.#access.delete(discordId);
			const stored = await this.deps.tokens.get(discordId);
			await this.deps.tokens.delete(discordId);
			if (stored) {
				await this.deps.oauth.revoke(stored.refreshToken).catch((error: unknown) => {
					this.deps.logger.warn({ discordId, err: error }, 'could not revoke a roblox token (deleted here anyway)');
				});
			}
		});
	}

	#locked<T>(discordId: string, fn: () => Promise<T>): Promise<T> {
		return this.deps.lock.run([`token:${discordId}`], fn);
	}

	#fresh(discordId: string, robloxId: string): MemberAuth | null {
		const hit = this.#access.get(discordId);
		if (!hit || hit.robloxId !== robloxId || hit.expiresAt - EARLY_REFRESH_MS <= this.deps.now()) return null;
		return { key: robloxId, accessToken: hit.accessToken };
	}
}

/**
 * Members' Roblox refresh tokens work once (Roblox rotates them on every refresh and revokes the grant when a spent
 * one comes back). Two processes needing the same member's token at once must not both spend the stored one: the
 * refresh runs under the store's lock. Two opened stores on one database stand for the two processes.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { MemberTokens } from '../../src/linking/member-tokens.js';
import { RobloxError } from '../../src/roblox/errors.js';
import { INVENTORY_SCOPE, type TokenPair } from '../../src/roblox/oauth.js';
import { openStores } from '../../src/store/index.js';
import { describeEachStore, recordingLogger } from './helpers.js';

/** Roblox's refresh as it behaves: one use per token; a reused token revokes the whole grant. */
function rotatingOAuth() {
	let current = 'r0';
	let issued = 0;
	let revoked = false;
	const seen: string[] = [];
	return {
		seen,
		current: () => current,
		revoked: () => revoked,
		async refresh(refreshToken: string): Promise<TokenPair> {
			seen.push(refreshToken);
			await new Promise((r) => setTimeout(r, 30)); // the round trip to Roblox: wide enough for a race
			if (revoked || refreshToken !== current) {
				revoked = true;
				throw new RobloxError('token-revoked', 'refresh token already used');
			}
			current = `r${++issued}`;
			return {
				accessToken: `a${issued}`,
				refreshToken: current,
				accessExpiresAt: Date.now() + 15 * 60_000,
				scopes: [INVENTORY_SCOPE],
			};
		},
		revoke: () => Promise.resolve(),
	};
}

describeEachStore((t) => {
	it('two processes refreshing one member’s token at once: no token spent twice, the grant survives', async () => {
		const key = randomBytes(32);
		const open = () => openStores(t.db.url, recordingLogger(), { tokenEncryptionKey: key });
		// One after the other: the start-up probe's key is per process id, and these two share one.
		const one = await open();
		const two = await open();
		try {
			const oauth = rotatingOAuth();
			const tokens = (stores: typeof one) =>
				new MemberTokens({ tokens: stores.tokens, lock: stores.lock, oauth, logger: recordingLogger(), now: Date.now });
			const a = tokens(one);
			const b = tokens(two);
			// Signed in through process a; its access token already stale, so both processes must refresh.
			await a.remember('d1', '777', {
				accessToken: 'a0',
				refreshToken: 'r0',
				accessExpiresAt: 0,
				scopes: [INVENTORY_SCOPE],
			});
			const [fromA, fromB] = await Promise.all([a.authFor('d1', '777'), b.authFor('d1', '777')]);
			expect(oauth.revoked()).toBe(false);
			expect(new Set(oauth.seen).size, `tokens sent: ${oauth.seen.join(', ')}`).toBe(oauth.seen.length);
			expect(fromA?.accessToken).toMatch(/^a\d$/);
			expect(fromB?.accessToken).toMatch(/^a\d$/);
			// The stored token is the newest one Roblox issued: the next refresh, from either process, works.
			expect((await two.tokens.get('d1'))?.refreshToken).toBe(oauth.current());
		} finally {
			await Promise.all([one.close(), two.close()]);
		}
	});
});

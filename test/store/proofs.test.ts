/**
 * The Check race across processes: two members press Check for the same Roblox account at the same instant, each
 * press reaching a different process (two opened stores on one database). The proofs under way live in the store
 * (ProofStore), so the race is seen as in one process: one link, and the other member told they were not linked.
 */
import { expect, it } from 'vitest';
import { checkVerification, type LinkingDeps } from '../../src/linking/verification.js';
import type { Stores } from '../../src/store/index.js';
import { describeEachStore } from './helpers.js';

const ROBLOX_ID = '5660001';
const CODES = { d1: 'otter river candle sunny kite', d2: 'maple stone cloud quiet fern' };

/** Roblox's users API as verification uses it; each About read takes a moment, so the two proofs overlap. */
const roblox: LinkingDeps['roblox'] = {
	resolveUsername: () => Promise.resolve(null),
	getUserStatus: () => Promise.resolve(null),
	getUser: async (id) => {
		await new Promise((r) => setTimeout(r, 40));
		return { id, name: 'twin_tess', displayName: 'Tess', about: `${CODES.d1}\n${CODES.d2}` };
	},
};

const deps = (stores: Stores): LinkingDeps => ({
	links: stores.links,
	pending: stores.pending,
	proofs: stores.proofs,
	roblox,
	now: Date.now,
});

describeEachStore((t) => {
	it('two members proving one account on two processes at once: one link, the other told so', async () => {
		const other = await t.db.open();
		const now = Date.now();
		for (const discordId of ['d1', 'd2'] as const)
			await t.stores.pending.put({
				discordId,
				robloxId: ROBLOX_ID,
				robloxName: 'twin_tess',
				code: CODES[discordId],
				createdAt: now,
				expiresAt: now + 15 * 60_000,
			});
		const [one, two] = await Promise.all([
			checkVerification(deps(t.stores), 'd1'),
			checkVerification(deps(other), 'd2'),
		]);
		const statuses = [one.status, two.status].sort();
		expect(statuses).toEqual(['held', 'linked']);
		const holder = await t.stores.links.getByRoblox(ROBLOX_ID);
		const winner = one.status === 'linked' ? 'd1' : 'd2';
		const loser = winner === 'd1' ? 'd2' : 'd1';
		expect(holder).toMatchObject({ discordId: winner, method: 'profile-code' });
		expect(await other.links.getByDiscord(loser)).toBeNull();
		// Both proofs are over: nothing left under way, and the loser's code stays pending for a later takeover.
		expect(await t.stores.proofs.rivals(ROBLOX_ID, loser, Date.now())).toEqual(new Set());
		expect(await t.stores.pending.get(loser)).not.toBeNull();
	});
});

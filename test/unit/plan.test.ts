import { describe, expect, it } from 'vitest';
import { questionFor as ownershipQuery } from '../../src/kinds/index.js';
import { planRoleChanges, type GuildAbilities, type PlanInput, type Verdict } from '../../src/roles/plan.js';
import type { Binding } from '../../src/store/guilds.js';
import type { ItemKey } from '../../src/roblox/types.js';

const binding = (id: string, kind: Binding['kind'], itemId: string | undefined, roleId: string): Binding =>
	({
		id,
		kind,
		...(itemId ? { itemId } : {}),
		roleId,
		addedBy: '1',
		addedAt: '2026-01-01T00:00:00.000Z',
	}) as Binding;

const roblox = { id: '42', name: 'builder_bob', displayName: 'Bob' };
const owned = (...keys: ItemKey[]): Verdict => ({
	status: 'owned',
	roblox,
	ownership: { userId: '42', owned: new Set(keys), requests: 1, checkedAt: 0 },
});
const abilities = (over: Partial<GuildAbilities> = {}): GuildAbilities => ({
	canManageRoles: true,
	canManageNicknames: true,
	manageableRoleIds: new Set(['r-badge', 'r-pass', 'r-verified', 'r-unverified', 'r-collect', 'r-shared']),
	existingRoleIds: new Set(['r-badge', 'r-pass', 'r-verified', 'r-unverified', 'r-collect', 'r-shared', 'r-high']),
	memberIsOwner: false,
	...over,
});

const bindings = [
	binding('b1', 'badge', '100', 'r-badge'),
	binding('b2', 'gamepass', '200', 'r-pass'),
	binding('b3', 'collectible', undefined, 'r-collect'),
];
const base = (over: Partial<PlanInput>): PlanInput => ({
	bindings,
	settings: { verifiedRoleId: 'r-verified', unverifiedRoleId: 'r-unverified' },
	verdict: owned(),
	currentRoleIds: [],
	discordName: 'bob',
	currentNickname: null,
	abilities: abilities(),
	...over,
});

describe('planRoleChanges', () => {
	it('grants the roles of owned items and the verified role, and takes the unverified role', () => {
		const plan = planRoleChanges(base({ verdict: owned('badge:100'), currentRoleIds: ['r-unverified'] }));
		expect(plan.add).toEqual(['r-badge', 'r-verified']);
		expect(plan.remove).toEqual(['r-unverified']);
	});

	it('removes a bound role only when a complete answer says the item is not owned', () => {
		const plan = planRoleChanges(
			base({ verdict: owned('gamepass:200'), currentRoleIds: ['r-badge', 'r-pass', 'r-verified'] }),
		);
		expect(plan.remove).toEqual(['r-badge']);
		expect(plan.add).toEqual([]);
	});

	it.each(['private-inventory', 'rate-limited', 'unavailable'])(
		'never removes a bound role when the answer is unknown (%s)',
		(reason) => {
			const plan = planRoleChanges(
				base({ verdict: { status: 'unknown', roblox, reason }, currentRoleIds: ['r-badge', 'r-pass', 'r-collect'] }),
			);
			expect(plan.remove).toEqual([]);
			expect(plan.kept).toEqual(['r-badge', 'r-collect', 'r-pass']);
			expect(plan.add).toEqual(['r-verified']);
		},
	);

	it('takes bound and verified roles from an unlinked member and gives the unverified role', () => {
		const plan = planRoleChanges(base({ verdict: { status: 'unlinked' }, currentRoleIds: ['r-badge', 'r-verified'] }));
		expect(plan.remove).toEqual(['r-badge', 'r-verified']);
		expect(plan.add).toEqual(['r-unverified']);
		expect(plan.nickname).toBeNull();
	});

	it('keeps a role bound to several items while any of them is owned', () => {
		const shared = [binding('s1', 'badge', '1', 'r-shared'), binding('s2', 'asset', '2', 'r-shared')];
		const plan = planRoleChanges(
			base({ bindings: shared, verdict: owned('asset:2'), currentRoleIds: ['r-shared', 'r-verified'] }),
		);
		expect(plan.remove).toEqual([]);
		expect(plan.add).toEqual([]);
	});

	it('treats collectibles as unknown when they were not asked for, and by the answer when they were', () => {
		const notAsked = planRoleChanges(base({ currentRoleIds: ['r-collect', 'r-verified'] }));
		expect(notAsked.remove).toEqual([]);
		const asked: Verdict = {
			status: 'owned',
			roblox,
			ownership: { userId: '42', owned: new Set(), ownsCollectible: true, requests: 2, checkedAt: 0 },
		};
		expect(planRoleChanges(base({ verdict: asked })).add).toContain('r-collect');
		const none: Verdict = {
			status: 'owned',
			roblox,
			ownership: { userId: '42', owned: new Set(), ownsCollectible: false, requests: 2, checkedAt: 0 },
		};
		expect(planRoleChanges(base({ verdict: none, currentRoleIds: ['r-collect'] })).remove).toEqual(['r-collect']);
	});

	it('reports roles it may not touch as blocked instead of planning a change Discord would refuse', () => {
		const plan = planRoleChanges(
			base({ bindings: [binding('h', 'badge', '100', 'r-high')], verdict: owned('badge:100') }),
		);
		expect(plan.add).toEqual(['r-verified']);
		expect(plan.blocked).toEqual(['r-high']);
		const noPerm = planRoleChanges(
			base({ verdict: owned('badge:100'), abilities: abilities({ canManageRoles: false }) }),
		);
		expect(noPerm.add).toEqual([]);
		expect(noPerm.blocked).toEqual(['r-badge', 'r-verified']);
	});

	it('skips bindings whose role was deleted', () => {
		const plan = planRoleChanges(
			base({ bindings: [binding('d', 'badge', '100', 'r-deleted')], verdict: owned('badge:100') }),
		);
		expect(plan.add).toEqual(['r-verified']);
		expect(plan.blocked).toEqual([]);
	});

	it('renders the nickname template only when it changes something and the bot may rename', () => {
		const settings = { verifiedRoleId: 'r-verified', nicknameTemplate: '{smart-name}' };
		expect(planRoleChanges(base({ settings })).nickname).toBe('Bob (@builder_bob)');
		expect(planRoleChanges(base({ settings, currentNickname: 'Bob (@builder_bob)' })).nickname).toBeNull();
		expect(planRoleChanges(base({ settings, abilities: abilities({ memberIsOwner: true }) })).nickname).toBeNull();
		expect(
			planRoleChanges(base({ settings, abilities: abilities({ canManageNicknames: false }) })).nickname,
		).toBeNull();
	});
});

describe('planRoleChanges for a member pending Membership Screening', () => {
	it('gives the unverified role only, takes nothing, and renames nobody', () => {
		const plan = planRoleChanges(
			base({
				pending: true,
				verdict: owned('badge:100'),
				currentRoleIds: ['r-pass'],
				settings: { verifiedRoleId: 'r-verified', unverifiedRoleId: 'r-unverified', nicknameTemplate: '{roblox-name}' },
			}),
		);
		expect(plan).toMatchObject({
			add: ['r-unverified'],
			remove: [],
			nickname: null,
			heldBack: { reason: 'screening' },
		});
	});
});

describe('planRoleChanges with a minimum account age', () => {
	const day = 86_400_000;
	const now = Date.parse('2026-06-10T00:00:00.000Z');
	const aged = (daysOld: number | null): Verdict => ({
		status: 'owned',
		roblox: { ...roblox, ...(daysOld === null ? {} : { createTime: new Date(now - daysOld * day).toISOString() }) },
		ownership: { userId: '42', owned: new Set(['badge:100']), requests: 1, checkedAt: 0 },
	});
	const settings = { verifiedRoleId: 'r-verified', unverifiedRoleId: 'r-unverified', minAccountAgeDays: 7 };

	it('holds a younger account back as if unlinked, and says when it becomes eligible', () => {
		const plan = planRoleChanges(base({ settings, now, verdict: aged(2), currentRoleIds: ['r-badge'] }));
		expect(plan).toMatchObject({ add: ['r-unverified'], remove: ['r-badge'] });
		expect(plan.heldBack).toEqual({ reason: 'account-age', minDays: 7, eligibleAt: now + 5 * day });
	});

	it('treats an old enough account normally, and an unknown age as unknown (nothing changes)', () => {
		expect(planRoleChanges(base({ settings, now, verdict: aged(8) })).add).toEqual(['r-badge', 'r-verified']);
		const unknown = planRoleChanges(base({ settings, now, verdict: aged(null), currentRoleIds: ['r-badge'] }));
		expect(unknown).toMatchObject({ add: [], remove: [], kept: ['r-badge'] });
	});
});

describe('ownershipQuery', () => {
	it('asks each item once and collectibles separately', () => {
		const query = ownershipQuery([...bindings, binding('b4', 'badge', '100', 'r-shared')]);
		expect(query.items).toEqual([
			{ kind: 'badge', id: '100' },
			{ kind: 'gamepass', id: '200' },
		]);
		expect(query.collectibles).toBe(true);
	});
});

describe('planRoleChanges reasons', () => {
	it('says, per binding, what it says and what happens to its role (all reasons merged)', () => {
		const shared = [binding('b1', 'badge', '100', 'r-shared'), binding('b2', 'gamepass', '200', 'r-shared')];
		const plan = planRoleChanges(base({ bindings: shared, verdict: owned('gamepass:200') }));
		expect(plan.reasons).toEqual([
			{ bindingId: 'b1', says: 'not', roleFate: 'have' },
			{ bindingId: 'b2', says: 'have', roleFate: 'have' },
		]);
		const unknown = planRoleChanges(
			base({ bindings: shared, verdict: { status: 'unknown', roblox, reason: 'rate-limited' } }),
		);
		// The note is a catalog text, worded in the reader's language by /lookup.
		const rateLimited = { key: 'robloxReasonRateLimited', params: {} };
		expect(unknown.reasons.map((r) => [r.says, r.note, r.roleFate])).toEqual([
			['unknown', rateLimited, 'unknown'],
			['unknown', rateLimited, 'unknown'],
		]);
	});

	it('never removes the role of a give-only binding', () => {
		const giveOnly = [{ ...binding('b1', 'badge', '100', 'r-badge'), giveOnly: true }];
		const kept = planRoleChanges(base({ bindings: giveOnly, verdict: owned(), currentRoleIds: ['r-badge'] }));
		expect(kept.remove).toEqual([]);
		expect(kept.kept).toEqual(['r-badge']);
		const given = planRoleChanges(base({ bindings: giveOnly, verdict: owned('badge:100') }));
		expect(given.add).toContain('r-badge');
	});
});

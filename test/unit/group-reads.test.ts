import { describe, expect, it } from 'vitest';
import { chooseGroupReads, MAX_ROSTER_PAGES, type GroupReadInput } from '../../src/roblox/group-reads.js';

const g = (id: string, memberCount: number | null, fresh = false) => ({ id, memberCount, fresh });

describe('chooseGroupReads: rosters or batches, by measured cost', () => {
	const cases: { name: string; input: GroupReadInput; way: 'rosters' | 'batches'; rosters?: string[]; cost: object }[] =
		[
			{
				name: 'the bench: 2,000 members, groups of 1,500 and 5 million → batches (a 5M roster is 50,000 pages)',
				input: { members: 2_000, groups: [g('1', 1_500), g('2', 5_000_000)] },
				way: 'batches',
				cost: { batches: 40, rosters: null },
			},
			{
				name: '2,000 members in a group of 300 → its roster (3 pages against 40 batches)',
				input: { members: 2_000, groups: [g('1', 300)] },
				way: 'rosters',
				rosters: ['1'],
				cost: { batches: 40, rosters: 3 },
			},
			{
				name: 'two small groups: all their rosters together still beat the batches',
				input: { members: 2_000, groups: [g('1', 300), g('2', 1_501)] },
				way: 'rosters',
				rosters: ['1', '2'],
				cost: { batches: 40, rosters: 19 },
			},
			{
				name: 'few members, a big group → batches',
				input: { members: 120, groups: [g('1', 1_500)] },
				way: 'batches',
				cost: { batches: 3, rosters: 15 },
			},
			{
				name: 'a tie goes to batches (read just before use)',
				input: { members: 100, groups: [g('1', 200)] },
				way: 'batches',
				cost: { batches: 2, rosters: 2 },
			},
			{
				name: 'an empty group still costs one page',
				input: { members: 51, groups: [g('1', 0)] },
				way: 'rosters',
				rosters: ['1'],
				cost: { batches: 2, rosters: 1 },
			},
			{
				name: 'a size that could not be read → batches, whatever the other groups',
				input: { members: 10_000, groups: [g('1', 100), g('2', null)] },
				way: 'batches',
				cost: { batches: 200, rosters: null },
			},
			{
				name: 'a roster over one minute of the budget is never read, even when cheaper than batches',
				input: { members: 50_000, groups: [g('1', (MAX_ROSTER_PAGES + 1) * 100)] },
				way: 'batches',
				cost: { batches: 1_000, rosters: null },
			},
			{
				name: 'rosters already held cost nothing: only the stale ones are read',
				input: { members: 100, groups: [g('1', 5_000, true), g('2', 50)] },
				way: 'rosters',
				rosters: ['2'],
				cost: { batches: 2, rosters: 1 },
			},
			{
				name: 'every roster held: no request at all',
				input: { members: 10, groups: [g('1', 5_000, true)] },
				way: 'rosters',
				rosters: [],
				cost: { batches: 1, rosters: 0 },
			},
			{
				name: 'measured long batch answers (members in many groups) make rosters win sooner',
				input: { members: 500, groups: [g('1', 2_500)], pagesPerBatch: 3 },
				way: 'rosters',
				rosters: ['1'],
				cost: { batches: 30, rosters: 25 },
			},
			{
				name: 'no member → nothing to choose (batches of nobody cost nothing)',
				input: { members: 0, groups: [g('1', 10)] },
				way: 'batches',
				cost: { batches: 0, rosters: 1 },
			},
			{
				name: 'no group → batches (none will be sent)',
				input: { members: 500, groups: [] },
				way: 'batches',
				cost: { batches: 10, rosters: 0 },
			},
		];
	for (const c of cases)
		it(c.name, () => {
			const plan = chooseGroupReads(c.input);
			expect(plan.way).toBe(c.way);
			expect(plan.rosters).toEqual(c.rosters ?? []);
			expect(plan.cost).toEqual(c.cost);
		});

	it('a mix never beats batches alone: every roster read on top of them is pure extra', () => {
		// Each group read by roster still leaves the batches for the others, which cover every member anyway.
		for (const members of [1, 49, 50, 51, 500, 2_000, 25_000])
			for (const sizes of [[10], [300, 5_000_000], [100, 200, 300], [1_500, 40_000]]) {
				const all = chooseGroupReads({ members, groups: sizes.map((s, i) => g(String(i), s)) });
				const batches = all.cost.batches;
				for (let i = 0; i < sizes.length; i++) {
					const mix = batches + Math.max(1, Math.ceil(sizes[i]! / 100));
					expect(mix).toBeGreaterThan(batches);
				}
				expect(all.cost.rosters === null || all.way === (all.cost.rosters < batches ? 'rosters' : 'batches')).toBe(
					true,
				);
			}
	});
});

import { describe, expect, it } from 'vitest';
import { text } from '../../src/ui/i18n.js';
import type { MemberOutcome } from '../../src/roles/bulk.js';
import { Sweeper, type SweepPorts, type SweepPosition } from '../../src/roles/sweep.js';

/** The sweep's scheduling on plain ports: no Discord, no Roblox, no real waiting. */
function harness(members: Record<string, string[]>, linked: Set<string>) {
	const checked: string[] = [];
	const waits: number[] = [];
	let position: SweepPosition | null = null;
	let onCheck: (key: string) => void = () => {};
	const ports: SweepPorts = {
		guildIds: () => Object.keys(members),
		listMembers: (guildId, after) => {
			// As Discord lists members: ascending by id.
			const all = [...(members[guildId] ?? [])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
			return Promise.resolve(after ? all.filter((id) => BigInt(id) > BigInt(after)) : all);
		},
		linkedAmong: (ids) => Promise.resolve(new Set(ids.filter((id) => linked.has(id)))),
		checkMember: (guildId, memberId): Promise<MemberOutcome> => {
			checked.push(`${guildId}/${memberId}`);
			onCheck(`${guildId}/${memberId}`);
			return Promise.resolve({ kind: 'unchanged' });
		},
		loadPosition: () => Promise.resolve(position),
		savePosition: (p) => {
			position = p;
			return Promise.resolve();
		},
	};
	return {
		ports,
		checked,
		waits,
		get position() {
			return position;
		},
		set position(p: SweepPosition | null) {
			position = p;
		},
		onCheck: (fn: (key: string) => void) => (onCheck = fn),
		sleep: (ms: number) => {
			waits.push(ms);
			return Promise.resolve();
		},
	};
}

describe('Sweeper', () => {
	const members = { '200': ['11', '12', '13'], '100': ['21', '22', '9'] };
	const linked = new Set(['11', '13', '21', '22', '9']);

	it('checks only linked members, in a stable order, spread evenly over the period', async () => {
		const h = harness(members, linked);
		const result = await new Sweeper(h.ports, { periodMs: 5_000, sleep: h.sleep, positionSaveEveryMs: 0 }).runPass();
		expect(h.checked).toEqual(['100/9', '100/21', '100/22', '200/11', '200/13']);
		expect(result.checked).toBe(5);
		// Five checks over five seconds: about a second apart (minus the time each took).
		for (const wait of h.waits) expect(wait).toBeGreaterThan(900);
		expect(h.position).toBeNull(); // a finished pass leaves nothing to resume
	});

	it('continues an interrupted pass after the last checked member, inside the same period', async () => {
		const h = harness(members, linked);
		const controller = new AbortController();
		h.onCheck((key) => key === '100/21' && controller.abort());
		await new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 }).runPass(controller.signal);
		expect(h.position).toMatchObject({ guildId: '100', memberId: '21' });

		h.checked.length = 0;
		await new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 }).runPass();
		expect(h.checked).toEqual(['100/22', '200/11', '200/13']);
	});

	it('starts a new pass when the saved one is older than the period', async () => {
		const h = harness(members, linked);
		h.position = { passStartedAt: Date.now() - 120_000, guildId: '200', memberId: '11' };
		await new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 }).runPass();
		expect(h.checked).toHaveLength(5);
	});

	it('keeps its retry queue across a restart, and takes members handed over by a bulk run', async () => {
		const h = harness(members, linked);
		const failing = new Set(['100/21']);
		h.ports.checkMember = (guildId, memberId): Promise<MemberOutcome> => {
			h.checked.push(`${guildId}/${memberId}`);
			return Promise.resolve(
				failing.has(`${guildId}/${memberId}`)
					? { kind: 'failed', reason: text('bulkFailureRoblox', { reason: 'unavailable' }) }
					: { kind: 'unchanged' },
			);
		};
		const controller = new AbortController();
		// The stop comes while the pass waits for the retry of 100/21 (an hour away).
		const sleep = (ms: number) => {
			if (ms > 1_000_000) controller.abort();
			return Promise.resolve();
		};
		const first = new Sweeper(h.ports, { periodMs: 60_000, sleep, positionSaveEveryMs: 0, retryDelayMs: 3_600_000 });
		await first.runPass(controller.signal);
		await first.enqueue('200', ['12']);
		expect(h.position?.retries?.map((r) => `${r.guildId}/${r.memberId}`).sort()).toEqual(['100/21', '200/12']);

		// A new process: the queue comes back from the store, and due retries run.
		failing.clear();
		for (const retry of h.position!.retries!) retry.at = Date.now() - 1;
		h.checked.length = 0;
		const second = new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 });
		const result = await second.runPass();
		expect(h.checked).toEqual(expect.arrayContaining(['100/21', '200/12']));
		expect(result.retried).toBe(2);
		expect(h.position).toBeNull();
	});
});

describe('Sweeper across guilds: one check per member', () => {
	// Member 5 is in all three guilds, 6 in two far apart in the order, 7 in one.
	const members = { '300': ['5', '6', '8'], '100': ['5', '6'], '200': ['5', '7'] };
	const linked = new Set(['5', '6', '7', '8']);

	function across(h: ReturnType<typeof harness>, fail: (guildId: string, memberId: string) => boolean = () => false) {
		const asked: string[] = [];
		h.ports.checkAcross = (memberId, guildIds) => {
			asked.push(`${memberId}@${guildIds.join(',')}`);
			for (const guildId of guildIds) h.checked.push(`${guildId}/${memberId}`);
			return Promise.resolve(
				new Map(
					guildIds.map((guildId): [string, MemberOutcome] => [
						guildId,
						fail(guildId, memberId)
							? { kind: 'failed', reason: text('bulkFailureRoblox', { reason: 'unavailable' }) }
							: { kind: 'unchanged' },
					]),
				),
			);
		};
		return asked;
	}

	it('asks once per member with every guild they are in, at their first place, and passes over the later ones', async () => {
		const h = harness(members, linked);
		const asked = across(h);
		const result = await new Sweeper(h.ports, { periodMs: 4_000, sleep: h.sleep, positionSaveEveryMs: 0 }).runPass();
		expect(asked).toEqual(['5@100,200,300', '6@100,300']);
		// Members in one guild alone are still checked with checkMember: nothing to share.
		expect(h.checked.sort()).toEqual(['100/5', '100/6', '200/5', '200/7', '300/5', '300/6', '300/8'].sort());
		expect(result.checked).toBe(7);
		// The period is spread over 4 members, not 7 places.
		for (const wait of h.waits) expect(wait).toBeGreaterThan(900);
		expect(h.waits).toHaveLength(4);
	});

	it('after a restart in the middle, a member already done is not checked again where the pass reaches them', async () => {
		const h = harness(members, linked);
		const asked = across(h);
		const controller = new AbortController();
		const sweepOnce = () => new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 });
		h.onCheck((key) => key === '200/7' && controller.abort());
		await sweepOnce().runPass(controller.signal);
		expect(asked).toEqual(['5@100,200,300', '6@100,300']);
		expect(h.position).toMatchObject({ guildId: '200', memberId: '7' });

		// A new process: 5 and 6 were done in all their guilds, though 300/5 and 300/6 come later in the order.
		asked.length = 0;
		h.checked.length = 0;
		await sweepOnce().runPass();
		expect(asked).toEqual([]);
		expect(h.checked).toEqual(['300/8']);
		expect(h.position).toBeNull();
	});

	it('a member whose check failed in several guilds is retried in one check for all of them', async () => {
		const h = harness(members, linked);
		let failing = true;
		const asked = across(h, (_guildId, memberId) => failing && memberId === '5');
		const sleep = (ms: number) => {
			if (ms >= 1_000) failing = false; // the retry delay: Roblox is back
			return Promise.resolve();
		};
		const result = await new Sweeper(h.ports, {
			periodMs: 1,
			sleep,
			positionSaveEveryMs: 0,
			retryDelayMs: 5_000,
		}).runPass();
		expect(asked.filter((a) => a.startsWith('5@'))).toEqual(['5@100,200,300', '5@100,200,300']);
		expect(result.failed).toBe(3);
		expect(result.retried).toBe(3);
		expect(h.position).toBeNull();
	});

	it('a stop that cuts a cross-guild check short leaves that member to be checked in all their guilds after the restart', async () => {
		const h = harness(members, linked);
		const controller = new AbortController();
		// The shutdown comes while member 6's check waits for Roblox budget: it fails everywhere, and is not done.
		const asked = across(h, (_guildId, memberId) => {
			if (memberId === '6') controller.abort();
			return memberId === '6';
		});
		const sweepOnce = () => new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 });
		await sweepOnce().runPass(controller.signal);
		expect(h.position).toMatchObject({ guildId: '100', memberId: '5' });
		expect(h.position?.retries).toBeUndefined();

		asked.length = 0;
		h.checked.length = 0;
		const again = new Sweeper(h.ports, { periodMs: 60_000, sleep: h.sleep, positionSaveEveryMs: 0 });
		h.ports.checkAcross = undefined;
		await again.runPass();
		expect(h.checked).toEqual(['100/6', '300/6', '200/7', '300/8']);
	});
});

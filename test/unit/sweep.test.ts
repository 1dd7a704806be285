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

/**
 * One bulk run per guild across processes: which process executes a run is decided in the store (RunStore.claim,
 * under the lock seam). Each test opens the database twice, as two processes would (separate in-process queues, so
 * only the database's leases order them), on SQLite, Redis and Postgres.
 */
import { expect, it } from 'vitest';
import { BulkRunner, RunAlreadyActiveError, type BulkPorts } from '../../src/roles/bulk.js';
import type { RunState, Stores } from '../../src/store/index.js';
import { describeEachStore } from './helpers.js';

const GUILD = 'g1';
const MEMBERS = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(3, '0')}`);

/** Ports over a fixed member list; `checks` counts every member check made through any of them. */
function ports(checks: Map<string, number>, checkMs = 5): BulkPorts {
	return {
		listMembers: (_guild, after, limit) =>
			Promise.resolve(MEMBERS.filter((id) => after === undefined || id > after).slice(0, limit)),
		countMembers: () => Promise.resolve(MEMBERS.length),
		async checkMember(_guild, memberId) {
			checks.set(memberId, (checks.get(memberId) ?? 0) + 1);
			await new Promise((r) => setTimeout(r, checkMs));
			return { kind: 'unchanged' };
		},
		report: () => Promise.resolve(),
	};
}

const runner = (stores: Stores, checks: Map<string, number>, checkMs?: number, leaseMs = 600) =>
	new BulkRunner(stores.runs, ports(checks, checkMs), { concurrency: 4, persistEveryMs: 20, leaseMs, retryRounds: 0 });

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await ok())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

const everyoneOnce = (checks: Map<string, number>) => {
	expect([...checks.keys()].sort()).toEqual(MEMBERS);
	expect(
		[...checks.values()].every((n) => n === 1),
		JSON.stringify([...checks]),
	).toBe(true);
};

describeEachStore((t) => {
	it('two processes pressing /update-all at once: one run, each member checked once', async () => {
		const other = await t.db.open();
		const checks = new Map<string, number>();
		const a = runner(t.stores, checks);
		const b = runner(other, checks);
		const results = await Promise.allSettled([a.start(GUILD, 'mod-a'), b.start(GUILD, 'mod-b')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.reason).toBeInstanceOf(RunAlreadyActiveError);
		const done = (await a.wait(GUILD)) ?? (await b.wait(GUILD));
		expect(done).toMatchObject({ status: 'done', processed: MEMBERS.length });
		everyoneOnce(checks);
		expect(await t.stores.runs.get(GUILD)).toMatchObject({ status: 'done' });
		expect((await t.stores.runs.get(GUILD))?.claim).toBeUndefined();
		// Finished: a new run may start, from either process.
		await b.start(GUILD, 'mod-b');
		await b.wait(GUILD);
	});

	it('two processes starting at once resume a stopped process’s run once', async () => {
		const left: RunState = {
			guildId: GUILD,
			runId: 'r1',
			startedBy: 'mod',
			startedAt: new Date().toISOString(),
			status: 'running',
			total: MEMBERS.length,
			afterId: MEMBERS[9],
			processed: 10,
			changed: 0,
			failed: 0,
			skipped: 0,
			failures: [],
			updatedAt: new Date().toISOString(),
		};
		await t.stores.runs.save(left); // as a graceful stop leaves it: running, no claim
		const other = await t.db.open();
		const checks = new Map<string, number>();
		const a = runner(t.stores, checks);
		const b = runner(other, checks);
		const [fromA, fromB] = await Promise.all([a.resumeAll(), b.resumeAll()]);
		expect(fromA.length + fromB.length).toBe(1);
		const done = (await a.wait(GUILD)) ?? (await b.wait(GUILD));
		expect(done).toMatchObject({ status: 'done', processed: MEMBERS.length, runId: 'r1' });
		expect([...checks.keys()].sort()).toEqual(MEMBERS.slice(10));
		expect([...checks.values()].every((n) => n === 1)).toBe(true);
		await Promise.all([a.suspendAll(), b.suspendAll()]);
	});

	it('a crashed process’s run is taken over once its claim runs out, and not before', async () => {
		const checks = new Map<string, number>();
		// The crashed process: claimed and saved a while ago, never renewed again.
		const claimed = await t.stores.runs.claim(GUILD, 'crashed-process', Date.now(), 800, () => ({
			guildId: GUILD,
			runId: 'r2',
			startedBy: 'mod',
			startedAt: new Date().toISOString(),
			status: 'running',
			total: MEMBERS.length,
			processed: 0,
			changed: 0,
			failed: 0,
			skipped: 0,
			failures: [],
			updatedAt: new Date().toISOString(),
		}));
		expect(claimed?.claim?.owner).toBe('crashed-process');
		const other = await t.db.open();
		const b = runner(other, checks, 5, 300);
		expect(await b.resumeAll()).toEqual([]); // still claimed: maybe that process is only slow
		await expect(b.start(GUILD, 'mod-b')).rejects.toBeInstanceOf(RunAlreadyActiveError);
		await until('the takeover to finish the run', async () => (await other.runs.get(GUILD))?.status === 'done');
		expect(await other.runs.get(GUILD)).toMatchObject({ runId: 'r2', processed: MEMBERS.length });
		expect((await other.runs.get(GUILD))?.resumedAt).toBeDefined();
		everyoneOnce(checks);
		await b.suspendAll();
	});

	it('a process that lost its claim (stalled past the lease) stops, and the new executor finishes the run', async () => {
		const other = await t.db.open();
		const checks = new Map<string, number>();
		const a = runner(t.stores, checks, 40);
		await a.start(GUILD, 'mod-a');
		await until('a few checks', () => checks.size >= 8);
		// As if `a` had stalled: its claim ran out and `b` claimed the run (what b's takeover does).
		await other.runs.claim(GUILD, 'process-b', Date.now(), 60_000, (current) => current);
		const frozen = await a.wait(GUILD);
		const byA = checks.size;
		expect(frozen?.finishedAt).toBeUndefined(); // not finished by a: the run is no longer a's
		expect(byA).toBeLessThan(MEMBERS.length);
		const saved = await other.runs.get(GUILD);
		expect(saved).toMatchObject({ status: 'running', claim: { owner: 'process-b' } });
		await new Promise((r) => setTimeout(r, 200));
		expect(checks.size).toBe(byA); // a checks no one after losing the claim
	});

	it('Stop pressed on the other process stops the run where it runs', async () => {
		const other = await t.db.open();
		const checks = new Map<string, number>();
		const a = runner(t.stores, checks, 40);
		const b = runner(other, checks);
		await a.start(GUILD, 'mod-a');
		await until('a few checks', () => checks.size >= 4);
		expect(b.isRunning(GUILD)).toBe(false);
		expect(await b.stop(GUILD)).toBe(true);
		const stopped = await a.wait(GUILD);
		expect(stopped).toMatchObject({ status: 'stopped' });
		expect(stopped!.processed).toBeLessThan(MEMBERS.length);
		const saved = await t.stores.runs.get(GUILD);
		expect(saved).toMatchObject({ status: 'stopped' });
		expect(saved?.stopRequested).toBeUndefined();
		expect(await t.stores.runs.listActive()).toEqual([]);
	});
});

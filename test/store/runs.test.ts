import { describe, expect, it } from 'vitest';
import { MAX_RUN_FAILURES, type RunState } from '../../src/store/index.js';
import { describeEachStore } from './helpers.js';

describeEachStore((t) => {
	const run = (guildId: string, overrides: Partial<RunState> = {}): RunState => ({
		guildId,
		runId: `run-${guildId}`,
		startedBy: 'mod1',
		startedAt: '2025-01-01T00:00:00.000Z',
		status: 'running',
		total: 3,
		afterId: undefined,
		processed: 0,
		changed: 0,
		failed: 0,
		skipped: 0,
		failures: [],
		updatedAt: '2025-01-01T00:00:00.000Z',
		...overrides,
	});

	describe('RunStore', () => {
		it('saves, lists active runs and finishes them', async () => {
			expect(await t.stores.runs.get('g1')).toBeNull();
			expect(await t.stores.runs.listActive()).toEqual([]);
			await t.stores.runs.save(run('g1'));
			await t.stores.runs.save(run('g2', { progressChannelId: 'c', progressMessageId: 'm' }));
			await t.stores.runs.save(run('g1', { afterId: 'm2', processed: 2, changed: 1 }));
			expect(await t.stores.runs.get('g1')).toMatchObject({ afterId: 'm2', processed: 2, changed: 1 });
			expect((await t.stores.runs.listActive()).map((r) => r.guildId).sort()).toEqual(['g1', 'g2']);

			await t.stores.runs.finish('g1', 'done');
			expect(await t.stores.runs.get('g1')).toMatchObject({ status: 'done', afterId: 'm2' });
			expect((await t.stores.runs.listActive()).map((r) => r.guildId)).toEqual(['g2']);
			await t.stores.runs.finish('g2', 'stopped');
			expect(await t.stores.runs.listActive()).toEqual([]);
			await t.stores.runs.finish('nope', 'done'); // no run: no-op
		});

		it('keeps only the last failures', async () => {
			const failures = Array.from({ length: 50 }, (_, i) => ({ memberId: `m${i}`, reason: 'Roblox 500' }));
			await t.stores.runs.save(run('g1', { failures, failed: 50 }));
			const saved = await t.stores.runs.get('g1');
			expect(saved?.failures).toHaveLength(MAX_RUN_FAILURES);
			expect(saved?.failures[0]?.memberId).toBe('m30');
			expect(saved?.failed).toBe(50);
		});

		it('concurrent saves across guilds keep the active index complete', async () => {
			await Promise.all(Array.from({ length: 20 }, (_, i) => t.stores.runs.save(run(`g${i}`))));
			expect(await t.stores.runs.listActive()).toHaveLength(20);
		});

		it('listActive ignores and prunes index entries whose run is no longer running', async () => {
			await t.stores.runs.save(run('g1'));
			await t.stores.runs.save(run('g2'));
			// As if the process died between writing a finished state and updating the index.
			await t.db.raw('runs').set('run:g2', run('g2', { status: 'done' }));
			await t.db.raw('runs').set('active', ['g1', 'g2', 'ghost']);
			expect((await t.stores.runs.listActive()).map((r) => r.guildId)).toEqual(['g1']);
			expect(await t.db.raw('runs').get('active')).toEqual(['g1']);
		});

		it('survives a reopen, for resume at start-up', async () => {
			await t.stores.runs.save(run('g1', { afterId: 'm1', processed: 1 }));
			await t.stores.runs.setSweepCursor({ passStartedAt: 1_735_776_000_000, guildId: 'g1', memberId: 'm40' });
			await t.stores.close();
			const again = await t.db.open();
			expect(await again.runs.listActive()).toEqual([run('g1', { afterId: 'm1', processed: 1 })]);
			expect(await again.runs.getSweepCursor()).toEqual({
				passStartedAt: 1_735_776_000_000,
				guildId: 'g1',
				memberId: 'm40',
			});
			await again.runs.setSweepCursor(null);
			expect(await again.runs.getSweepCursor()).toBeNull();
		});

		it('keeps one sweep position per shard scope, apart from the unsharded one', async () => {
			const at = { passStartedAt: 1_735_776_000_000, memberId: 'm1' };
			await t.stores.runs.setSweepCursor({ ...at, guildId: 'g0' });
			await t.stores.runs.setSweepCursor({ ...at, guildId: 'g1' }, 'shards-1-of-2');
			expect(await t.stores.runs.getSweepCursor('shards-0-of-2')).toBeNull();
			expect(await t.stores.runs.getSweepCursor('shards-1-of-2')).toMatchObject({ guildId: 'g1' });
			expect(await t.stores.runs.getSweepCursor()).toMatchObject({ guildId: 'g0' });
			await t.stores.runs.setSweepCursor(null, 'shards-1-of-2');
			expect(await t.stores.runs.getSweepCursor('shards-1-of-2')).toBeNull();
			expect(await t.stores.runs.getSweepCursor()).toMatchObject({ guildId: 'g0' });
		});
	});
});

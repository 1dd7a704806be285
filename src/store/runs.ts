/**
 * Progress of bulk /update-all runs and of the background sweep, persisted so a restart resumes where it
 * stopped instead of starting over (or silently dropping the run). Keys in the `runs` namespace:
 *   run:<guildId>    RunState (one run per guild at a time; the latest one stays readable after it finishes)
 *   active           guild ids whose run is 'running': lets start-up find runs to resume without a scan
 *   sweep            SweepCursor (the periodic sweep's place in its pass)
 */
import type Keyv from 'keyv';
import type { Text } from '../ui/i18n.js';
import { guard } from './errors.js';
import { type Lock, localLock } from './lock.js';

export interface RunFailure {
	memberId: string;
	/** Worded when shown, in the server's language; runs saved before the catalog hold plain English. */
	reason: Text | string;
}

export interface RunState {
	guildId: string;
	runId: string;
	startedBy: string;
	startedAt: string;
	status: 'running' | 'stopped' | 'done';
	/** Members in the guild when the run started (progress and ETA; an estimate). */
	total: number;
	/**
	 * Resume point: every member with an id up to and including this one is finished. Members are listed in id
	 * order, page by page, so the run never holds a whole guild's member list (or persists one).
	 */
	afterId?: string;
	etaSeconds?: number;
	resumedAt?: string;
	finishedAt?: string;
	processed: number;
	changed: number;
	failed: number;
	skipped: number;
	/** Only the last MAX_RUN_FAILURES are kept (save trims), so a run over a broken guild stays small. */
	failures: RunFailure[];
	/**
	 * Members past `afterId` that are finished too (workers finish out of order). A resumed run skips them, so a
	 * graceful stop never makes a member be checked twice.
	 */
	doneAhead?: string[];
	/** Failed members to check again before the summary (at most MAX_RUN_RETRY_IDS; the rest are only counted). */
	retryIds?: string[];
	/** The retry phase: every member was checked once; `round` of the retries starts at `at` (epoch ms). */
	retry?: { round: number; rounds: number; at: number };
	/** Members checked again in the retry phase, and when the still-failed ones are tried next (epoch ms). */
	retried?: number;
	nextRetryAt?: number;
	progressChannelId?: string;
	progressMessageId?: string;
	updatedAt: string;
}

/**
 * Where the periodic sweep is in its pass, so a restart continues the pass instead of starting over: with frequent
 * restarts, members late in the order would otherwise never be re-checked.
 */
export interface SweepCursor {
	/** When the current pass began (epoch ms); the pass spreads its checks until passStartedAt + period. */
	passStartedAt: number;
	/** The last member checked, in pass order (guilds, then member ids, ascending). */
	guildId: string;
	memberId: string;
	/** Members waiting for another try, soonest first; kept across a restart like the position. */
	retries?: SweepRetry[];
}

export const MAX_RUN_FAILURES = 20;
export const MAX_RUN_RETRY_IDS = 5_000;
export const MAX_SWEEP_RETRIES = 10_000;

/** A member the sweep checks again at `at` (epoch ms); `attempt` counts the checks that failed so far. */
export interface SweepRetry {
	guildId: string;
	memberId: string;
	attempt: number;
	at: number;
}

const ACTIVE_KEY = 'active';
const runKey = (guildId: string) => `run:${guildId}`;
const SWEEP_KEY = 'sweep';

export class RunStore {
	/** `lock` guards the active index, a read-modify-write shared by all guilds. */
	constructor(
		private readonly keyv: Keyv,
		private readonly lock: Lock = localLock(),
	) {}

	async get(guildId: string): Promise<RunState | null> {
		const value: unknown = await guard('get run', () => this.keyv.get(runKey(guildId)));
		return isRunState(value) ? value : null;
	}

	/** Writes the state, then keeps the active index in step with its status. */
	async save(state: RunState): Promise<void> {
		const stored: RunState = {
			...state,
			failures: (state.failures ?? []).slice(-MAX_RUN_FAILURES),
			...(state.retryIds ? { retryIds: state.retryIds.slice(0, MAX_RUN_RETRY_IDS) } : {}),
		};
		await guard('set run', () => this.keyv.set(runKey(state.guildId), stored));
		// State first, index second: a crash in between leaves an index that lists a finished run (filtered out
		// by listActive) or misses a running one only until its next progress save.
		await this.#updateActive(state.guildId, state.status === 'running');
	}

	/** Runs to resume at start-up. Also drops index entries whose run is gone or no longer running. */
	async listActive(): Promise<RunState[]> {
		const ids = await this.#readActive();
		if (ids.length === 0) return [];
		const values: unknown[] = await guard('getMany runs', () => this.keyv.getMany(ids.map(runKey)));
		const active = values.filter(isRunState).filter((s) => s.status === 'running');
		if (active.length !== ids.length) {
			const keep = new Set(active.map((s) => s.guildId));
			await this.lock.run(['runs:active'], async () => {
				const current = await this.#readActive();
				const next = current.filter((id) => keep.has(id) || !ids.includes(id));
				await guard('set active runs', () => this.keyv.set(ACTIVE_KEY, next));
			});
		}
		return active;
	}

	/** Marks the guild's run stopped/done (no-op when there is none) and takes it off the active index. */
	async finish(guildId: string, status: 'stopped' | 'done'): Promise<void> {
		const state = await this.get(guildId);
		if (state) await this.save({ ...state, status, updatedAt: new Date().toISOString() });
		else await this.#updateActive(guildId, false);
	}

	async getSweepCursor(): Promise<SweepCursor | null> {
		const value = (await guard('get sweep', () => this.keyv.get(SWEEP_KEY))) as SweepCursor | undefined;
		return value && typeof value.passStartedAt === 'number' && typeof value.guildId === 'string' ? value : null;
	}

	async setSweepCursor(cursor: SweepCursor | null): Promise<void> {
		if (cursor === null) await guard('clear sweep', () => this.keyv.delete(SWEEP_KEY));
		else
			await guard('set sweep', () =>
				this.keyv.set(SWEEP_KEY, {
					...cursor,
					...(cursor.retries ? { retries: cursor.retries.slice(0, MAX_SWEEP_RETRIES) } : {}),
				}),
			);
	}

	async #readActive(): Promise<string[]> {
		const value: unknown = await guard('get active runs', () => this.keyv.get(ACTIVE_KEY));
		return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
	}

	async #updateActive(guildId: string, running: boolean): Promise<void> {
		await this.lock.run(['runs:active'], async () => {
			const ids = await this.#readActive();
			const has = ids.includes(guildId);
			if (running === has) return; // progress saves are frequent; don't rewrite the index each time
			const next = running ? [...ids, guildId] : ids.filter((id) => id !== guildId);
			await guard('set active runs', () => this.keyv.set(ACTIVE_KEY, next));
		});
	}
}

function isRunState(value: unknown): value is RunState {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	// Deliberately loose: a run saved by an older/newer shape must still be found and resumed, not dropped.
	return typeof v.guildId === 'string' && typeof v.status === 'string';
}

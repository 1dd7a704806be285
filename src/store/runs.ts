/**
 * Progress of bulk /update-all runs and of the background sweep, persisted so a restart resumes where it
 * stopped instead of starting over (or silently dropping the run). Keys in the `runs` namespace:
 *   run:<guildId>    RunState (one run per guild at a time; the latest one stays readable after it finishes)
 *   active           guild ids whose run is 'running': lets start-up find runs to resume without a scan
 *   sweep            SweepCursor (the periodic sweep's place in its pass)
 *
 * Several processes may share the store, so which process executes a running run is decided here: a run is
 * claimed (`claim`), every save by its executor renews the claim, and a claim not renewed within its lease lets
 * another process take the run over (a crashed process's run resumes elsewhere). All of it is a read-modify-write
 * of `run:<guildId>` under the store's lock (lock.ts), so of two processes claiming at once exactly one wins.
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
	/** The process executing a running run, until its next renewal is due (absent once the run is released). */
	claim?: RunClaim;
	/** Stop was pressed on a process that does not execute the run: its executor stops at its next save. */
	stopRequested?: boolean;
	/** Members whose bound-role removals the mass-removal breaker holds until the end of the run. */
	heldMembers?: number;
	/** How the run's held removals ended: made at the end, or held for an admin (and what the admin chose). */
	held?: RunHeld;
	updatedAt: string;
}

export interface RunClaim {
	/** The executing BulkRunner's id (one per process). */
	owner: string;
	/** Epoch ms, by the owner's clock: the machines sharing a store must keep their clocks in sync (NTP). */
	until: number;
}

/** A claim not renewed for this long is taken over; the executor renews it with every save, at least every third of it. */
export const RUN_LEASE_MS = 10_000;

/** What a claimed save found: still ours, ours with a Stop pressed elsewhere, or taken over by another process. */
export type ClaimedSave = 'saved' | 'stop' | 'lost';

/** A running run that another process (not `owner`) executes and has renewed within its lease. */
export function claimedByOther(state: RunState, owner: string, now: number): boolean {
	return (
		state.status === 'running' && state.claim !== undefined && state.claim.owner !== owner && state.claim.until > now
	);
}

/** The end of a run's held removals (src/bot/held-removals.ts); `id` is the held set's, in its buttons. */
export interface RunHeld {
	kind: 'applied' | 'held';
	id: string;
	checked: number;
	losing: number;
	removed?: number;
	/** The roles most members would lose, with counts, and a few of those members (for the progress message). */
	roles?: [roleId: string, members: number][];
	sample?: string[];
	decided?: { action: 'applied' | 'discarded'; by: string; removed?: number };
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
const sweepKey = (scope?: string) => (scope === undefined ? SWEEP_KEY : `${SWEEP_KEY}:${scope}`);

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

	/** Writes the state as it is (no claim check), then keeps the active index in step with its status. */
	async save(state: RunState): Promise<void> {
		await this.lock.run([runKey(state.guildId)], () => this.#write(state));
	}

	/**
	 * Claims the guild's run for `owner`: `decide` sees what is stored and returns the run to write, claimed (a new
	 * run, or the stored one to resume), or null to refuse. Decided and written in one step under the lock.
	 */
	async claim(
		guildId: string,
		owner: string,
		now: number,
		leaseMs: number,
		decide: (current: RunState | null) => RunState | null,
	): Promise<RunState | null> {
		return this.lock.run([runKey(guildId)], async () => {
			const next = decide(await this.get(guildId));
			if (!next) return null;
			const claimed: RunState = { ...next, claim: { owner, until: now + leaseMs } };
			await this.#write(claimed);
			return claimed;
		});
	}

	/**
	 * The executor's save: written only while `owner` still holds the claim, which it renews (or, with `release`
	 * or a finished status, gives up so another process may resume the run at once).
	 */
	async saveClaimed(
		state: RunState,
		owner: string,
		now: number,
		leaseMs: number,
		release = false,
	): Promise<ClaimedSave> {
		return this.#asOwner(state.guildId, owner, async (current) => {
			const stop = current.stopRequested === true && state.status === 'running';
			const { claim: _claim, stopRequested: _stop, ...rest } = state;
			await this.#write({
				...rest,
				...(stop ? { stopRequested: true } : {}),
				...(release || state.status !== 'running' ? {} : { claim: { owner, until: now + leaseMs } }),
			});
			return stop ? 'stop' : 'saved';
		});
	}

	/** The executor's heartbeat between saves (a long retry wait, checks waiting on Roblox budget). */
	async renewClaim(guildId: string, owner: string, now: number, leaseMs: number): Promise<ClaimedSave> {
		return this.#asOwner(guildId, owner, async (current) => {
			await this.#write({ ...current, claim: { owner, until: now + leaseMs } });
			return current.stopRequested ? 'stop' : 'saved';
		});
	}

	/**
	 * Stop pressed where the run is not executing. A run another process executes is asked to stop (it does at its
	 * next save); a running run nobody holds (its process gone) is marked stopped here.
	 */
	async requestStop(guildId: string, owner: string, now: number): Promise<'requested' | 'stopped' | 'none'> {
		return this.lock.run([runKey(guildId)], async () => {
			const current = await this.get(guildId);
			if (current?.status !== 'running') return 'none';
			const updatedAt = new Date(now).toISOString();
			if (claimedByOther(current, owner, now)) {
				await this.#write({ ...current, stopRequested: true, updatedAt });
				return 'requested';
			}
			const { claim: _claim, stopRequested: _stop, ...rest } = current;
			await this.#write({ ...rest, status: 'stopped', updatedAt });
			return 'stopped';
		});
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

	/** `scope` names one process's own sweep (a shard process sweeps its guilds only); none: the one sweep. */
	async getSweepCursor(scope?: string): Promise<SweepCursor | null> {
		const value = (await guard('get sweep', () => this.keyv.get(sweepKey(scope)))) as SweepCursor | undefined;
		return value && typeof value.passStartedAt === 'number' && typeof value.guildId === 'string' ? value : null;
	}

	async setSweepCursor(cursor: SweepCursor | null, scope?: string): Promise<void> {
		if (cursor === null) await guard('clear sweep', () => this.keyv.delete(sweepKey(scope)));
		else
			await guard('set sweep', () =>
				this.keyv.set(sweepKey(scope), {
					...cursor,
					...(cursor.retries ? { retries: cursor.retries.slice(0, MAX_SWEEP_RETRIES) } : {}),
				}),
			);
	}

	/** Under the run's lock: `write` runs only while `owner` holds the claim, else 'lost'. */
	async #asOwner(
		guildId: string,
		owner: string,
		write: (current: RunState) => Promise<ClaimedSave>,
	): Promise<ClaimedSave> {
		return this.lock.run([runKey(guildId)], async () => {
			const current = await this.get(guildId);
			if (current?.status !== 'running' || current.claim?.owner !== owner) return 'lost';
			return write(current);
		});
	}

	/** Called under the run's lock. */
	async #write(state: RunState): Promise<void> {
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

	async #readActive(): Promise<string[]> {
		const value: unknown = await guard('get active runs', () => this.keyv.get(ACTIVE_KEY));
		return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
	}

	/**
	 * Taken inside a run's lock, never the other way round, so the nesting can't deadlock. Writes of a guild's entry
	 * happen under its run's lock (listActive's pruning aside, which the next save repairs), so an index that already
	 * agrees (progress saves, the usual case) needs no lock.
	 */
	async #updateActive(guildId: string, running: boolean): Promise<void> {
		if ((await this.#readActive()).includes(guildId) === running) return;
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

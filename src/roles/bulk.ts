import { randomUUID } from 'node:crypto';
import {
	claimedByOther,
	MAX_RUN_RETRY_IDS,
	RUN_LEASE_MS,
	type RunHeld,
	type RunState,
	type RunStore,
} from '../store/runs.js';
import { text, type Text } from '../ui/i18n.js';

/** Error detail for a failure line: technical, so kept short and as it is. */
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 160);

/**
 * Bulk re-verification (`/update-all`): every member of a guild, as fast as the Roblox budget allows and no faster.
 * There are no sleeps here: workers pull the next member and the Roblox client's limiter decides when a request may
 * go. Progress is persisted as a cursor over the member list (sorted by id, as Discord lists members), so a restart
 * resumes where it stopped. Members between the cursor and the crash may be checked twice; a check is idempotent
 * (it converges on the same roles), so that never flips a role.
 *
 * No discord.js here: the Discord side supplies the ports.
 */

export type MemberOutcome = (
	| { kind: 'changed' }
	| { kind: 'unchanged' }
	| { kind: 'skipped' }
	/** `retriable: false` when checking again soon cannot help (a private inventory, a role above the bot). */
	| { kind: 'failed'; reason: Text; retriable?: boolean }
) & {
	/** Bound roles whose removal the mass-removal breaker holds until the run ends. */
	held?: number;
};

export interface BulkPorts {
	/** One page of member ids after `afterId`, ascending; an empty array ends the run. */
	listMembers(guildId: string, afterId: string | undefined, limit: number): Promise<string[]>;
	/** Total members, for progress and ETA (an estimate is fine). */
	countMembers(guildId: string): Promise<number>;
	checkMember(guildId: string, memberId: string): Promise<MemberOutcome>;
	/**
	 * Read ahead for these members (up to PREPARE_CHUNK), so their checks that follow cost fewer Roblox requests (group
	 * memberships, 50 users a request, or whole rosters). `remaining`: members the run has yet to check, these
	 * included (an estimate), so the read-ahead can weigh a roster against batches. Best effort: a failure only means
	 * each check asks on its own.
	 */
	prepare?(guildId: string, memberIds: readonly string[], remaining?: number): Promise<void>;
	/** Show progress (throttled by the runner) and the final summary. */
	report(state: RunState, phase: 'progress' | 'final'): Promise<void>;
	/**
	 * Members that still failed after the run's own retries, handed to a later retry (the sweep's queue). Returns
	 * when that retry starts (epoch ms), or null when nothing will retry them (the summary then says to run again).
	 */
	retryLater?(guildId: string, memberIds: readonly string[]): Promise<number | null>;
	/**
	 * The mass-removal breaker (src/roles/breaker.ts). Checks hold bound-role removals for the whole run, because
	 * removals made before the share is known could not be taken back; a fresh run begins a new held set, and the
	 * end of the run settles it: made at once when under the guild's threshold, else held for an admin.
	 */
	held?: {
		begin(guildId: string): Promise<void>;
		/** Written before each save of the run, so a member counted done never loses its held removal to a crash. */
		flush(): Promise<void>;
		/** Members whose held removal Discord refused at the end come back as failures of the run. */
		settle(state: RunState): Promise<{ held: RunHeld; failures: { memberId: string; reason: Text }[] } | null>;
	};
}

export interface BulkOptions {
	/** Workers per run (default 32). They mostly wait on the limiter; enough of them keep the budget full while each member also waits on Discord and the store. */
	concurrency?: number;
	pageSize?: number;
	reportEveryMs?: number;
	persistEveryMs?: number;
	/** Attempts at listing a page of members before the run ends (default 5, backing off from listRetryBaseMs). */
	listAttempts?: number;
	listRetryBaseMs?: number;
	/**
	 * Before the summary, failed members are checked again this many rounds (default 3), the first after
	 * retryBaseMs (default 15 s), each wait twice the one before: an outage or a 429 storm of a few minutes heals
	 * inside the run instead of waiting for the next day.
	 */
	retryRounds?: number;
	retryBaseMs?: number;
	/** How long a run's claim holds without renewal before another process takes the run over (RUN_LEASE_MS). */
	leaseMs?: number;
	/**
	 * The guilds whose runs this process may resume or take over (default all). A shard process: its own shards'
	 * guilds, so another shard's run waits for that shard's process (respawned by the manager), which has its guild.
	 */
	owns?: (guildId: string) => boolean;
	now?: () => number;
	logger?: {
		info(obj: object, msg?: string): void;
		warn(obj: object, msg?: string): void;
		error(obj: object, msg?: string): void;
	};
}

export class RunAlreadyActiveError extends Error {}

interface ActiveRun {
	state: RunState;
	stopRequested: boolean;
	/** Stopped for a shutdown: stays persisted as running, to resume on the next start. */
	suspend: boolean;
	/**
	 * Set when a shutdown stopped waiting for the run: its state was saved as it stood, and whatever its workers
	 * finish later is neither counted nor saved (the resumed run checks those members).
	 */
	frozen: boolean;
	/** Wakes the retry phase's wait early on stop. */
	wake: () => void;
	done: Promise<RunState>;
}

const MAX_FAILURES_KEPT = 20;
/** Members read ahead together: Roblox's limit of users in one group memberships filter. */
export const PREPARE_CHUNK = 50;

export class BulkRunner {
	/** This runner's name in run claims: one runner per process, so one process per running run. */
	readonly owner = randomUUID();
	private readonly active = new Map<string, ActiveRun>();
	private readonly leaseMs: number;
	/** Looks for runs whose process stopped renewing them (crashed), from the first resumeAll until suspendAll. */
	private takeover: NodeJS.Timeout | undefined;
	private resuming: Promise<RunState[]> | undefined;
	private closed = false;
	private readonly owns: (guildId: string) => boolean;
	private readonly concurrency: number;
	private readonly pageSize: number;
	private readonly reportEveryMs: number;
	private readonly persistEveryMs: number;
	private readonly now: () => number;

	constructor(
		private readonly runs: RunStore,
		private readonly ports: BulkPorts,
		private readonly options: BulkOptions = {},
	) {
		this.concurrency = options.concurrency ?? 32;
		this.pageSize = options.pageSize ?? 1000;
		this.reportEveryMs = options.reportEveryMs ?? 5_000;
		this.persistEveryMs = options.persistEveryMs ?? 1_000;
		this.now = options.now ?? Date.now;
		this.leaseMs = options.leaseMs ?? RUN_LEASE_MS;
		this.owns = options.owns ?? (() => true);
	}

	isRunning(guildId: string): boolean {
		return this.active.has(guildId);
	}

	get(guildId: string): RunState | undefined {
		return this.active.get(guildId)?.state;
	}

	/**
	 * Starts a run; one per guild at a time, decided in the store (RunStore.claim): a persisted running run blocks a
	 * new one, whichever process (or earlier process) runs it.
	 */
	async start(
		guildId: string,
		startedBy: string,
		where: Pick<RunState, 'progressChannelId' | 'progressMessageId'> = {},
	): Promise<RunState> {
		if (this.active.has(guildId)) throw new RunAlreadyActiveError();
		const fresh: RunState = {
			guildId,
			runId: randomUUID().slice(0, 8),
			startedBy,
			startedAt: new Date(this.now()).toISOString(),
			status: 'running',
			total: await this.ports.countMembers(guildId),
			processed: 0,
			changed: 0,
			failed: 0,
			skipped: 0,
			failures: [],
			updatedAt: new Date(this.now()).toISOString(),
			...where,
		};
		const state = await this.runs.claim(guildId, this.owner, this.now(), this.leaseMs, (current) =>
			current?.status === 'running' ? null : fresh,
		);
		if (!state) throw new RunAlreadyActiveError();
		await this.ports.held?.begin(guildId);
		return this.launch(state).state;
	}

	/** Wait for a run to end (tests, shutdown). */
	async wait(guildId: string): Promise<RunState | undefined> {
		return this.active.get(guildId)?.done;
	}

	async stop(guildId: string): Promise<boolean> {
		const run = this.active.get(guildId);
		// Another process's run is asked to stop; a run persisted as running that no process executes is cleared.
		if (!run) return (await this.runs.requestStop(guildId, this.owner, this.now())) !== 'none';
		run.stopRequested = true;
		run.wake();
		await run.done;
		return true;
	}

	/**
	 * Resume every run that was going when its process stopped, then keep looking (every half lease) for runs whose
	 * process stopped renewing them. Each is claimed first, so of two processes starting at once one resumes it.
	 */
	async resumeAll(): Promise<RunState[]> {
		if (!this.takeover && !this.closed) {
			this.takeover = setInterval(() => {
				this.resumeAll().catch((error: unknown) =>
					this.options.logger?.warn({ err: error }, 'could not look for bulk runs to take over'),
				);
			}, this.leaseMs / 2);
			this.takeover.unref();
		}
		// One look at a time (a slow store must not stack them up).
		this.resuming ??= this.resumeOrphans().finally(() => (this.resuming = undefined));
		return this.resuming;
	}

	private async resumeOrphans(): Promise<RunState[]> {
		const resumed: RunState[] = [];
		for (const listed of await this.runs.listActive()) {
			if (this.closed) break;
			if (this.active.has(listed.guildId) || !this.owns(listed.guildId)) continue;
			if (claimedByOther(listed, this.owner, this.now())) continue;
			const state = await this.runs.claim(listed.guildId, this.owner, this.now(), this.leaseMs, (current) =>
				current?.status === 'running' && !claimedByOther(current, this.owner, this.now())
					? { ...current, resumedAt: new Date(this.now()).toISOString() }
					: null,
			);
			if (!state || this.active.has(state.guildId)) continue;
			this.options.logger?.info(
				{ guildId: state.guildId, runId: state.runId, processed: state.processed },
				'resuming bulk run',
			);
			resumed.push(this.launch(state).state);
		}
		return resumed;
	}

	/**
	 * Stop every run without finishing it, so a restart resumes them (graceful shutdown). Workers take no new member;
	 * checks still going may finish within `graceMs` and count. After that the state is saved as it stands: members
	 * not finished by then are not counted, so the resumed run checks them.
	 */
	async suspendAll(graceMs = 4_000): Promise<void> {
		this.closed = true;
		clearInterval(this.takeover);
		const runs = [...this.active.values()];
		for (const run of runs) {
			run.suspend = true;
			run.stopRequested = true;
			run.wake();
		}
		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
		const all = Promise.all(runs.map((run) => run.done.catch(() => undefined)));
		const outcome = await Promise.race([all, timedOut]);
		clearTimeout(timer);
		if (outcome !== 'timeout') return;
		for (const run of runs) {
			if (!this.active.has(run.state.guildId)) continue;
			run.frozen = true;
			this.options.logger?.warn({ guildId: run.state.guildId, runId: run.state.runId }, 'bulk run frozen at shutdown');
			const progress = snapshot(run.state); // before the flush, as in persist()
			await this.ports.held?.flush().catch(() => undefined);
			// Released: the next process resumes it at once instead of waiting out the lease.
			await this.runs.saveClaimed(progress, this.owner, this.now(), this.leaseMs, true).catch(() => undefined);
		}
	}

	/**
	 * Saves the run as its claimed executor (renewing the claim), or only renews it. A Stop pressed on another process
	 * stops the run; a claim another process took over (this one stalled past the lease) freezes it: nothing more of
	 * it is counted or saved here, the new executor goes on from the last save.
	 */
	private async persist(run: ActiveRun, mode: 'save' | 'renew' | 'release' = 'save'): Promise<void> {
		const { state } = run;
		// The run as it stands now, then the held removals, then the run: every member this save counts as done had its
		// held removal recorded before the snapshot, so the flush writes it first. (Snapshotting after the flush let a
		// member that finished during it be saved as done with its removal still unwritten: a crash then lost it.)
		const progress = mode === 'renew' ? undefined : snapshot(state);
		if (progress) await this.ports.held?.flush();
		const outcome = !progress
			? await this.runs.renewClaim(state.guildId, this.owner, this.now(), this.leaseMs)
			: await this.runs.saveClaimed(progress, this.owner, this.now(), this.leaseMs, mode === 'release');
		if (outcome === 'lost' && !run.frozen) {
			this.options.logger?.warn(
				{ guildId: state.guildId, runId: state.runId },
				'bulk run taken over by another process',
			);
			run.frozen = true;
		}
		if (outcome !== 'saved' && !run.stopRequested) {
			run.stopRequested = true;
			run.wake();
		}
	}

	private launch(state: RunState): ActiveRun {
		const run: ActiveRun = {
			state,
			stopRequested: false,
			suspend: false,
			frozen: false,
			wake: () => undefined,
			done: Promise.resolve(state),
		};
		if (state.stopRequested) run.stopRequested = true; // pressed elsewhere while no process held the run
		// The claim's heartbeat, for stretches without progress saves (retry waits, checks waiting on the budget).
		const heartbeat = setInterval(() => {
			if (run.frozen) return;
			this.persist(run, 'renew').catch((error: unknown) =>
				this.options.logger?.warn({ err: error, guildId: state.guildId }, 'could not renew the bulk run claim'),
			);
		}, this.leaseMs / 3);
		heartbeat.unref();
		run.done = this.execute(run).finally(() => {
			clearInterval(heartbeat);
			// A run ends after its final save, so a new run of the guild may already be in its place.
			if (this.active.get(state.guildId) === run) this.active.delete(state.guildId);
		});
		this.active.set(state.guildId, run);
		return run;
	}

	private async execute(run: ActiveRun): Promise<RunState> {
		const { state } = run;
		const startedAt = this.now();
		const processedAtStart = state.processed;
		let lastReport = 0;
		let lastPersist = this.now();
		const progress = async (force = false) => {
			if (run.frozen) return;
			const now = this.now();
			state.updatedAt = new Date(now).toISOString();
			const elapsed = (now - startedAt) / 1000;
			const rate = elapsed > 0 ? (state.processed - processedAtStart) / elapsed : 0;
			state.etaSeconds = rate > 0 ? Math.max(0, Math.round((state.total - state.processed) / rate)) : undefined;
			if (force || now - lastPersist >= this.persistEveryMs) {
				lastPersist = now;
				await this.persist(run);
			}
			if (force || now - lastReport >= this.reportEveryMs) {
				lastReport = now;
				await this.ports
					.report(state, 'progress')
					.catch((error: unknown) =>
						this.options.logger?.warn({ err: error, guildId: state.guildId }, 'progress report failed'),
					);
			}
		};
		const check = (memberId: string) =>
			this.ports.checkMember(state.guildId, memberId).catch((error: unknown): MemberOutcome => ({
				kind: 'failed',
				reason: text('bulkFailureUnexpected', { error: errorText(error) }),
			}));

		try {
			await progress(true);
			if (!state.retry) await this.checkEveryMember(run, check, progress);
			if (!run.stopRequested && !state.retry) this.startRetries(state);
			while (state.retry && !run.stopRequested) await this.retryRound(run, check, progress);
			state.status = run.stopRequested ? 'stopped' : 'done';
		} catch (error) {
			// Discord kept failing to list members. End the run visibly (a stuck "running" run would block the next
			// /update-all); everything done so far stays done, and the summary says to run it again.
			this.options.logger?.error({ err: error, guildId: state.guildId, runId: state.runId }, 'bulk run interrupted');
			state.status = 'stopped';
			state.failures.push({
				memberId: '-',
				reason: text('bulkFailureListing', { error: errorText(error) }),
			});
		}
		if (run.frozen) return state;
		if (state.status === 'stopped' && run.suspend) {
			state.status = 'running';
			await this.persist(run, 'release');
			return state;
		}
		if (this.ports.held) {
			const held = await this.ports.held.settle(state).catch((error: unknown) => {
				// Whatever was held stays held (roles kept); the next check of those members decides again.
				this.options.logger?.error({ err: error, guildId: state.guildId }, 'could not settle held removals');
				return null;
			});
			if (held) {
				state.held = held.held;
				for (const failure of held.failures) {
					state.failed++;
					state.failures.push(failure);
				}
			}
		}
		const still = state.retryIds ?? [];
		if (state.status === 'done' && still.length > 0 && this.ports.retryLater) {
			const at = await this.ports.retryLater(state.guildId, still).catch(() => null);
			if (at !== null) state.nextRetryAt = at;
		}
		state.finishedAt = new Date(this.now()).toISOString();
		state.etaSeconds = 0;
		await this.persist(run); // a finished status releases the claim and leaves the active index
		if (run.frozen) return state;
		await this.ports
			.report(state, 'final')
			.catch((error: unknown) =>
				this.options.logger?.warn({ err: error, guildId: state.guildId }, 'final report failed'),
			);
		return state;
	}

	/** The main phase: every member once, page by page, in id order. */
	private async checkEveryMember(
		run: ActiveRun,
		check: (memberId: string) => Promise<MemberOutcome>,
		progress: () => Promise<void>,
	): Promise<void> {
		const { state } = run;
		// Finished past the cursor, possibly by the process before a restart: skipped, they were counted then.
		const ahead = new Set(state.doneAhead ?? []);
		while (!run.stopRequested) {
			const page = await this.listWithRetries(state, run);
			if (page.length === 0) break;
			let next = 0;
			let advanced = 0;
			// The cursor only moves past a member once every member before it in the page is finished, so a crash
			// never skips anyone; `doneAhead` names the ones finished beyond it, so a graceful stop repeats no one.
			const advanceCursor = () => {
				while (advanced < page.length && ahead.has(page[advanced]!)) {
					ahead.delete(page[advanced]!);
					state.afterId = page[advanced++]!;
				}
				state.doneAhead = [...ahead];
			};
			advanceCursor();
			// Chunk k is read ahead while chunk k - 1 is being checked, so workers never wait at a chunk boundary.
			const prepared = new Map<number, Promise<void>>();
			const prepare = (k: number): Promise<void> => {
				if (!this.ports.prepare || k * PREPARE_CHUNK >= page.length) return Promise.resolve();
				let ready = prepared.get(k);
				if (!ready) {
					ready = this.ports
						.prepare(
							state.guildId,
							page.slice(k * PREPARE_CHUNK, (k + 1) * PREPARE_CHUNK).filter((id) => !ahead.has(id)),
							Math.max(page.length - k * PREPARE_CHUNK, state.total - state.processed),
						)
						.catch((error: unknown) =>
							this.options.logger?.warn({ err: error, guildId: state.guildId }, 'read-ahead failed'),
						);
					prepared.set(k, ready);
				}
				return ready;
			};
			const worker = async () => {
				while (!run.stopRequested && next < page.length) {
					const index = next++;
					const memberId = page[index]!;
					if (ahead.has(memberId)) continue;
					const chunk = Math.floor(index / PREPARE_CHUNK);
					void prepare(chunk + 1);
					await prepare(chunk);
					const outcome = await check(memberId);
					if (run.frozen) return;
					// Cut short by a shutdown (it was waiting for Roblox budget): not a failure, the resumed run checks it.
					if (run.suspend && outcome.kind === 'failed') continue;
					this.count(state, memberId, outcome);
					ahead.add(memberId);
					advanceCursor();
					await progress();
				}
			};
			await Promise.all(Array.from({ length: Math.min(this.concurrency, page.length) }, worker));
			if (page.length < this.pageSize) break;
		}
	}

	private startRetries(state: RunState): void {
		const rounds = this.options.retryRounds ?? 3;
		if (rounds > 0 && (state.retryIds?.length ?? 0) > 0)
			state.retry = { round: 1, rounds, at: this.now() + (this.options.retryBaseMs ?? 15_000) };
	}

	/** One round over the failed members, after its wait; schedules the next round or ends the phase. */
	private async retryRound(
		run: ActiveRun,
		check: (memberId: string) => Promise<MemberOutcome>,
		progress: (force?: boolean) => Promise<void>,
	): Promise<void> {
		const { state } = run;
		const retry = state.retry!;
		await progress(true);
		await this.pause(run, retry.at - this.now());
		if (run.stopRequested) return;
		const ids = state.retryIds ?? [];
		const still: string[] = [];
		let next = 0;
		const worker = async () => {
			while (!run.stopRequested && next < ids.length) {
				const memberId = ids[next++]!;
				const outcome = await check(memberId);
				if (run.frozen) return;
				if (run.suspend && outcome.kind === 'failed') {
					still.push(memberId);
					continue;
				}
				state.retried = (state.retried ?? 0) + 1;
				if (outcome.kind === 'failed') {
					still.push(memberId);
					const failure = state.failures.find((f) => f.memberId === memberId);
					if (failure) failure.reason = outcome.reason;
				} else {
					if (outcome.held) state.heldMembers = (state.heldMembers ?? 0) + 1;
					state.failed = Math.max(0, state.failed - 1);
					state.failures = state.failures.filter((f) => f.memberId !== memberId);
					if (outcome.kind === 'changed') state.changed++;
				}
				await progress();
			}
		};
		await Promise.all(Array.from({ length: Math.min(this.concurrency, ids.length) }, worker));
		state.retryIds = [...still, ...ids.slice(next)];
		if (run.stopRequested) return;
		if (state.retryIds.length === 0 || retry.round >= retry.rounds) delete state.retry;
		else
			state.retry = {
				...retry,
				round: retry.round + 1,
				at: this.now() + (this.options.retryBaseMs ?? 15_000) * 2 ** retry.round,
			};
	}

	/** A wait that Stop and shutdown cut short. */
	private pause(run: ActiveRun, ms: number): Promise<void> {
		if (ms <= 0 || run.stopRequested) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, ms);
			run.wake = () => {
				clearTimeout(timer);
				resolve();
			};
		});
	}

	/** Listing a page is one Discord call; a brief outage should not end a run that took an hour to get here. */
	private async listWithRetries(state: RunState, run: ActiveRun): Promise<string[]> {
		const attempts = this.options.listAttempts ?? 5;
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.ports.listMembers(state.guildId, state.afterId, this.pageSize);
			} catch (error) {
				if (attempt >= attempts || run.stopRequested) throw error;
				this.options.logger?.warn({ err: error, guildId: state.guildId, attempt }, 'listing members failed; retrying');
				await new Promise((resolve) =>
					setTimeout(resolve, Math.min(30_000, (this.options.listRetryBaseMs ?? 1_000) * 2 ** (attempt - 1))),
				);
			}
		}
	}

	private count(state: RunState, memberId: string, outcome: MemberOutcome): void {
		state.processed++;
		if (outcome.held) state.heldMembers = (state.heldMembers ?? 0) + 1;
		if (outcome.kind === 'changed') state.changed++;
		else if (outcome.kind === 'skipped') state.skipped++;
		else if (outcome.kind === 'failed') {
			state.failed++;
			if (outcome.retriable !== false && (state.retryIds?.length ?? 0) < MAX_RUN_RETRY_IDS)
				(state.retryIds ??= []).push(memberId);
			state.failures.push({ memberId, reason: outcome.reason });
			if (state.failures.length > MAX_FAILURES_KEPT) state.failures.shift();
		}
	}
}

/** What is persisted: the state as it stands (counts, cursor, members done past it, retries left). */
function snapshot(state: RunState): RunState {
	return { ...state, ...(state.doneAhead ? { doneAhead: [...state.doneAhead] } : {}) };
}

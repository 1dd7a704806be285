import type { SweepRetry } from '../store/runs.js';
import { PREPARE_CHUNK, type MemberOutcome } from './bulk.js';
import { text } from '../ui/i18n.js';
import { usersFrom, type SweepTarget, type SweepUser } from './sweep-users.js';

/** How long read-ahead answers are trusted for (the Roblox client keeps them five minutes). */
const READ_AHEAD_MS = 4 * 60_000;

/**
 * The periodic re-verification sweep: every linked member of every guild is re-checked once per period (default 24 h),
 * spread evenly over the period so it never competes with people running commands (it also runs at background
 * priority in the Roblox limiter). A member whose check failed (Roblox down, rate limited, private inventory) is
 * retried later instead of waiting a whole period; the retry queue is saved with the pass position, so a restart
 * keeps both, and bulk runs hand their still-failing members to the same queue.
 *
 * A member of several guilds is checked once a pass, in all of them together (see sweep-users.ts): one Roblox
 * question for the union of their bindings. The period is spread over members, not (guild, member) places.
 */

export interface SweepPosition {
	passStartedAt: number;
	guildId: string;
	memberId: string;
	retries?: SweepRetry[];
}

export interface SweepPorts {
	guildIds(): string[];
	/** Where the current pass was when the process stopped (null: no pass under way). */
	loadPosition?(): Promise<SweepPosition | null>;
	savePosition?(position: SweepPosition | null): Promise<void>;
	listMembers(guildId: string, afterId: string | undefined, limit: number): Promise<string[]>;
	linkedAmong(memberIds: readonly string[]): Promise<Set<string>>;
	checkMember(guildId: string, memberId: string): Promise<MemberOutcome>;
	/**
	 * Checks one member in several guilds with one Roblox question (the union of those guilds' bindings); an outcome
	 * for each guild. Without it, the member is checked in each guild in turn.
	 */
	checkAcross?(memberId: string, guildIds: readonly string[]): Promise<Map<string, MemberOutcome>>;
	/** Read ahead for the next members of one guild (see BulkPorts.prepare). */
	prepare?(guildId: string, memberIds: readonly string[]): Promise<void>;
	/** The pass is over: the mass-removal breaker decides on each guild's held removals (see settleHeld). */
	passEnded?(): Promise<void>;
}

export interface SweepOptions {
	periodMs: number;
	retryDelayMs?: number;
	maxRetries?: number;
	/** How often the pass position is persisted (default every 5 s; it is one small write). */
	positionSaveEveryMs?: number;
	logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
	/** Injected for tests; production waits with unref'd timers. */
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(resolve, ms);
		timer.unref();
		signal.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				resolve();
			},
			{ once: true },
		);
	});

export interface SweepPassResult {
	checked: number;
	changed: number;
	failed: number;
	/** Members the check passed over (left, or pending Membership Screening). */
	skipped: number;
	retried: number;
}

export class Sweeper {
	private controller = new AbortController();
	private loop: Promise<void> | null = null;
	private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
	/** Soonest first. Loaded with the position; kept between passes. */
	private retries: SweepRetry[] = [];
	/** Where the pass stands, for saving: the last member checked in order (null: no pass under way). */
	private position: Omit<SweepPosition, 'retries'> | null = null;
	private loaded = false;

	constructor(
		private readonly ports: SweepPorts,
		private readonly options: SweepOptions,
	) {
		this.sleep = options.sleep ?? defaultSleep;
	}

	start(): void {
		if (this.loop) return;
		this.controller = new AbortController();
		const signal = this.controller.signal;
		this.loop = (async () => {
			// Let start-up traffic (command registration, resumed bulk runs) go first.
			await this.sleep(60_000, signal);
			while (!signal.aborted) {
				const started = Date.now();
				const result = await this.runPass(signal).catch((error: unknown) => {
					this.options.logger?.warn({ err: error }, 'sweep pass failed');
					return null;
				});
				if (result) this.options.logger?.info({ ...result, ms: Date.now() - started }, 'sweep pass finished');
				await this.idle(started + Math.max(60_000, this.options.periodMs), signal);
			}
		})();
	}

	/** Stops the loop; a check going on may finish within `graceMs`, then the position and queue are saved. */
	async stop(graceMs = 4_000): Promise<void> {
		this.controller.abort();
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
		clearTimeout(timer);
		this.loop = null;
		await this.save();
	}

	/** Adds members to the retry queue (a bulk run's leftovers). Returns when their retry is due. */
	async enqueue(guildId: string, memberIds: readonly string[]): Promise<number> {
		await this.load();
		const at = Date.now() + this.retryDelay();
		const queued = new Set(this.retries.map((r) => `${r.guildId}/${r.memberId}`));
		for (const memberId of memberIds)
			if (!queued.has(`${guildId}/${memberId}`)) this.retries.push({ guildId, memberId, attempt: 0, at });
		this.retries.sort((a, b) => a.at - b.at);
		await this.save();
		return at;
	}

	private retryDelay(): number {
		return this.options.retryDelayMs ?? 15 * 60_000;
	}

	private async load(): Promise<SweepPosition | null> {
		const saved = (await this.ports.loadPosition?.().catch(() => null)) ?? null;
		if (!this.loaded) {
			this.loaded = true;
			this.retries = [...(saved?.retries ?? []), ...this.retries].sort((a, b) => a.at - b.at);
		}
		return saved;
	}

	private async save(): Promise<void> {
		if (!this.loaded) return;
		const retries = this.retries.length ? { retries: [...this.retries] } : {};
		const position = this.position ?? (this.retries.length ? { passStartedAt: 0, guildId: '', memberId: '' } : null);
		await this.ports.savePosition?.(position ? { ...position, ...retries } : null).catch(() => undefined);
	}

	/** Between passes: due retries still run. */
	private async idle(until: number, signal: AbortSignal): Promise<void> {
		while (!signal.aborted && Date.now() < until) {
			const next = this.retries[0];
			if (next && next.at <= Date.now()) {
				await this.runRetry(signal, { checked: 0, changed: 0, failed: 0, skipped: 0, retried: 0 });
				continue;
			}
			await this.sleep(Math.min(until, next?.at ?? until) - Date.now(), signal);
		}
	}

	/** One member's outcome in each of these guilds (a thrown error is a failed check everywhere). */
	private async outcomes(memberId: string, guildIds: readonly string[]): Promise<Map<string, MemberOutcome>> {
		const failed = (error: unknown): MemberOutcome => ({
			kind: 'failed',
			reason: text('bulkFailureUnexpected', { error: String(error) }),
		});
		if (guildIds.length > 1 && this.ports.checkAcross) {
			const all = await this.ports.checkAcross(memberId, guildIds).catch((error: unknown) => {
				const outcome = failed(error);
				return new Map(guildIds.map((guildId) => [guildId, outcome]));
			});
			return all;
		}
		const all = new Map<string, MemberOutcome>();
		for (const guildId of guildIds) all.set(guildId, await this.ports.checkMember(guildId, memberId).catch(failed));
		return all;
	}

	/**
	 * Checks one member in these guilds (each with its attempt so far); a failed check goes back in the queue until
	 * maxRetries. False when the stop cut it short.
	 */
	private async checkUser(
		signal: AbortSignal,
		result: SweepPassResult,
		memberId: string,
		places: readonly { guildId: string; attempt: number }[],
	): Promise<boolean> {
		const outcomes = await this.outcomes(
			memberId,
			places.map((place) => place.guildId),
		);
		// A check the shutdown cut short (it was waiting for Roblox budget) is not done: it is checked after the restart.
		if (signal.aborted && [...outcomes.values()].some((outcome) => outcome.kind === 'failed')) return false;
		for (const { guildId, attempt } of places) {
			const outcome = outcomes.get(guildId) ?? { kind: 'skipped' };
			result.checked++;
			if (outcome.kind === 'changed') result.changed++;
			if (outcome.kind === 'skipped') result.skipped++;
			if (outcome.kind === 'failed') {
				result.failed++;
				if (attempt < (this.options.maxRetries ?? 3) && outcome.retriable !== false)
					this.retries.push({ guildId, memberId, attempt: attempt + 1, at: Date.now() + this.retryDelay() });
			}
		}
		this.retries.sort((a, b) => a.at - b.at);
		return true;
	}

	/** The soonest retry, with the member's other queued retries: one check covers all of their guilds. */
	private async runRetry(signal: AbortSignal, result: SweepPassResult): Promise<void> {
		const memberId = this.retries[0]!.memberId;
		const taken = this.retries.filter((retry) => retry.memberId === memberId);
		this.retries = this.retries.filter((retry) => retry.memberId !== memberId);
		result.retried += taken.length;
		const done = await this.checkUser(signal, result, memberId, taken);
		if (!done) this.retries = [...taken, ...this.retries].sort((a, b) => a.at - b.at);
		await this.save();
	}

	/** Reads ahead for these members, guild by guild (each guild reads what its own bindings need). */
	private async prepare(users: readonly SweepUser[]): Promise<void> {
		const byGuild = new Map<string, string[]>();
		for (const user of users)
			for (const guildId of user.guildIds) {
				const ids = byGuild.get(guildId) ?? [];
				if (!ids.length) byGuild.set(guildId, ids);
				ids.push(user.memberId);
			}
		for (const [guildId, memberIds] of byGuild) await this.ports.prepare?.(guildId, memberIds).catch(() => undefined);
	}

	/**
	 * One pass over every guild; the checks are spread over `periodMs`. A pass interrupted by a restart continues
	 * where it was, inside its original period, so frequent restarts cannot starve the members late in the order.
	 */
	async runPass(signal: AbortSignal = new AbortController().signal): Promise<SweepPassResult> {
		const saved = await this.load();
		const now = Date.now();
		const resume = saved && saved.passStartedAt + this.options.periodMs > now ? saved : null;
		const passStartedAt = resume?.passStartedAt ?? now;
		this.position = resume
			? { passStartedAt, guildId: resume.guildId, memberId: resume.memberId }
			: { passStartedAt, guildId: '', memberId: '' };
		const targets: SweepTarget[] = [];
		const guildIds = [...this.ports.guildIds()].sort(compareIds);
		for (const guildId of guildIds) {
			let after: string | undefined;
			for (;;) {
				const page = await this.ports.listMembers(guildId, after, 1000);
				if (page.length === 0) break;
				const linked = await this.ports.linkedAmong(page);
				for (const memberId of page) if (linked.has(memberId)) targets.push([guildId, memberId]);
				after = page[page.length - 1];
				if (page.length < 1000) break;
			}
		}
		const result: SweepPassResult = { checked: 0, changed: 0, failed: 0, skipped: 0, retried: 0 };
		// Places up to the saved position were checked before the restart (with every guild of their member).
		const first = resume
			? targets.findIndex(([guildId, memberId]) => {
					const byGuild = compareIds(guildId, resume.guildId);
					return byGuild > 0 || (byGuild === 0 && compareIds(memberId, resume.memberId) > 0);
				})
			: 0;
		const todo = first === -1 ? [] : usersFrom(targets, first);
		const gap = todo.length > 0 ? Math.max(0, passStartedAt + this.options.periodMs - now) / todo.length : 0;
		let savedAt = 0;
		const remember = async (guildId: string, memberId: string) => {
			this.position = { passStartedAt, guildId, memberId };
			if (Date.now() - savedAt < (this.options.positionSaveEveryMs ?? POSITION_SAVE_EVERY_MS)) return;
			savedAt = Date.now();
			await this.save();
		};

		// Read ahead only as far as the answers stay fresh: a chunk must be checked within a few minutes of its read.
		const ahead = Math.max(1, Math.min(PREPARE_CHUNK, Math.floor(READ_AHEAD_MS / Math.max(1, gap))));
		let preparedUntil = 0;
		for (const [index, user] of todo.entries()) {
			if (signal.aborted) break;
			if (this.ports.prepare && ahead > 1 && index >= preparedUntil) {
				preparedUntil = index + ahead;
				await this.prepare(todo.slice(index, preparedUntil));
			}
			const started = Date.now();
			const places = user.guildIds.map((guildId) => ({ guildId, attempt: 0 }));
			if (!(await this.checkUser(signal, result, user.memberId, places))) break;
			await remember(user.guildIds[0]!, user.memberId);
			// Retries whose time has come go between the regular checks.
			while (this.retries.length && this.retries[0]!.at <= Date.now() && !signal.aborted)
				await this.runRetry(signal, result);
			const wait = gap - (Date.now() - started);
			if (wait > 0) await this.sleep(wait, signal);
		}
		// The pass ends with its own retries (and any handed over), so its result says how they ended.
		while (this.retries.length && !signal.aborted) {
			const wait = this.retries[0]!.at - Date.now();
			if (wait > 0) await this.sleep(wait, signal);
			if (!signal.aborted) await this.runRetry(signal, result);
		}
		if (signal.aborted) {
			await this.save();
			return result;
		}
		await this.settleHeld();
		this.position = null;
		await this.save();
		return result;
	}

	/**
	 * The mass-removal breaker decides per guild per pass: a pass is the only span in which a guild's share of
	 * members losing roles means something (the sweep spreads a guild's members over the whole period, so an hour's
	 * window of a small guild holds too few to tell a mass change from an ordinary day). Removals wait until the pass
	 * ends, before the position is cleared, so a restart during the decision makes it again.
	 */
	private async settleHeld(): Promise<void> {
		await this.ports.passEnded?.().catch((error: unknown) => {
			this.options.logger?.warn({ err: error }, 'could not settle the held removals of the pass');
		});
	}
}

/** Every few seconds is plenty for a pass that lasts a day; members after the last save are just checked again. */
const POSITION_SAVE_EVERY_MS = 5_000;

/** Snowflakes compare as numbers: shorter is smaller, then by digits. */
function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

import { RobloxError } from './errors.js';
import type { Priority } from './types.js';

/**
 * Client-side budget for one Roblox rate limit.
 *
 * A sliding-window *log* (timestamps of the last `limit` starts) rather than a token bucket: a bucket
 * starts full and refills continuously, so it can start `2 × limit` requests inside one server window and
 * trips both fixed-window and sliding-window server limits. The log never lets more than `limit` requests
 * start in any rolling `windowMs`, which stays inside either kind.
 *
 * Two halves: the *window* says whether a request may start now (this process's own log, `LocalWindow`, or one log
 * in Redis shared by every process on the API key, shared-limiter.ts), and the *queue* in front of it decides who
 * goes: interactive (a member is waiting) before background (sweeps), FIFO within a priority. The queue asks its
 * window for one slot at a time, for its head; one timer at a time wakes it exactly when the window says a slot
 * frees up. There is no polling and no fixed sleep.
 */

/** The seam every Roblox call site goes through (src/roblox/http.ts): one per Roblox budget. */
export interface Limiter {
	/**
	 * Resolves when this caller may start one request. Each retry must acquire again: it costs budget too.
	 *
	 * Call the returned `settle` when the answer arrives. Roblox counts the request when it reaches Roblox,
	 * somewhere between our send and its answer; the send time alone would let our window expire a request
	 * that Roblox still counts whenever the network or our event loop is slow. Dating the slot from the answer
	 * makes our window end no earlier than Roblox's, whatever the latency.
	 */
	acquire(priority: Priority): Promise<() => void>;
	/**
	 * Feed back what the server said about the budget. The server counts every key of the owner, including
	 * other processes, so `remaining: 0` means nobody may start until the reset, whatever our own log says.
	 */
	observe(remaining: number | undefined, resetMs: number | undefined): void;
	/** Stop starting requests for `ms` (a 429's retry-after): everybody sharing this budget. */
	hold(ms: number): void;
	/** Number of callers waiting for a slot. */
	readonly waiting: number;
	/**
	 * Stop serving one priority: its waiters are rejected now and later acquires at once. Requests already started
	 * are not affected, so their answers (which Roblox has counted) are still used.
	 */
	refuse(priority: Priority): void;
	close(): void;
}

export interface Rate {
	limit: number;
	windowMs: number;
}

/** What a window answers: a slot (call `settle` with the answer), or how long until one may free up. */
export type Grant = { settle: () => void } | { waitMs: number };

/** Where slots come from. `take` may be asynchronous (a round trip to Redis); the queue asks one at a time. */
export interface BudgetWindow {
	take(): Grant | Promise<Grant>;
	/**
	 * The server says no budget is left until `resetMs` from now. When the window's own starts explain it, the log
	 * already makes us wait for exactly the right moment (Roblox's reset is whole seconds, rounded up, so also
	 * holding would waste up to a second per window); only budget spent elsewhere needs a hold. True: hold here.
	 */
	exhausted(resetMs: number): boolean;
	/** A 429's hold, for the other processes sharing the window (the queue holds this one itself). */
	shareHold?(ms: number): void;
}

/**
 * The window we enforce is a little longer than the server's: a request started at the very end of our window can
 * reach the server sooner than the one it replaces did (latency jitter) and would land inside the server's window.
 * Two percent (at most 250 ms) absorbs that without noticeably lowering throughput.
 */
export function paddedWindowMs(windowMs: number): number {
	return windowMs + Math.min(250, Math.ceil(windowMs * 0.02));
}

export function checkRate(rate: Rate): void {
	if (!(rate.limit >= 1) || !(rate.windowMs > 0)) throw new RangeError('limiter needs limit >= 1 and windowMs > 0');
}

/** One request's place in a log. `at` starts as the send time and moves to the answer time. */
export interface Slot {
	at: number;
	/** Its member in the shared log (shared-limiter.ts). */
	id?: string;
	/** Not ours: stands for another process's start while Redis is unreachable (shared-limiter.ts). */
	phantom?: boolean;
}

/** Start times within the last `windowMs`, oldest first. */
export class SlidingLog {
	private readonly slots: Slot[] = [];

	constructor(readonly windowMs: number) {}

	size(now: number): number {
		while (this.slots.length > 0 && this.slots[0]!.at + this.windowMs <= now) this.slots.shift();
		return this.slots.length;
	}

	/** How long until fewer than `limit` are in the window; undefined when they already are. */
	wait(limit: number, now: number): number | undefined {
		if (this.size(now) < limit) return undefined;
		// The limit-th newest must leave (phantoms can make the log longer than a limit).
		return Math.max(1, this.slots[this.slots.length - limit]!.at + this.windowMs - now);
	}

	/** A slot if fewer than `limit` started in the window, else the wait until one may. */
	take(limit: number, now: number, clock: () => number, id?: string): Grant {
		const waitMs = this.wait(limit, now);
		if (waitMs !== undefined) return { waitMs };
		const slot = this.add({ at: now, ...(id === undefined ? {} : { id }) });
		return { settle: () => this.settle(slot, clock()) };
	}

	/** Keeps the log sorted (answers come back out of order; phantoms are dated in the past). */
	add(slot: Slot): Slot {
		let index = this.slots.length;
		while (index > 0 && this.slots[index - 1]!.at > slot.at) index--;
		this.slots.splice(index, 0, slot);
		return slot;
	}

	/** Re-date a slot to its answer time. */
	settle(slot: Slot, now: number): void {
		const index = this.slots.indexOf(slot);
		if (index === -1) return; // already out of the window
		this.slots.splice(index, 1);
		slot.at = Math.max(slot.at, now);
		this.add(slot);
	}

	entries(now: number): readonly Slot[] {
		this.size(now);
		return this.slots;
	}

	removePhantoms(): void {
		for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]!.phantom) this.slots.splice(i, 1);
	}
}

interface Waiter {
	resolve: (settle: () => void) => void;
	reject: (e: unknown) => void;
}

/** The priority queue in front of a window. */
export class QueuedLimiter implements Limiter {
	private readonly queues: Record<Priority, Waiter[]> = { interactive: [], background: [] };
	private holdUntil = 0;
	private timer: NodeJS.Timeout | undefined;
	private timerAt = Number.POSITIVE_INFINITY;
	/** A take in flight (shared window): the queue asks for one slot at a time. */
	private taking = false;
	private closed = false;
	/** Priorities no longer served (a shutdown stops background work but lets people waiting on a command finish). */
	private readonly refused = new Set<Priority>();

	constructor(
		private readonly window: BudgetWindow,
		private readonly clock: () => number = Date.now,
	) {}

	acquire(priority: Priority): Promise<() => void> {
		if (this.closed) return Promise.reject(new RobloxError('unavailable', 'Roblox client is closed'));
		if (this.refused.has(priority)) return Promise.reject(new RobloxError('unavailable', 'shutting down'));
		return new Promise<() => void>((resolve, reject) => {
			this.queues[priority].push({ resolve, reject });
			this.pump();
		});
	}

	observe(remaining: number | undefined, resetMs: number | undefined): void {
		if (remaining === undefined || remaining > 0 || resetMs === undefined || resetMs <= 0) return;
		if (this.window.exhausted(resetMs)) this.holdHere(resetMs);
	}

	hold(ms: number): void {
		this.holdHere(ms);
		this.window.shareHold?.(ms);
	}

	get waiting(): number {
		return this.queues.interactive.length + this.queues.background.length;
	}

	refuse(priority: Priority): void {
		this.refused.add(priority);
		const err = new RobloxError('unavailable', 'shutting down');
		for (const w of this.queues[priority].splice(0)) w.reject(err);
	}

	close(): void {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		const err = new RobloxError('unavailable', 'Roblox client is closed');
		for (const q of [this.queues.interactive, this.queues.background]) for (const w of q.splice(0)) w.reject(err);
	}

	private holdHere(ms: number): void {
		this.holdUntil = Math.max(this.holdUntil, this.clock() + ms);
		this.pump();
	}

	private pump(): void {
		while (!this.taking && !this.closed && this.waiting > 0) {
			const now = this.clock();
			if (now < this.holdUntil) return this.wakeAt(this.holdUntil);
			const grant = this.window.take();
			if (!(grant instanceof Promise)) {
				if (!this.serve(grant)) return;
				continue;
			}
			this.taking = true;
			grant
				.catch((): Grant => ({ waitMs: 100 })) // a window that failed to answer: ask again shortly
				.then((g) => {
					this.taking = false;
					if (this.serve(g)) this.pump();
				})
				.catch(() => undefined);
		}
	}

	/** Hands a granted slot to the queue's head, interactive first; false when the window said to wait. */
	private serve(grant: Grant): boolean {
		if ('waitMs' in grant) {
			this.wakeAt(this.clock() + grant.waitMs);
			return false;
		}
		const next = this.queues.interactive.shift() ?? this.queues.background.shift();
		// Nobody left to take it (closed, refused): the slot is spent anyway, so date it now.
		if (!next) grant.settle();
		else next.resolve(grant.settle);
		return true;
	}

	private wakeAt(at: number): void {
		if (this.closed) return;
		if (this.timer && this.timerAt <= at) return;
		if (this.timer) clearTimeout(this.timer);
		this.timerAt = at;
		this.timer = setTimeout(
			() => {
				this.timer = undefined;
				this.timerAt = Number.POSITIVE_INFINITY;
				this.pump();
			},
			Math.max(0, at - this.clock()),
		);
	}
}

export interface LimiterOptions extends Rate {
	/** Clock for the window; real time by default (timers run on real time, so a fake clock would stall it). */
	clock?: () => number;
}

/** The local implementation: this process's own log, for one process (or its share of the budget). */
export class SlidingWindowLimiter extends QueuedLimiter {
	readonly limit: number;
	/** The padded window (paddedWindowMs). */
	readonly windowMs: number;

	constructor(opts: LimiterOptions) {
		checkRate(opts);
		const limit = Math.floor(opts.limit);
		const clock = opts.clock ?? Date.now;
		const log = new SlidingLog(paddedWindowMs(opts.windowMs));
		super(
			{
				take: () => log.take(limit, clock(), clock),
				exhausted: () => log.size(clock()) < limit,
			},
			clock,
		);
		this.limit = limit;
		this.windowMs = log.windowMs;
	}
}

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
 * Waiters sit in a priority queue: interactive (a member is waiting) before background (sweeps), FIFO
 * within a priority. One timer at a time wakes the queue exactly when the next slot frees up; there is
 * no polling and no fixed sleep.
 */

interface Waiter {
	resolve: (settle: () => void) => void;
	reject: (e: unknown) => void;
}

/** One request's place in the window. `at` starts as the send time and moves to the answer time. */
interface Slot {
	at: number;
}

export interface LimiterOptions {
	limit: number;
	windowMs: number;
	/** Clock for the window; real time by default (timers run on real time, so a fake clock would stall it). */
	clock?: () => number;
}

export class SlidingWindowLimiter {
	readonly limit: number;
	/**
	 * The window we enforce is a little longer than the server's: a request started at the very end of our
	 * window can reach the server sooner than the one it replaces did (latency jitter) and would land inside
	 * the server's window. Two percent (at most 250 ms) absorbs that without noticeably lowering throughput.
	 */
	readonly windowMs: number;
	private readonly clock: () => number;
	private readonly starts: Slot[] = [];
	private readonly queues: Record<Priority, Waiter[]> = { interactive: [], background: [] };
	private holdUntil = 0;
	private timer: NodeJS.Timeout | undefined;
	private timerAt = Number.POSITIVE_INFINITY;
	private closed = false;
	/** Priorities no longer served (a shutdown stops background work but lets people waiting on a command finish). */
	private readonly refused = new Set<Priority>();

	constructor(opts: LimiterOptions) {
		if (!(opts.limit >= 1) || !(opts.windowMs > 0)) throw new RangeError('limiter needs limit >= 1 and windowMs > 0');
		this.limit = Math.floor(opts.limit);
		this.windowMs = opts.windowMs + Math.min(250, Math.ceil(opts.windowMs * 0.02));
		this.clock = opts.clock ?? Date.now;
	}

	/**
	 * Resolves when this caller may start one request. Each retry must acquire again: it costs budget too.
	 *
	 * Call the returned `settle` when the answer arrives. Roblox counts the request when it reaches Roblox,
	 * somewhere between our send and its answer; the send time alone would let our window expire a request
	 * that Roblox still counts whenever the network or our event loop is slow. Dating the slot from the answer
	 * makes our window end no earlier than Roblox's, whatever the latency.
	 */
	acquire(priority: Priority): Promise<() => void> {
		if (this.closed) return Promise.reject(new RobloxError('unavailable', 'Roblox client is closed'));
		if (this.refused.has(priority)) return Promise.reject(new RobloxError('unavailable', 'shutting down'));
		return new Promise<() => void>((resolve, reject) => {
			this.queues[priority].push({ resolve, reject });
			this.pump();
		});
	}

	/**
	 * Feed back what the server said about the budget. The server counts every key of the owner, including
	 * other processes, so `remaining: 0` means nobody may start until the reset, whatever our own log says.
	 */
	observe(remaining: number | undefined, resetMs: number | undefined): void {
		if (remaining === undefined || remaining > 0 || resetMs === undefined || resetMs <= 0) return;
		// When our own log is full, our own starts explain the exhausted quota and the log already makes us wait
		// for exactly the right moment; Roblox's reset is whole seconds (rounded up), so also holding for it would
		// waste up to a second per window. Only budget spent elsewhere (other processes, other keys of the owner)
		// needs the hold. If both happen at once, a 429's retry-after is the safety net.
		this.prune(this.clock());
		if (this.starts.length >= this.limit) return;
		this.hold(resetMs);
	}

	/** Stop starting requests for `ms` (a 429's retry-after, or an exhausted quota). */
	hold(ms: number): void {
		this.holdUntil = Math.max(this.holdUntil, this.clock() + ms);
		this.pump();
	}

	/** Number of callers waiting for a slot. */
	get waiting(): number {
		return this.queues.interactive.length + this.queues.background.length;
	}

	/**
	 * Stop serving one priority: its waiters are rejected now and later acquires at once. Requests already started
	 * are not affected, so their answers (which Roblox has counted) are still used.
	 */
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

	private pump(): void {
		while (this.waiting > 0) {
			const now = this.clock();
			if (now < this.holdUntil) return this.wakeAt(this.holdUntil);
			this.prune(now);
			if (this.starts.length >= this.limit) return this.wakeAt(this.starts[0]!.at + this.windowMs);
			const next = this.queues.interactive.shift() ?? this.queues.background.shift();
			const slot: Slot = { at: now };
			this.starts.push(slot);
			next!.resolve(() => this.settle(slot));
		}
	}

	private prune(now: number): void {
		while (this.starts.length > 0 && this.starts[0]!.at + this.windowMs <= now) this.starts.shift();
	}

	/** Re-date a slot to its answer time, keeping the log sorted (answers can come back out of order). */
	private settle(slot: Slot): void {
		const index = this.starts.indexOf(slot);
		if (index === -1) return; // already out of the window
		this.starts.splice(index, 1);
		slot.at = Math.max(slot.at, this.clock());
		let insert = this.starts.length;
		while (insert > 0 && this.starts[insert - 1]!.at > slot.at) insert--;
		this.starts.splice(insert, 0, slot);
	}

	private wakeAt(at: number): void {
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

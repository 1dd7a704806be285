/**
 * Per-user sliding-window limits for actions that spend the server's Roblox budget (verification checks, refreshes).
 * In memory on purpose: a restart forgiving a few attempts is harmless, and it keeps the hot path off the store.
 */
export class SlidingWindowLimit {
	private readonly hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Records an attempt; returns 0 when allowed, else the milliseconds until the next attempt is allowed. */
	take(key: string): number {
		const now = this.now();
		const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
		if (recent.length >= this.limit) {
			this.hits.set(key, recent);
			return this.windowMs - (now - recent[0]!);
		}
		recent.push(now);
		this.hits.set(key, recent);
		if (this.hits.size > 10_000) this.prune(now);
		return 0;
	}

	private prune(now: number): void {
		for (const [key, times] of this.hits) if (times.every((at) => now - at >= this.windowMs)) this.hits.delete(key);
	}
}

export interface RateLimits {
	/** `/verify` checks and refreshes: 5 a minute per Discord user. */
	verify: SlidingWindowLimit;
	/** `/update` on oneself or another member: 5 a minute per caller. */
	update: SlidingWindowLimit;
}

export function createRateLimits(now: () => number = Date.now): RateLimits {
	return { verify: new SlidingWindowLimit(5, 60_000, now), update: new SlidingWindowLimit(5, 60_000, now) };
}

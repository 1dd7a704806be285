/**
 * Small in-memory caches. Everything here is a performance aid, never the source of truth, so a bounded
 * Map with least-recently-used eviction is enough (no persistence, no background sweeps).
 */

export class TtlCache<V> {
	private readonly map = new Map<string, { value: V; expires: number }>();

	constructor(private readonly opts: { ttlMs: number; maxEntries: number; now: () => number }) {}

	get(key: string): V | undefined {
		const hit = this.map.get(key);
		if (!hit) return undefined;
		if (hit.expires <= this.opts.now()) {
			this.map.delete(key);
			return undefined;
		}
		// Re-insert so Map order doubles as recency order for eviction.
		this.map.delete(key);
		this.map.set(key, hit);
		return hit.value;
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	set(key: string, value: V, ttlMs = this.opts.ttlMs): void {
		this.map.delete(key);
		this.map.set(key, { value, expires: this.opts.now() + ttlMs });
		while (this.map.size > this.opts.maxEntries) {
			const oldest = this.map.keys().next();
			if (oldest.done) break;
			this.map.delete(oldest.value);
		}
	}

	delete(key: string): void {
		this.map.delete(key);
	}

	clear(): void {
		this.map.clear();
	}

	get size(): number {
		return this.map.size;
	}
}

/** Concurrent callers asking the same thing share one in-flight promise (and one Roblox request). */
export class SingleFlight<V> {
	private readonly inflight = new Map<string, Promise<V>>();

	run(key: string, fn: () => Promise<V>): Promise<V> {
		const existing = this.inflight.get(key);
		if (existing) return existing;
		const p = fn().finally(() => this.inflight.delete(key));
		this.inflight.set(key, p);
		return p;
	}

	get size(): number {
		return this.inflight.size;
	}
}

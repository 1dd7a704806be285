import { randomBytes } from 'node:crypto';

/**
 * Short-lived records under unguessable ids, kept in memory (a restart only means "run /verify again"; nothing a
 * browser could replay survives in the database). Entries expire a fixed time after creation, never extended, and
 * `take` hands a record out once. Bounded: the oldest go first when full.
 */
export class ExpiringRecords<T> {
	readonly #items = new Map<string, { value: T; expiresAt: number }>();

	constructor(private readonly opts: { ttlMs: number; maxEntries: number; now: () => number }) {}

	create(value: T): string {
		const id = randomBytes(32).toString('base64url');
		this.#prune();
		while (this.#items.size >= this.opts.maxEntries) {
			const oldest = this.#items.keys().next().value;
			if (oldest === undefined) break;
			this.#items.delete(oldest);
		}
		this.#items.set(id, { value, expiresAt: this.opts.now() + this.opts.ttlMs });
		return id;
	}

	get(id: string | undefined): T | null {
		if (id === undefined) return null;
		const entry = this.#items.get(id);
		if (!entry) return null;
		if (entry.expiresAt <= this.opts.now()) {
			this.#items.delete(id);
			return null;
		}
		return entry.value;
	}

	/** Single use: the record is gone whatever the caller does next. */
	take(id: string | undefined): T | null {
		const value = this.get(id);
		if (id !== undefined) this.#items.delete(id);
		return value;
	}

	delete(id: string | undefined): void {
		if (id !== undefined) this.#items.delete(id);
	}

	#prune(): void {
		const now = this.opts.now();
		for (const [id, entry] of this.#items) if (entry.expiresAt <= now) this.#items.delete(id);
	}
}

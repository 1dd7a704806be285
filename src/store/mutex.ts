/**
 * Per-key promise chains: the in-process half of the store's lock (lock.ts). On its own it only serialises callers
 * inside one process; `sharedLock` adds database leases on top so several processes sharing a database are safe.
 */
export class KeyedMutex {
	readonly #tails = new Map<string, Promise<void>>();

	async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
		const previous = this.#tails.get(key) ?? Promise.resolve();
		let release!: () => void;
		const current = new Promise<void>((resolve) => {
			release = resolve;
		});
		const tail = previous.then(() => current);
		this.#tails.set(key, tail);
		await previous;
		try {
			return await fn();
		} finally {
			release();
			// Drop the entry once nobody queued behind us, so the map doesn't grow with every guild ever seen.
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		}
	}
}

/**
 * Holds the locks of several keys at once. Keys are taken in sorted order, so two callers wanting overlapping
 * sets can't deadlock, as long as nobody takes more locks while already holding some.
 */
export async function runWithKeys<T>(mutex: KeyedMutex, keys: Iterable<string>, fn: () => Promise<T>): Promise<T> {
	const sorted = [...new Set(keys)].sort();
	const take = (i: number): Promise<T> => {
		const key = sorted[i];
		return key === undefined ? fn() : mutex.run(key, () => take(i + 1));
	};
	return take(0);
}

/**
 * Per-key promise chains. Keyv has no transactions or compare-and-set, so read-modify-write sequences
 * (guild config, link pairs, the run index) are serialised in-process. This is only correct with a single bot
 * process per database, which is how Rolink is deployed (one gateway connection, no sharding manager).
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

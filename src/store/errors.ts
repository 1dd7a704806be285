/**
 * Failures the persistence layer reports. Callers never see a raw sqlite/redis error: anything that went wrong
 * talking to the backing store becomes a StorageUnavailableError, which the bot renders as
 * "storage is unavailable, try again shortly" instead of guessing (a failed read must never look like "not linked").
 */

export class StorageUnavailableError extends Error {
	override readonly name = 'StorageUnavailableError';
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
	}
}

/** A guild already has MAX_BINDINGS_PER_GUILD bindings. A user-facing limit, not a storage failure. */
export class BindingLimitError extends Error {
	override readonly name = 'BindingLimitError';
	constructor(readonly limit: number) {
		super(`a server can have at most ${limit} role bindings`);
	}
}

/**
 * Runs one storage call and turns any rejection into StorageUnavailableError (keeping the cause), so store
 * classes can't leak adapter errors by forgetting a try/catch.
 */
export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof StorageUnavailableError) throw err;
		const detail = err instanceof Error ? err.message : String(err);
		throw new StorageUnavailableError(`storage unavailable (${what}): ${detail}`, { cause: err });
	}
}

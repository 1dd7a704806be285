/**
 * The lock seam: every read-modify-write in the store (a link pair, a guild's config, the run index) runs under
 * `Lock.run(keys, fn)`. Keyv has no transactions or compare-and-set, so this is what makes those writes safe when
 * several bot processes or shards share one database.
 *
 * - `localLock()`: per-key promise chains, correct for one process (and the first stage of every shared lock, so
 *   callers in one process queue in memory instead of polling the database).
 * - `sharedLock(leases)`: then takes every key as a lease in the database itself, all keys or none in one atomic
 *   step (a Lua script on Redis; one INSERT … ON CONFLICT … RETURNING on SQLite and Postgres, whose own row locking
 *   makes it atomic across processes). All-or-nothing with back-off means no two callers can deadlock on overlapping
 *   keys. Leases expire (LEASE_MS) so a crashed process can't hold a key forever, and are renewed while held.
 */
import { randomUUID } from 'node:crypto';
import { StorageUnavailableError } from './errors.js';
import { KeyedMutex, runWithKeys } from './mutex.js';

export interface Lock {
	run<T>(keys: Iterable<string>, fn: () => Promise<T>): Promise<T>;
}

/** Database-side leases over a set of keys, owned by a token. */
export interface Leases {
	/** All keys or none; true when all are now held by `token`. */
	acquire(keys: readonly string[], token: string, ttlMs: number): Promise<boolean>;
	renew(keys: readonly string[], token: string, ttlMs: number): Promise<void>;
	release(keys: readonly string[], token: string): Promise<void>;
}

export const LEASE_MS = 5_000;
const RENEW_MS = 1_500;
/** A lock that can't be had in this long means something is wrong with the database: fail as "unavailable". */
const WAIT_LIMIT_MS = 20_000;

export function localLock(): Lock {
	const mutex = new KeyedMutex();
	return { run: (keys, fn) => runWithKeys(mutex, keys, fn) };
}

export function sharedLock(leases: Leases): Lock {
	const local = localLock();
	return {
		run: (keys, fn) => {
			const sorted = [...new Set(keys)].sort();
			return local.run(sorted, async () => {
				const token = randomUUID();
				await acquire(leases, sorted, token);
				const renewal = setInterval(() => {
					leases.renew(sorted, token, LEASE_MS).catch(() => undefined);
				}, RENEW_MS);
				renewal.unref();
				try {
					return await fn();
				} finally {
					clearInterval(renewal);
					await leases.release(sorted, token).catch(() => undefined); // expires by itself otherwise
				}
			});
		},
	};
}

async function acquire(leases: Leases, keys: readonly string[], token: string): Promise<void> {
	const deadline = Date.now() + WAIT_LIMIT_MS;
	let pause = 2;
	for (;;) {
		let held: boolean;
		try {
			held = await leases.acquire(keys, token, LEASE_MS);
		} catch (err) {
			if (!isRetryable(err)) {
				throw new StorageUnavailableError(`storage unavailable (lock): ${(err as Error).message}`, { cause: err });
			}
			held = false;
		}
		if (held) return;
		if (Date.now() > deadline) throw new StorageUnavailableError(`storage unavailable (lock busy: ${keys.join(', ')})`);
		// Jittered back-off so two processes wanting the same keys don't retry in lock-step.
		await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random())));
		pause = Math.min(pause * 2, 50);
	}
}

/** Busy SQLite files and Postgres deadlocks/serialisation failures just mean "try again". */
function isRetryable(err: unknown): boolean {
	const code = (err as { code?: unknown }).code;
	return code === 'SQLITE_BUSY' || code === '40P01' || code === '40001' || code === '23505';
}

/** Minimal Redis client surface (node-redis v5). */
export interface RedisLike {
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const ACQUIRE_ALL = `
for _, k in ipairs(KEYS) do if redis.call('EXISTS', k) == 1 then return 0 end end
for _, k in ipairs(KEYS) do redis.call('SET', k, ARGV[1], 'PX', ARGV[2]) end
return 1`;
const RENEW_OWN = `
for _, k in ipairs(KEYS) do if redis.call('GET', k) == ARGV[1] then redis.call('PEXPIRE', k, ARGV[2]) end end
return 1`;
const RELEASE_OWN = `
for _, k in ipairs(KEYS) do if redis.call('GET', k) == ARGV[1] then redis.call('DEL', k) end end
return 1`;

/** Keys live under `rolink:lock:` so they can't meet Keyv's entries. */
export function redisLeases(client: RedisLike): Leases {
	const k = (keys: readonly string[]) => keys.map((key) => `rolink:lock:${key}`);
	return {
		acquire: async (keys, token, ttl) =>
			(await client.eval(ACQUIRE_ALL, { keys: k(keys), arguments: [token, String(ttl)] })) === 1,
		renew: async (keys, token, ttl) => {
			await client.eval(RENEW_OWN, { keys: k(keys), arguments: [token, String(ttl)] });
		},
		release: async (keys, token) => {
			await client.eval(RELEASE_OWN, { keys: k(keys), arguments: [token] });
		},
	};
}

export type SqlDialect = 'sqlite' | 'postgres';
/** Runs one statement with positional parameters, returns its rows. */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * One table, `rolink_locks`, next to Keyv's. Time comes from the database's clock in both dialects, so processes
 * on machines with different clocks agree on when a lease expired.
 */
export async function sqlLeases(dialect: SqlDialect, query: SqlQuery): Promise<Leases> {
	const now =
		dialect === 'sqlite'
			? `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`
			: `CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)`;
	const p = (i: number) => (dialect === 'sqlite' ? '?' : `$${i}`);
	await query(
		`CREATE TABLE IF NOT EXISTS rolink_locks (key VARCHAR(255) PRIMARY KEY, owner VARCHAR(64) NOT NULL, expires BIGINT NOT NULL)`,
		[],
	);
	const inList = (keys: readonly string[], from: number) => keys.map((_, i) => p(from + i)).join(', ');
	const leases: Leases = {
		async acquire(keys, token, ttl) {
			const values = keys.map((_, i) => `(${p(i * 3 + 1)}, ${p(i * 3 + 2)}, ${now} + ${p(i * 3 + 3)})`).join(', ');
			const rows = await query(
				`INSERT INTO rolink_locks (key, owner, expires) VALUES ${values}
				 ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
				 WHERE rolink_locks.expires < ${now} RETURNING key`,
				keys.flatMap((key) => [key, token, ttl]),
			);
			if (rows.length === keys.length) return true;
			// Some keys were free and are now ours: give them back before waiting, or two callers could starve each other.
			if (rows.length > 0) await leases.release(keys, token);
			return false;
		},
		async renew(keys, token, ttl) {
			await query(
				`UPDATE rolink_locks SET expires = ${now} + ${p(1)} WHERE owner = ${p(2)} AND key IN (${inList(keys, 3)})`,
				[ttl, token, ...keys],
			);
		},
		async release(keys, token) {
			await query(`DELETE FROM rolink_locks WHERE owner = ${p(1)} AND key IN (${inList(keys, 2)})`, [token, ...keys]);
		},
	};
	return leases;
}

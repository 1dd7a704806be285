/**
 * Opens the Keyv namespaces Rolink persists to, from one DATABASE_URL.
 *
 * Why one adapter per namespace (all on the same file / server) instead of one shared adapter: Keyv 5 writes
 * `store.namespace = <its namespace>` onto the adapter it is given, so with a shared adapter the *last* Keyv
 * constructed wins. get/set/delete/getMany stay correct (Keyv prefixes keys itself), but `clear()` and
 * `iterator()` act on the last namespace (links.clear() would wipe the cache, links.iterator() would list it),
 * and every adapter error is re-emitted by every Keyv. Separate adapters cost one extra connection each.
 *
 * Every Keyv is created with `throwOnErrors: true`: by default Keyv 5's get() swallows adapter errors and returns
 * undefined, which would make a dead database look like "this member is not linked".
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { StorageUnavailableError } from './errors.js';
import { type Lock, localLock, redisLeases, type RedisLike, sharedLock, sqlLeases } from './lock.js';
import { GuildStore } from './guilds.js';
import { type Link, LinkStore } from './links.js';
import { type PendingVerification, PendingStore } from './pending.js';
import { LinkTicketStore } from './link-tickets.js';
import { ProofStore } from './proofs.js';
import { HeldStore } from './held.js';
import { RunStore } from './runs.js';
import { type SealedToken, TokenCipher, TokenStore } from './tokens.js';

export interface StoreLogger {
	error(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
	info(obj: object, msg?: string): void;
}

export interface Stores {
	links: LinkStore;
	guilds: GuildStore;
	pending: PendingStore;
	/** Proofs of Roblox accounts under way (the Check race), in the `pending` namespace. */
	proofs: ProofStore;
	/** One-use "Link with Roblox" tickets (hashed), in the `pending` namespace. */
	tickets: LinkTicketStore;
	runs: RunStore;
	/** Removals held by the mass-removal breaker (in the `runs` namespace). */
	held: HeldStore;
	/** Encrypted Roblox refresh tokens (inventory scope only). */
	tokens: TokenStore;
	/** Free-form short-lived cache (Roblox lookups etc.). Rows expire on read; nothing sweeps them otherwise. */
	cache: Keyv;
	/** The lock every process on this database shares (lock.ts), for read-modify-writes outside these stores. */
	lock: Lock;
	close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite://data/rolink.sqlite';

export const NAMESPACES = ['links', 'roblox-links', 'pending', 'guilds', 'runs', 'cache', 'roblox-tokens'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** How long a sqlite connection waits on a lock held by another connection before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

interface Backend {
	/** For messages: never includes credentials. */
	describe: string;
	createAdapter(): Promise<KeyvStoreAdapter>;
	/** Runs once on the first adapter, before the others are opened (sqlite: switch the file to WAL). */
	prepare?(adapter: KeyvStoreAdapter, logger: StoreLogger): Promise<void>;
	/** Runs on every adapter (sqlite: per-connection pragmas). */
	configure?(adapter: KeyvStoreAdapter): Promise<void>;
	/** The lock every process on this database shares (lock.ts), built on one of the opened adapters. */
	lock(adapter: KeyvStoreAdapter): Promise<Lock>;
}

export async function openStores(
	databaseUrl: string,
	logger: StoreLogger,
	options: { tokenEncryptionKey?: Buffer | undefined } = {},
): Promise<Stores> {
	const backend = await resolveBackend(databaseUrl);
	const opened: Keyv[] = [];
	const closeAll = async () => {
		await Promise.allSettled(opened.map((k) => k.disconnect()));
	};

	const keyvs = {} as Record<Namespace, Keyv>;
	let lock: Lock;
	try {
		for (const namespace of NAMESPACES) {
			const adapter = await backend.createAdapter();
			// Wrap before awaiting anything: the adapter emits 'error' on a failed connect, and Keyv forwards it
			// to our listener instead of it becoming an unhandled EventEmitter error.
			const keyv = wrap(adapter, namespace, logger);
			opened.push(keyv);
			keyvs[namespace] = keyv;
			const first = opened.length === 1;
			await probe(keyv, namespace, backend.describe, async () => {
				if (first) await backend.prepare?.(adapter, logger);
				await backend.configure?.(adapter);
			});
		}
		const runsAdapter = keyvs.runs.store as KeyvStoreAdapter;
		lock = await backend.lock(runsAdapter).catch((err: unknown) => {
			throw new StorageUnavailableError(`cannot use storage ${backend.describe} (locks): ${(err as Error).message}`, {
				cause: err,
			});
		});
	} catch (err) {
		await closeAll();
		throw err;
	}

	logger.info({ backend: backend.describe, namespaces: NAMESPACES }, 'storage opened');
	let closed: Promise<void> | undefined;
	return {
		links: new LinkStore(keyvs.links as Keyv<Link>, keyvs['roblox-links'] as Keyv<string>, lock),
		guilds: new GuildStore(keyvs.guilds, lock),
		pending: new PendingStore(keyvs.pending as Keyv<PendingVerification>),
		proofs: new ProofStore(keyvs.pending, lock),
		tickets: new LinkTicketStore(keyvs.pending, lock),
		runs: new RunStore(keyvs.runs, lock),
		held: new HeldStore(keyvs.runs),
		tokens: new TokenStore(
			keyvs['roblox-tokens'] as Keyv<SealedToken>,
			options.tokenEncryptionKey ? new TokenCipher(options.tokenEncryptionKey) : null,
		),
		cache: keyvs.cache,
		lock,
		// Idempotent: sqlite3 rejects a second close of the same handle.
		close: () => (closed ??= closeAll()),
	};
}

function wrap(store: KeyvStoreAdapter, namespace: Namespace, logger: StoreLogger): Keyv {
	const keyv = new Keyv({ store, namespace, throwOnErrors: true });
	keyv.on('error', (err: unknown) => logger.error({ err, namespace }, 'storage error'));
	return keyv;
}

/** A write + read at start-up, so a bad path, permissions or URL fails loudly now rather than on the first /verify. */
async function probe(keyv: Keyv, namespace: Namespace, describe: string, prepare?: () => Promise<void>): Promise<void> {
	const key = `__probe__:${process.pid}`;
	const value = `${Date.now()}`;
	try {
		await prepare?.();
		await keyv.set(key, value);
		const back: unknown = await keyv.get(key);
		await keyv.delete(key);
		if (back !== value) throw new Error(`wrote ${value} but read back ${String(back)}`);
	} catch (err) {
		const detail = err instanceof Error ? err.message : String(err);
		throw new StorageUnavailableError(`cannot use storage ${describe} (namespace ${namespace}): ${detail}`, {
			cause: err,
		});
	}
}

async function resolveBackend(databaseUrl: string): Promise<Backend> {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
	switch (scheme) {
		case 'sqlite':
			return sqliteBackend(databaseUrl);
		case 'redis':
		case 'rediss':
			return redisBackend(databaseUrl);
		case 'postgres':
		case 'postgresql':
			return postgresBackend(databaseUrl);
		default:
			throw new Error(
				`DATABASE_URL must start with sqlite://, redis://, rediss://, postgres:// or postgresql:// (got ${redact(databaseUrl)})`,
			);
	}
}

async function sqliteBackend(databaseUrl: string): Promise<Backend> {
	const rest = databaseUrl.replace(/^sqlite:\/\//i, '');
	if (rest === '' || rest === databaseUrl)
		throw new Error(`DATABASE_URL sqlite:// needs a file path (got ${databaseUrl})`);
	const memory = rest === ':memory:';
	// Relative paths are relative to the working directory, like every other path the bot reads.
	const file = memory ? rest : path.resolve(rest);
	if (!memory) {
		try {
			await mkdir(path.dirname(file), { recursive: true });
		} catch (err) {
			throw new StorageUnavailableError(
				`cannot create the directory for DATABASE_URL ${file}: ${(err as Error).message}`,
				{ cause: err },
			);
		}
	}
	return {
		describe: `sqlite ${file}`,
		createAdapter: () =>
			Promise.resolve(new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS })),
		async prepare(adapter, logger) {
			if (memory) return; // in-memory databases can't use WAL (and each adapter gets its own, which is fine for tests)
			// WAL lets the per-namespace connections read while another writes, and survives a crash mid-write.
			// The mode is stored in the file, so setting it on the first connection covers the others.
			const rows = (await (adapter as KeyvSqlite).query('PRAGMA journal_mode=WAL')) as { journal_mode?: string }[];
			const mode = rows[0]?.journal_mode;
			if (mode !== 'wal') logger.warn({ file, mode }, 'sqlite did not switch to WAL journal mode');
		},
		async lock(adapter) {
			// An in-memory database belongs to one connection of one process: nothing to share.
			if (memory) return localLock();
			const sqlite = adapter as KeyvSqlite;
			return sharedLock(await sqlLeases('sqlite', (sql, params) => sqlite.query(sql, ...params) as Promise<unknown[]>));
		},
		async configure(adapter) {
			// In WAL mode NORMAL fsyncs at checkpoints rather than on every commit: still safe against the bot
			// crashing (committed = in the WAL), only an OS crash/power cut can drop the last few commits, never
			// corrupt the file. FULL made every link save cost an fsync (10k saves: ~13 s vs ~2 s).
			if (!memory) await (adapter as KeyvSqlite).query('PRAGMA synchronous=NORMAL');
		},
	};
}

/**
 * Redis and Postgres adapters are loaded only when configured, so an SQLite deployment never loads their clients.
 * The Redis client is built here rather than by @keyv/redis so that, while Redis is unreachable, commands fail at
 * once (no offline queue) instead of waiting forever: a store call must fail as "storage unavailable", not hang.
 */
async function redisBackend(databaseUrl: string): Promise<Backend> {
	const [{ default: KeyvRedis }, { createClient }] = await Promise.all([
		import('@keyv/redis'),
		import('@redis/client'),
	]);
	return {
		describe: redact(databaseUrl),
		createAdapter: () => {
			const client = createClient({
				url: databaseUrl,
				disableOfflineQueue: true,
				socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
			});
			// connectionTimeout: an unreachable server fails the start-up probe instead of retrying forever.
			return Promise.resolve(new KeyvRedis(client, { connectionTimeout: 3_000 }));
		},
		// Leases on the `runs` adapter's own connection (already open: the probe used it).
		lock: (adapter) => Promise.resolve(sharedLock(redisLeases((adapter as unknown as { client: RedisLike }).client))),
	};
}

/**
 * @keyv/postgres keeps one pg pool per process for a connection string, shared by every namespace's adapter (so
 * six namespaces cost one pool, not six).
 */
async function postgresBackend(databaseUrl: string): Promise<Backend> {
	const { default: KeyvPostgres } = await import('@keyv/postgres');
	return {
		describe: redact(databaseUrl),
		createAdapter: () => Promise.resolve(new KeyvPostgres({ uri: databaseUrl })),
		lock: async (adapter) => {
			const pg = adapter as unknown as { query(sql: string, values: unknown[]): Promise<unknown[]> };
			return sharedLock(await sqlLeases('postgres', (sql, params) => pg.query(sql, params)));
		},
	};
}

/** Strips the password from a connection URL before it goes into a log line or error message. */
function redact(url: string): string {
	return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

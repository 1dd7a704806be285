/**
 * Shared set-up for the store tests: a fresh database per test on SQLite (a temp file), Redis and Postgres (real
 * servers started by test/helpers/global-servers.ts), and a logger that records.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis from '@keyv/redis';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import Keyv from 'keyv';
import { type StoreLogger, type Stores, openStores } from '../../src/store/index.js';
import { freshPostgresUrl, freshRedisUrl } from '../helpers/servers.js';

export interface LogEntry {
	level: 'error' | 'warn' | 'info';
	obj: object;
	msg?: string;
}

export function recordingLogger(): StoreLogger & { entries: LogEntry[] } {
	const entries: LogEntry[] = [];
	return {
		entries,
		error: (obj, msg) => entries.push({ level: 'error', obj, msg }),
		warn: (obj, msg) => entries.push({ level: 'warn', obj, msg }),
		info: (obj, msg) => entries.push({ level: 'info', obj, msg }),
	};
}

export type BackendName = 'sqlite' | 'redis' | 'postgres';
export const STORE_BACKENDS: readonly BackendName[] = ['sqlite', 'redis', 'postgres'];

/** Redis and Postgres come from the run's globalSetup; null when the machine has no such server. */
export function serverUrl(backend: Exclude<BackendName, 'sqlite'>): string | null {
	return inject(backend === 'redis' ? 'redisUrl' : 'postgresUrl');
}

export const backendAvailable = (backend: BackendName): boolean => backend === 'sqlite' || serverUrl(backend) !== null;

export interface TempDb {
	backend: BackendName;
	url: string;
	/** SQLite only: the temp folder and the database file in it. */
	dir?: string;
	file?: string;
	open(): Promise<Stores>;
	/** A Keyv on the same database and namespace, bypassing the store classes: for simulating crashed writes. */
	raw<T = unknown>(namespace: string): Keyv<T>;
	cleanup(): Promise<void>;
}

/** A fresh, empty database on the given backend (SQLite: a temp file; Redis: its own logical db; Postgres: its own database). */
export async function tempDb(backend: BackendName = 'sqlite'): Promise<TempDb> {
	const opened: { close(): Promise<void> }[] = [];
	const rawAdapters: { disconnect(): Promise<void> }[] = [];
	const base = {
		backend,
		async open(this: TempDb) {
			const stores = await openStores(this.url, recordingLogger());
			opened.push(stores);
			return stores;
		},
	};
	const closeAll = async () => {
		await Promise.allSettled(opened.map((s) => s.close()));
		await Promise.allSettled(rawAdapters.map((a) => a.disconnect()));
	};
	if (backend === 'redis') {
		const url = await freshRedisUrl(serverUrl('redis')!);
		return {
			...base,
			url,
			raw<T>(namespace: string) {
				const adapter = new KeyvRedis(url);
				rawAdapters.push(adapter);
				return new Keyv<T>({ store: adapter, namespace, throwOnErrors: true });
			},
			cleanup: closeAll,
		};
	}
	if (backend === 'postgres') {
		const db = await freshPostgresUrl(serverUrl('postgres')!);
		return {
			...base,
			url: db.url,
			raw<T>(namespace: string) {
				// A different connection string gets its own pool inside @keyv/postgres (it keeps one per string).
				const adapter = new KeyvPostgres({ uri: `${db.url}?application_name=raw`, idleTimeoutMillis: 500 });
				rawAdapters.push(adapter);
				return new Keyv<T>({ store: adapter, namespace, throwOnErrors: true });
			},
			// Not dropped: @keyv/postgres shares a pool per connection string, and a forced drop would kill
			// connections some pool still holds. The server and its data folder go at the end of the run.
			cleanup: closeAll,
		};
	}
	const dir = await mkdtemp(path.join(tmpdir(), 'rolink-store-'));
	const file = path.join(dir, 'nested', 'rolink.sqlite');
	const url = `sqlite://${file}`;
	return {
		...base,
		dir,
		file,
		url,
		raw<T>(namespace: string) {
			const adapter = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
			rawAdapters.push(adapter);
			return new Keyv<T>({ store: adapter, namespace, throwOnErrors: true });
		},
		async cleanup() {
			await closeAll();
			await rm(dir, { recursive: true, force: true });
		},
	};
}

/** A fresh temp database with open stores for every test of the calling block, cleaned up after each. */
export function useTempStores(backend: BackendName = 'sqlite'): { readonly db: TempDb; readonly stores: Stores } {
	const state = {} as { db: TempDb; stores: Stores };
	beforeEach(async () => {
		state.db = await tempDb(backend);
		state.stores = await state.db.open();
	});
	afterEach(async () => {
		await state.db.cleanup();
	});
	return state;
}

/**
 * The same tests once per backend. A backend whose server is missing is skipped (globalSetup already said so in one
 * line, and fails the run instead when CI=true).
 */
export function describeEachStore(
	body: (t: { readonly db: TempDb; readonly stores: Stores }, backend: BackendName) => void,
): void {
	for (const backend of STORE_BACKENDS) {
		describe.skipIf(!backendAvailable(backend))(backend, () => {
			body(useTempStores(backend), backend);
		});
	}
}

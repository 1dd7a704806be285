/** Shared set-up for the store tests: real sqlite files in a per-test temp dir, a logger that records. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { afterEach, beforeEach } from 'vitest';
import Keyv from 'keyv';
import { type StoreLogger, type Stores, openStores } from '../../src/store/index.js';

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

export interface TempDb {
	dir: string;
	file: string;
	url: string;
	open(): Promise<Stores>;
	/** A Keyv on the same file and namespace, bypassing the store classes: for simulating crashed writes. */
	raw<T = unknown>(namespace: string): Keyv<T>;
	cleanup(): Promise<void>;
}

export async function tempDb(): Promise<TempDb> {
	const dir = await mkdtemp(path.join(tmpdir(), 'rolink-store-'));
	const file = path.join(dir, 'nested', 'rolink.sqlite');
	const url = `sqlite://${file}`;
	const opened: { close(): Promise<void> }[] = [];
	const rawAdapters: KeyvSqlite[] = [];
	return {
		dir,
		file,
		url,
		async open() {
			const stores = await openStores(url, recordingLogger());
			opened.push(stores);
			return stores;
		},
		raw<T>(namespace: string) {
			const adapter = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
			rawAdapters.push(adapter);
			return new Keyv<T>({ store: adapter, namespace, throwOnErrors: true });
		},
		async cleanup() {
			await Promise.allSettled(opened.map((s) => s.close()));
			await Promise.allSettled(rawAdapters.map((a) => a.disconnect()));
			await rm(dir, { recursive: true, force: true });
		},
	};
}

/** A fresh temp database with open stores for every test of the calling file, cleaned up after each. */
export function useTempStores(): { readonly db: TempDb; readonly stores: Stores } {
	const state = {} as { db: TempDb; stores: Stores };
	beforeEach(async () => {
		state.db = await tempDb();
		state.stores = await state.db.open();
	});
	afterEach(async () => {
		await state.db.cleanup();
	});
	return state;
}

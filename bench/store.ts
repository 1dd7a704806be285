import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { openStores, type Stores } from '../src/store/index.js';
import { startPostgres, startRedis } from '../test/helpers/servers.js';
import type { Link } from '../src/store/links.js';
import { below, figure, type Figure } from './report.js';
import { benchMemberId, benchRobloxId, MB, memorySample, percentile, quietLogger, rng, round } from './util.js';

/**
 * Figure 4 — the link store at scale, in the default SQLite store (a temp file).
 *
 * LinkStore.save costs ~1–2 ms (four reads and two writes on two connections), so 100,000 saves would take minutes.
 * The bulk of the links is therefore written straight into the same `keyv` table with the exact key and value
 * shapes Keyv writes (`links:<discordId>` → `{"value":Link}`, `roblox-links:<robloxId>` → `{"value":discordId}`),
 * in transactions of 5,000. The first `saved` links go through LinkStore.save (timed: saves/s), and the rows it
 * wrote are compared byte for byte with what the bulk writer produces, so a shape drift fails the bench loudly.
 * Lookups go through the real LinkStore.getByDiscord.
 */

export interface StoreOptions {
	links: number;
	/** Links written through LinkStore.save (timed); the rest are bulk-written. */
	saved?: number;
	lookups?: number;
	seed?: number;
	p99TargetMs?: number;
	rssTargetMb?: number;
}

export interface StoreResult {
	links: number;
	savesPerSecond: number;
	lookupP50Ms: number;
	lookupP99Ms: number;
	fileMb: number;
	rssBeforeMb: number;
	rssAfterMb: number;
	figures: Figure[];
}

const linkFor = (i: number): Link => ({
	discordId: benchMemberId(i),
	robloxId: benchRobloxId(i),
	robloxName: `bench_player_${i}`,
	linkedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
	method: 'import',
});

/** Keyv 5's stored form (no TTL: no `expires`). */
const forwardRow = (link: Link): [string, string] => [`links:${link.discordId}`, JSON.stringify({ value: link })];
const reverseRow = (link: Link): [string, string] => [
	`roblox-links:${link.robloxId}`,
	JSON.stringify({ value: link.discordId }),
];

export async function measureStore(options: StoreOptions): Promise<StoreResult> {
	const total = options.links;
	const saved = Math.min(total, options.saved ?? 2_000);
	const lookups = options.lookups ?? 10_000;
	const dir = await mkdtemp(join(tmpdir(), 'rolink-bench-store-'));
	const file = join(dir, 'rolink.sqlite');
	const stores = await openStores(`sqlite://${file}`, quietLogger);
	let raw: KeyvSqlite | undefined;
	try {
		const before = await memorySample();

		const t0 = performance.now();
		for (let i = 0; i < saved; i++) await stores.links.save(linkFor(i));
		const savesPerSecond = saved / ((performance.now() - t0) / 1000);

		raw = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 });
		const query = raw.query.bind(raw) as (
			sql: string,
			...params: unknown[]
		) => Promise<{ key: string; value: string }[]>;
		// The bulk writer must produce exactly what LinkStore.save wrote.
		for (const probe of [0, saved - 1].filter((i) => i >= 0)) {
			const link = linkFor(probe);
			for (const [key, value] of [forwardRow(link), reverseRow(link)]) {
				const rows = await query('SELECT value FROM keyv WHERE key = ?', key);
				if (rows[0]?.value !== value)
					throw new Error(`bulk writer shape differs from LinkStore.save for ${key}: ${rows[0]?.value} vs ${value}`);
			}
		}
		const chunk = 5_000;
		const rowsPerInsert = 400;
		for (let start = saved; start < total; start += chunk) {
			const end = Math.min(total, start + chunk);
			await query('BEGIN');
			try {
				for (let i = start; i < end; i += rowsPerInsert / 2) {
					const params: string[] = [];
					for (let j = i; j < Math.min(end, i + rowsPerInsert / 2); j++) {
						const link = linkFor(j);
						params.push(...forwardRow(link), ...reverseRow(link));
					}
					const values = Array.from({ length: params.length / 2 }, () => '(?, ?)').join(', ');
					await query(
						`INSERT INTO keyv (key, value) VALUES ${values} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
						...params,
					);
				}
				await query('COMMIT');
			} catch (error) {
				await query('ROLLBACK').catch(() => undefined);
				throw error;
			}
		}
		await query('PRAGMA wal_checkpoint(TRUNCATE)');
		await raw.disconnect();
		raw = undefined;

		const times = await timeLookups(stores, total, lookups, options.seed ?? 4);
		const after = await memorySample();
		const sizes = await Promise.all(
			['', '-wal', '-shm'].map((suffix) =>
				stat(file + suffix)
					.then((s) => s.size)
					.catch(() => 0),
			),
		);
		const fileMb = sizes.reduce((a, b) => a + b, 0) / MB;
		const p50 = percentile(times, 50);
		const p99 = percentile(times, 99);
		const rssGrowth = (after.rss - before.rss) / MB;
		const p99Target = options.p99TargetMs ?? 5;
		const rssTarget = options.rssTargetMb ?? 50;
		const n = total.toLocaleString('en-US');
		return {
			links: total,
			savesPerSecond,
			lookupP50Ms: p50,
			lookupP99Ms: p99,
			fileMb,
			rssBeforeMb: before.rss / MB,
			rssAfterMb: after.rss / MB,
			figures: [
				figure({
					key: 'store.savesPerSecond',
					section: '4',
					label: `LinkStore.save, sequential (first ${saved.toLocaleString('en-US')} links)`,
					value: round(savesPerSecond, 0),
					unit: '/s',
				}),
				figure({
					key: 'store.lookupP50',
					section: '4',
					label: `getByDiscord p50, ${n} links, ${lookups.toLocaleString('en-US')} random lookups`,
					value: round(p50, 3),
					unit: 'ms',
				}),
				figure({
					key: 'store.lookupP99',
					section: '4',
					label: 'getByDiscord p99',
					value: round(p99, 3),
					unit: 'ms',
					target: `< ${p99Target} ms`,
					pass: below(p99, p99Target),
				}),
				figure({
					key: 'store.fileMb',
					section: '4',
					label: `SQLite file size with ${n} links`,
					value: round(fileMb, 1),
					unit: 'MB',
				}),
				figure({
					key: 'store.rssGrowth',
					section: '4',
					label: `Process RSS growth (${round(before.rss / MB, 0)} → ${round(after.rss / MB, 0)} MB, after GC)`,
					value: round(rssGrowth, 1),
					unit: 'MB',
					target: `< ${rssTarget} MB`,
					pass: below(rssGrowth, rssTarget),
				}),
			],
		};
	} finally {
		await raw?.disconnect().catch(() => undefined);
		await stores.close().catch(() => undefined);
		await rm(dir, { recursive: true, force: true });
	}
}

/** `lookups` random getByDiscord calls through the real LinkStore; each must return the right link. */
async function timeLookups(stores: Stores, total: number, lookups: number, seed: number): Promise<number[]> {
	const random = rng(seed);
	const times: number[] = [];
	let misses = 0;
	for (let k = 0; k < lookups; k++) {
		const i = Math.floor(random() * total);
		const t = performance.now();
		const link = await stores.links.getByDiscord(benchMemberId(i));
		times.push(performance.now() - t);
		if (link?.robloxId !== benchRobloxId(i)) misses++;
	}
	if (misses > 0) throw new Error(`link store: ${misses} of ${lookups} lookups returned the wrong link`);
	return times;
}

export interface ServerStoreOptions {
	links: number;
	lookups?: number;
	seed?: number;
	p99TargetMs?: number;
}

const SERVERS = { redis: { name: 'Redis', start: startRedis }, postgres: { name: 'Postgres', start: startPostgres } };

/**
 * Figure 4, on a real Redis and a real Postgres (test/helpers/servers.ts starts each on a free port with its data in a
 * temporary folder). The first links go through LinkStore.save; the rest are written with Keyv's own `setMany` on the
 * same two namespaces, 1,000 rows a call (a pipeline on Redis, one INSERT on Postgres), so the stored form is Keyv's
 * by construction. A machine without the server gets one line and no figures for it.
 */
export async function measureServerStores(options: ServerStoreOptions): Promise<{ figures: Figure[] }> {
	const figures: Figure[] = [];
	const n = options.links.toLocaleString('en-US');
	const lookups = options.lookups ?? 10_000;
	const p99Target = options.p99TargetMs ?? 5;
	for (const [kind, { name, start }] of Object.entries(SERVERS)) {
		const server = await start();
		if (!server) continue;
		try {
			const times = await fillAndLook(server.url, options.links, lookups, options.seed ?? 4);
			const p99 = percentile(times, 99);
			figures.push(
				figure({
					key: `store.${kind}.lookupP50`,
					section: '4',
					label: `${name}: getByDiscord p50, ${n} links, ${lookups.toLocaleString('en-US')} random lookups`,
					value: round(percentile(times, 50), 3),
					unit: 'ms',
				}),
				figure({
					key: `store.${kind}.lookupP99`,
					section: '4',
					label: `${name}: getByDiscord p99`,
					value: round(p99, 3),
					unit: 'ms',
					target: `< ${p99Target} ms`,
					pass: below(p99, p99Target),
				}),
			);
		} finally {
			await server.stop();
		}
	}
	return { figures };
}

async function fillAndLook(url: string, total: number, lookups: number, seed: number): Promise<number[]> {
	const stores = await openStores(url, quietLogger);
	// Same connection string as the stores: @keyv/postgres keeps one pool per process, and a second string would
	// orphan the first pool (never ended, it breaks when the server stops).
	const raw = (namespace: string) =>
		new Keyv({
			store: url.startsWith('redis') ? new KeyvRedis(url) : new KeyvPostgres({ uri: url }),
			namespace,
			throwOnErrors: true,
		});
	const forward = raw('links');
	const reverse = raw('roblox-links');
	try {
		const saved = Math.min(total, 200);
		for (let i = 0; i < saved; i++) await stores.links.save(linkFor(i));
		// The bulk writer must store what LinkStore.save stored.
		if (JSON.stringify(await forward.get(benchMemberId(0))) !== JSON.stringify(linkFor(0)))
			throw new Error(`bulk writer and LinkStore.save disagree on ${url.split(':')[0]}`);
		const batch = 1_000;
		for (let start = saved; start < total; start += batch) {
			const links = Array.from({ length: Math.min(batch, total - start) }, (_, k) => linkFor(start + k));
			await forward.setMany(links.map((link) => ({ key: link.discordId, value: link })));
			await reverse.setMany(links.map((link) => ({ key: link.robloxId, value: link.discordId })));
		}
		return await timeLookups(stores, total, lookups, seed);
	} finally {
		// The stores first: on Postgres they end the one shared pool (the raw adapters' disconnect then has nothing to end).
		await stores.close().catch(() => undefined);
		await Promise.allSettled([forward.disconnect(), reverse.disconnect()]);
	}
}

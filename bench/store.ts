import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { openStores } from '../src/store/index.js';
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

		const random = rng(options.seed ?? 4);
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

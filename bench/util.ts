import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Small helpers shared by the bench modules: statistics, memory, timing, a seeded RNG. */

/** Nearest-rank percentile (p in 0..100) of an unsorted list; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1]!;
}

export function round(value: number, digits = 2): number {
	if (!Number.isFinite(value)) return value;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export const MB = 1024 * 1024;

let gcFn: (() => void) | undefined;

/**
 * A full GC when possible. `--expose-gc` (or NODE_OPTIONS=--expose-gc) gives `global.gc`; without it, the flag is
 * switched on at run time and `gc` read from a fresh context, which works on Node 20+ without any command-line flag.
 */
export function gc(): boolean {
	if (!gcFn) {
		const global = globalThis as { gc?: () => void };
		if (typeof global.gc === 'function') gcFn = global.gc;
		else {
			try {
				setFlagsFromString('--expose-gc');
				const fn = runInNewContext('gc') as unknown;
				if (typeof fn === 'function') gcFn = fn as () => void;
			} catch {
				/* no GC hint available: figures stay valid, only noisier */
			}
		}
	}
	if (!gcFn) return false;
	gcFn();
	gcFn();
	return true;
}

export interface MemorySample {
	rss: number;
	heapUsed: number;
	external: number;
	gc: boolean;
}

/** RSS and heap of this process after a GC hint (settles a moment so freed pages are returned). */
export async function memorySample(): Promise<MemorySample> {
	const ok = gc();
	await sleep(50);
	gc();
	const m = process.memoryUsage();
	return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, gc: ok };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with a message naming what timed out; the timer never keeps the process alive. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`bench: ${what} did not finish within ${ms} ms`)), ms);
		timer.unref();
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		if (timer) clearTimeout(timer);
	}
}

/** mulberry32: a tiny deterministic RNG so every run builds the same guild. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function mapLimit<T, R>(
	items: readonly T[],
	concurrency: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const out = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i]!, i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return out;
}

/** A quiet logger for stores opened by the bench itself. */
export const quietLogger = { error() {}, warn() {}, info() {} };

/** Snowflake-shaped ids for bench members (17+ digits, ascending with i). */
export const benchMemberId = (i: number) => `3000000000${String(i).padStart(8, '0')}`;
export const benchRobloxId = (i: number) => String(50_000_000 + i);

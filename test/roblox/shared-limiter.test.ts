/**
 * One Roblox budget for every process (src/roblox/shared-limiter.ts), against a real Redis: the sum of every
 * process's starts stays within the limit in any rolling window, the combined rate reaches it, interactive work goes
 * first inside each process, and a Redis outage falls back to limit ÷ processes in each, then shares again.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import { describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { Limiter } from '../../src/roblox/limiter.js';
import { openBudgets, sharedBudgets, type Budgets } from '../../src/roblox/shared-limiter.js';
import { freshRedisUrl, startRedis } from '../helpers/servers.js';

const redisUrl = inject('redisUrl');
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'budget-child.ts');

/** The most starts in any rolling window of `windowMs`. */
function busiest(starts: readonly number[], windowMs: number): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[j]! <= sorted[i]! - windowMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

function runChild(url: string, args: number[]): Promise<number[]> {
	return new Promise((resolve, reject) => {
		const p = spawn(process.execPath, ['--import', 'tsx', child, url, ...args.map(String)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		p.stdout.on('data', (d: Buffer) => (out += d.toString()));
		p.stderr.on('data', (d: Buffer) => (err += d.toString()));
		p.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`budget child exited ${code}: ${err}`));
			resolve((JSON.parse(out.trim().split('\n').pop()!) as { starts: number[] }).starts);
		});
	});
}

/** Takes slots as fast as the limiter gives them, `workers` at a time, settling each at once, while `busy()`. */
function demand(limiter: Limiter, starts: number[], busy: () => boolean, workers = 4): Promise<void> {
	return Promise.all(
		Array.from({ length: workers }, async () => {
			while (busy()) {
				const settle = await limiter.acquire('background').catch(() => null);
				if (!settle) return;
				starts.push(Date.now());
				settle();
			}
		}),
	).then(() => undefined);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(redisUrl === null)('shared Roblox budget on Redis', () => {
	it(
		'two processes on one budget of 20 per 2 s: never above 20 in any rolling 2 s, together at the limit',
		{
			timeout: 60_000,
		},
		async () => {
			const url = await freshRedisUrl(redisUrl!);
			const startAt = Date.now() + 4_000; // both have started node and connected by then
			const [a, b] = await Promise.all([
				runChild(url, [20, 2_000, 50, startAt]),
				runChild(url, [20, 2_000, 50, startAt]),
			]);
			const all = [...a, ...b];
			expect(all).toHaveLength(100);
			expect(busiest(all, 2_000)).toBeLessThanOrEqual(20);
			// 100 starts at 20 a window: the first 20 at once, the last 20 four (padded, 2,040 ms) windows later.
			const span = Math.max(...all) - Math.min(...all);
			expect(span).toBeGreaterThanOrEqual(4 * 2_000);
			expect(span).toBeLessThan(4 * 2_040 + 1_000);
		},
	);

	it('inside a process, interactive goes before background, and both wait for the other process', async () => {
		const url = await freshRedisUrl(redisUrl!);
		const one = await openBudgets(url, 2);
		const two = await openBudgets(url, 2);
		try {
			const first = one.limiter('inventory', { limit: 2, windowMs: 600 });
			const second = two.limiter('inventory', { limit: 2, windowMs: 600 });
			const t0 = Date.now();
			(await first.acquire('background'))();
			(await first.acquire('background'))();
			const order: string[] = [];
			const at: number[] = [];
			const take = (p: 'interactive' | 'background', name: string) =>
				second.acquire(p).then((settle) => {
					order.push(name);
					at.push(Date.now() - t0);
					settle();
				});
			await Promise.all([
				take('background', 'b1'),
				take('background', 'b2'),
				take('interactive', 'i1'),
				take('interactive', 'i2'),
			]);
			expect(order).toEqual(['i1', 'i2', 'b1', 'b2']);
			// The other process's two starts filled the shared window: nobody here started before they left it.
			expect(Math.min(...at)).toBeGreaterThanOrEqual(600);
			first.close();
			second.close();
		} finally {
			await one.close();
			await two.close();
		}
	});

	it('a 429 seen by one process holds the other too', async () => {
		const url = await freshRedisUrl(redisUrl!);
		const one = await openBudgets(url, 2);
		const two = await openBudgets(url, 2);
		try {
			const first = one.limiter('groups', { limit: 100, windowMs: 1_000 });
			const second = two.limiter('groups', { limit: 100, windowMs: 1_000 });
			(await first.acquire('interactive'))();
			first.hold(500);
			await sleep(50); // the hold reaches Redis
			const t0 = Date.now();
			(await second.acquire('interactive'))();
			expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
			first.close();
			second.close();
		} finally {
			await one.close();
			await two.close();
		}
	});

	it(
		'Redis stopped: each process falls back to 20 ÷ 2 per window, warns once, and shares again when Redis is back',
		{
			timeout: 90_000,
		},
		async () => {
			const server = await startRedis();
			if (!server) return; // no redis-server: said in one line (and a failure with CI=true)
			let restarted: Awaited<ReturnType<typeof startRedis>> = null;
			const logs = [0, 1].map(() => ({ warn: [] as string[], info: [] as string[] }));
			const loggerOf = (i: number) => ({
				warn: (_: object, msg?: string) => logs[i]!.warn.push(msg ?? ''),
				info: (_: object, msg?: string) => logs[i]!.info.push(msg ?? ''),
			});
			const connect = async () => {
				const client = createClient({
					url: server.url,
					disableOfflineQueue: true,
					socket: { reconnectStrategy: () => 100 },
				});
				client.on('error', () => undefined);
				await client.connect();
				return client;
			};
			const clients = [await connect(), await connect()];
			const budgets: Budgets[] = clients.map((c, i) =>
				sharedBudgets(c, { processes: 2, logger: loggerOf(i), probeMs: 200, timeoutMs: 300 }),
			);
			const rate = { limit: 20, windowMs: 2_000 };
			const [a, b] = budgets.map((x) => x.limiter('inventory', rate)) as [Limiter, Limiter];
			const startsA: number[] = [];
			const startsB: number[] = [];
			let phase: 'shared' | 'outage' | 'back' | 'done' = 'shared';
			try {
				const runs = [
					demand(a, startsA, () => phase !== 'done'),
					demand(b, startsB, () => phase === 'shared' || phase === 'outage'),
				];
				await sleep(4_500);
				const outageAt = Date.now();
				phase = 'outage';
				await server.stop();
				await sleep(6_500);
				restarted = await startRedis({ port: server.port });
				const backAt = Date.now();
				phase = 'back';
				await sleep(9_000);
				phase = 'done';
				a.close();
				b.close();
				await Promise.all(runs);

				const all = [...startsA, ...startsB];
				// Whatever the phase, and across both switches: never above the limit together.
				expect(busiest(all, 2_000)).toBeLessThanOrEqual(20);
				// Shared before the outage: together at the limit.
				expect(all.filter((t) => t < outageAt).length).toBeGreaterThanOrEqual(40);
				// During the outage each kept to its share (10 a window) and still worked once the first window had passed.
				const inOutage = (s: number[]) => s.filter((t) => t >= outageAt && t < backAt);
				for (const s of [startsA, startsB]) {
					expect(busiest(inOutage(s), 2_000)).toBeLessThanOrEqual(10);
					expect(inOutage(s).length).toBeGreaterThanOrEqual(10);
				}
				// Back: A alone gets the whole budget again (more than its share in some window), once B's outage
				// starts are out of the window.
				expect(
					busiest(
						startsA.filter((t) => t >= backAt),
						2_000,
					),
				).toBeGreaterThan(10);
				// One warning per process and outage; A (still busy) said when Redis answered again.
				for (const log of logs) expect(log.warn.filter((m) => /Redis unreachable/.test(m))).toHaveLength(1);
				expect(logs[0]!.info.filter((m) => /shared again/.test(m))).toHaveLength(1);
			} finally {
				phase = 'done';
				a.close();
				b.close();
				for (const x of budgets) await x.close();
				for (const c of clients) c.destroy();
				await restarted?.stop();
				await server.stop();
			}
		},
	);

	it(
		'a Redis that stops answering costs at most its timeout, then the share; close() rejects waiters at once',
		{
			timeout: 30_000,
		},
		async () => {
			const server = await startRedis();
			if (!server) return;
			const warnings: string[] = [];
			const budgets = await openBudgets(server.url, 2, {
				warn: (_, m) => warnings.push(m ?? ''),
				info: () => undefined,
			});
			const limiter = budgets.limiter('inventory', { limit: 10, windowMs: 500 });
			try {
				(await limiter.acquire('interactive'))();
				process.kill(server.pid, 'SIGSTOP');
				const t0 = Date.now();
				(await limiter.acquire('interactive'))();
				// One timed-out call (1 s), then the outage's first window (counted as full), then the local share.
				expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
				expect(Date.now() - t0).toBeLessThan(4_000);
				expect(warnings).toHaveLength(1);
				for (let i = 1; i < 5; i++) (await limiter.acquire('background'))();
				const waiting = limiter.acquire('background'); // over the share of 5: waits for the window
				const closedAt = Date.now();
				limiter.close();
				await expect(waiting).rejects.toMatchObject({ code: 'unavailable' });
				expect(Date.now() - closedAt).toBeLessThan(100);
			} finally {
				process.kill(server.pid, 'SIGCONT');
				limiter.close();
				await budgets.close();
				await server.stop();
			}
		},
	);

	it('ROBLOX_BUDGET_PROCESSES is read once, in the config: 1 by default, a whole number above 0', () => {
		const env = { DISCORD_TOKEN: 'a.b.c', ROBLOX_API_KEY: 'key' };
		expect(parseConfig(env).robloxBudgetProcesses).toBe(1);
		expect(parseConfig({ ...env, ROBLOX_BUDGET_PROCESSES: '4' }).robloxBudgetProcesses).toBe(4);
		expect(() => parseConfig({ ...env, ROBLOX_BUDGET_PROCESSES: '1.5' })).toThrow(/ROBLOX_BUDGET_PROCESSES/);
	});

	it('without Redis, each process gets its share of every budget (ROBLOX_BUDGET_PROCESSES)', async () => {
		const budgets = await openBudgets('sqlite://:memory:', 3);
		const limiter = budgets.limiter('inventory', { limit: 10, windowMs: 60_000 });
		let started = 0;
		for (let i = 0; i < 10; i++)
			void limiter.acquire('background').then(
				() => started++,
				() => undefined, // closed below
			);
		await sleep(100);
		expect(started).toBe(3);
		limiter.close();
		await budgets.close();
	});
});

import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/roblox/limiter.js';

describe('SlidingWindowLimiter', () => {
	it('never starts more than `limit` in any rolling window (and lets the first `limit` go at once)', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 200 });
		const t0 = Date.now();
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 9 }, () => limiter.acquire('background').then(() => starts.push(Date.now() - t0))),
		);
		expect(starts.slice(0, 3).every((t) => t < 50)).toBe(true);
		for (const t of starts) expect(starts.filter((u) => u >= t && u < t + 200).length).toBeLessThanOrEqual(3);
		// 9 starts at 3 per window need at least two full windows.
		expect(starts[8]!).toBeGreaterThanOrEqual(400);
		limiter.close();
	});

	it('dates a slot from the answer, so a slow request keeps its place until one window after Roblox saw it', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 200 });
		const t0 = Date.now();
		const settle = await limiter.acquire('background');
		// The answer comes back 150 ms after the send: Roblox may have counted the request as late as that.
		await new Promise((resolve) => setTimeout(resolve, 150));
		settle();
		await limiter.acquire('background');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(150 + 200);
		limiter.close();
	});

	it('serves interactive before background, FIFO within each', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 50 });
		await limiter.acquire('background');
		const order: string[] = [];
		const all = [
			limiter.acquire('background').then(() => order.push('b1')),
			limiter.acquire('background').then(() => order.push('b2')),
			limiter.acquire('interactive').then(() => order.push('i1')),
			limiter.acquire('interactive').then(() => order.push('i2')),
		];
		await Promise.all(all);
		expect(order).toEqual(['i1', 'i2', 'b1', 'b2']);
		limiter.close();
	});

	it('hold() (retry-after, remaining 0) pauses everyone', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 1_000 });
		limiter.observe(0, 150);
		const t0 = Date.now();
		await limiter.acquire('interactive');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		limiter.observe(5, 10_000); // budget left: no hold
		const t1 = Date.now();
		await limiter.acquire('interactive');
		expect(Date.now() - t1).toBeLessThan(50);
		limiter.close();
	});

	it('close() rejects waiters', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 60_000 });
		await limiter.acquire('interactive');
		const waiting = limiter.acquire('background');
		limiter.close();
		await expect(waiting).rejects.toMatchObject({ code: 'unavailable' });
	});
});

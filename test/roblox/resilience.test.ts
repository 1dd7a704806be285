import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RobloxClient } from '../../src/roblox/index.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { clientFor, inventoryRecords, rejectionOf } from './helpers.js';

let fake: FakeRoblox;
let client: RobloxClient | undefined;

beforeAll(async () => {
	fake = await startFakeRoblox();
	for (const id of ['1', '2', '3']) {
		fake.addUser({ id, name: `user${id}` });
		fake.giveItem(id, { kind: 'badge', id: '9' });
	}
});
afterAll(() => fake.close());
beforeEach(() => {
	fake.resetRequests();
	fake.clearFaults();
	fake.setRateLimit(null);
});
afterEach(async () => {
	await client?.close();
	client = undefined;
});

const list = (c: RobloxClient, userId: string, priority: 'interactive' | 'background' = 'interactive') =>
	c.listInventory(userId, { type: 'types', badges: true }, { priority });

describe('rate limits', () => {
	it('rides out a 429 storm: 15 calls against a 5-per-second server limit, all succeed, (almost) no 429s', async () => {
		fake.setRateLimit({ limit: 5, windowMs: 1_000 });
		client = clientFor(fake, {
			inventoryRate: { limit: 5, windowMs: 1_000 },
			retries: { max: 4, baseDelayMs: 50, maxDelayMs: 1_000 },
		});
		const started = Date.now();
		const pages = await Promise.all(Array.from({ length: 15 }, () => list(client!, '1')));
		expect(pages.every((p) => p.items.length === 1)).toBe(true);
		const recs = inventoryRecords(fake);
		const throttled = recs.filter((r) => r.status === 429).length;
		expect(throttled).toBeLessThanOrEqual(1);
		expect(client.stats().rateLimited).toBe(throttled);
		// 15 calls at 5/s cannot finish in under 2 s, and no rolling second ever saw more than 5 starts.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
		const ok = recs.filter((r) => r.status === 200).map((r) => r.at);
		for (const t of ok) expect(ok.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(5);
	});

	it('without a client-side limit matching the server, 429s are retried and still all succeed', async () => {
		fake.setRateLimit({ limit: 3, windowMs: 400, sendRetryAfter: false });
		client = clientFor(fake, {
			inventoryRate: { limit: 1_000, windowMs: 60_000 },
			retries: { max: 6, baseDelayMs: 100, maxDelayMs: 1_000 },
		});
		const pages = await Promise.all(Array.from({ length: 6 }, () => list(client!, '1')));
		expect(pages).toHaveLength(6);
		expect(client.stats().rateLimited).toBeGreaterThan(0);
		expect(client.stats().retries).toBe(client.stats().rateLimited);
	});

	it('honours retry-after on 429, then reports rate-limited when retries run out', async () => {
		client = clientFor(fake, { retries: { max: 1, baseDelayMs: 5, maxDelayMs: 10 } });
		fake.injectFault({ path: /inventory-items/, status: 429, retryAfterSeconds: 1 });
		await list(client, '1');
		const [first, second] = inventoryRecords(fake);
		expect(first!.status).toBe(429);
		expect(second!.status).toBe(200);
		expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);

		fake.resetRequests();
		fake.injectFault({ path: /inventory-items/, status: 429, retryAfterSeconds: 0, times: 5 });
		const err = await rejectionOf(list(client, '1'));
		expect(err.code).toBe('rate-limited');
		expect(err.status).toBe(429);
		expect(fake.inventoryRequests()).toBe(2);
	});

	it('remaining 0 holds everyone until the reset', async () => {
		fake.setRateLimit({ limit: 2, windowMs: 1_000 });
		// The client thinks it has plenty of budget (another process shares the key owner's quota).
		client = clientFor(fake, { inventoryRate: { limit: 100, windowMs: 60_000 } });
		await list(client, '1');
		await list(client, '1'); // server now says remaining 0, reset 1 s
		await list(client, '1');
		const recs = inventoryRecords(fake);
		expect(recs.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(recs[2]!.at - recs[1]!.at).toBeGreaterThanOrEqual(900);
	});
});

describe('retries', () => {
	it('5xx is retried (bounded) and then reported as unavailable', async () => {
		client = clientFor(fake, { retries: { max: 3, baseDelayMs: 5, maxDelayMs: 20 } });
		fake.injectFault({ path: /inventory-items/, status: 503, times: 100 });
		const err = await rejectionOf(list(client, '1'));
		expect(err.code).toBe('unavailable');
		expect(err.status).toBe(503);
		expect(fake.inventoryRequests()).toBe(4);
		expect(client.stats()).toMatchObject({ retries: 3, inventoryRequests: 4 });
	});

	it('a transient 500 is ridden out', async () => {
		client = clientFor(fake);
		fake.injectFault({ path: /inventory-items/, status: 500, times: 2 });
		expect((await list(client, '1')).items).toHaveLength(1);
		expect(fake.inventoryRequests()).toBe(3);
	});

	it('timeouts are retried and then reported as unavailable', async () => {
		client = clientFor(fake, { timeouts: { requestMs: 250 }, retries: { max: 1, baseDelayMs: 5, maxDelayMs: 10 } });
		fake.injectFault({ path: /inventory-items/, hang: true, times: 10 });
		const started = Date.now();
		const err = await rejectionOf(list(client, '1'));
		expect(err.code).toBe('unavailable');
		expect(err.message).toMatch(/TIMEOUT/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(fake.inventoryRequests()).toBe(2);
	});

	it('slow but within the timeout is fine', async () => {
		client = clientFor(fake, { timeouts: { requestMs: 500 } });
		fake.injectFault({ path: /inventory-items/, delayMs: 150 });
		expect((await list(client, '1')).items).toHaveLength(1);
		expect(client.stats().retries).toBe(0);
	});

	it('connection resets are retried, and reported as unavailable when they persist', async () => {
		client = clientFor(fake);
		fake.injectFault({ path: /inventory-items/, reset: true });
		expect((await list(client, '1')).items).toHaveLength(1);
		expect(fake.inventoryRequests()).toBe(2);

		fake.resetRequests();
		fake.injectFault({ path: /inventory-items/, reset: true, times: 10 });
		const err = await rejectionOf(list(client, '1'));
		expect(err.code).toBe('unavailable');
		expect(fake.inventoryRequests()).toBe(3);
	});

	it('4xx is not retried', async () => {
		client = clientFor(fake);
		fake.injectFault({ path: /inventory-items/, status: 400, body: '{"code":"INVALID_ARGUMENT","message":"nope"}' });
		const err = await rejectionOf(list(client, '1'));
		expect(err.code).toBe('invalid-argument');
		expect(err.message).toContain('INVALID_ARGUMENT');
		expect(fake.inventoryRequests()).toBe(1);
	});
});

describe('priority', () => {
	it('interactive work jumps the queue of background work (FIFO within a priority)', async () => {
		client = clientFor(fake, { inventoryRate: { limit: 1, windowMs: 150 } });
		const done: string[] = [];
		const track = (label: string, p: Promise<unknown>) => p.then(() => done.push(label));
		const jobs = [
			track('bg1', list(client, '1', 'background')),
			track('bg2', list(client, '2', 'background')),
			track('bg3', list(client, '2', 'background')),
		];
		await new Promise((r) => setImmediate(r));
		jobs.push(track('int', list(client, '3', 'interactive')));
		await Promise.all(jobs);
		// bg1 had already started; the interactive call goes next, then the rest of the background queue.
		expect(inventoryRecords(fake).map((r) => r.path.split('/')[4])).toEqual(['1', '3', '2', '2']);
		expect(done).toEqual(['bg1', 'int', 'bg2', 'bg3']);
	});
});

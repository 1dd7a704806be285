import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, parseFilter, type ItemRef, type RobloxClient } from '../../src/roblox/index.js';
import { planOwnershipFilters } from '../../src/roblox/ownership.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { clientFor, inventoryRecords, rejectionOf } from './helpers.js';

const OWNER = '1001'; // created the API key: may read private servers
const MEMBER = '2002';
const MANY = '3003';

let fake: FakeRoblox;
let client: RobloxClient;
let clock = 1_000_000;

beforeAll(async () => {
	fake = await startFakeRoblox({ apiKeyOwnerId: OWNER, rateLimit: { limit: 10_000, windowMs: 60_000 } });
	fake.addUser({ id: OWNER, name: 'KeyOwner' });
	fake.giveItem(OWNER, { kind: 'asset', id: '11', assetType: 'HAT' });
	fake.giveItem(OWNER, { kind: 'badge', id: '22' });
	fake.giveItem(OWNER, { kind: 'gamepass', id: '33' });
	fake.giveItem(OWNER, { kind: 'private-server', id: '44' });
	fake.addUser({ id: MEMBER, name: 'Member' });
	fake.giveItem(MEMBER, { kind: 'badge', id: '22' });
	fake.giveItem(MEMBER, { kind: 'asset', id: '555', assetType: 'HAT', collectible: { serialNumber: 7 } });
	fake.addUser({ id: MANY, name: 'Hoarder' });
	for (let i = 0; i < 150; i++) fake.giveItem(MANY, { kind: 'asset', id: String(1000 + i) });
});
afterAll(() => fake.close());
beforeEach(() => {
	clock = 1_000_000;
	client = clientFor(fake, { now: () => clock, ownershipTtlMs: 30_000 });
	fake.resetRequests();
	fake.clearFaults();
	fake.setEmptyLastPage(false);
});
afterEach(() => client.close());

const refs = (kind: ItemRef['kind'], ...ids: string[]): ItemRef[] => ids.map((id) => ({ kind, id }));

describe('checkOwnership', () => {
	it('answers the asset, badge and game-pass kinds with ONE inventory request, private servers in their own', async () => {
		const items = [
			...refs('asset', '11', '12'),
			...refs('badge', '22', '23'),
			...refs('gamepass', '33', '34'),
			...refs('private-server', '44', '45'),
		];
		const answer = await client.checkOwnership(OWNER, items, { priority: 'interactive' });
		expect([...answer.owned].sort()).toEqual(['asset:11', 'badge:22', 'gamepass:33', 'private-server:44']);
		expect(answer.requests).toBe(2);
		expect(answer.ownsCollectible).toBeUndefined();
		expect(answer.unknownKinds).toBeUndefined();
		expect(fake.inventoryRequests()).toBe(2);
		const filters = inventoryRecords(fake).map((rec) => {
			expect(rec.query.maxPageSize).toBe('100');
			return parseFilter(rec.query.filter!);
		});
		expect(filters).toEqual(
			expect.arrayContaining([
				{ type: 'ids', assetIds: ['11', '12'], badgeIds: ['22', '23'], gamePassIds: ['33', '34'] },
				{ type: 'ids', privateServerIds: ['44', '45'] },
			]),
		);
	});

	it('without private-server items, all kinds go in ONE request', async () => {
		const answer = await client.checkOwnership(
			OWNER,
			[...refs('asset', '11'), ...refs('badge', '22'), ...refs('gamepass', '33')],
			{ priority: 'interactive' },
		);
		expect(answer.requests).toBe(1);
		expect(fake.inventoryRequests()).toBe(1);
		expect([...answer.owned].sort()).toEqual(['asset:11', 'badge:22', 'gamepass:33']);
	});

	it('private-server ids need the target’s own key: for anyone else only that kind is unknown, the rest is answered', async () => {
		const answer = await client.checkOwnership(MEMBER, [...refs('badge', '22'), ...refs('private-server', '44')], {
			priority: 'interactive',
		});
		expect([...(answer.unknownKinds ?? [])]).toEqual(['private-server']);
		expect(answer.owned.has('private-server:44')).toBe(false);
	});

	it('splits into several filters only when the URL would get too long, and every URL stays under the limit', async () => {
		const ids = Array.from({ length: 400 }, (_, i) => String(10_000_000_000 + i));
		const items = [...refs('asset', ...ids), ...refs('asset', '1000', '1149'), ...refs('badge', '1')];
		const planned = planOwnershipFilters(fake.url, MANY, items);
		expect(planned.length).toBeGreaterThan(1);
		const answer = await client.checkOwnership(MANY, items, { priority: 'interactive' });
		expect([...answer.owned].sort()).toEqual(['asset:1000', 'asset:1149']);
		const recs = inventoryRecords(fake);
		expect(recs.length).toBe(planned.length);
		expect(answer.requests).toBe(planned.length);
		const seen = new Set<string>();
		for (const r of recs) {
			const url = `${fake.url}${r.path}?${new URLSearchParams(r.query).toString()}`;
			expect(url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
			const f = parseFilter(r.query.filter!);
			if (f.type !== 'ids') throw new Error('expected an ids filter');
			for (const id of f.assetIds ?? []) seen.add(`asset:${id}`);
			for (const id of f.badgeIds ?? []) seen.add(`badge:${id}`);
		}
		expect(seen.size).toBe(items.length);
	});

	it('a small request is never split', () => {
		expect(planOwnershipFilters(fake.url, MANY, refs('asset', '1', '2'))).toHaveLength(1);
	});

	it('follows every page (150 owned items → 2 pages) and survives the empty-last-page quirk', async () => {
		const ids = Array.from({ length: 150 }, (_, i) => String(1000 + i));
		const answer = await client.checkOwnership(MANY, refs('asset', ...ids), { priority: 'interactive' });
		expect(answer.owned.size).toBe(150);
		expect(answer.requests).toBe(2);

		fake.setEmptyLastPage(true);
		fake.resetRequests();
		const hundred = await client.checkOwnership(MANY, refs('asset', ...ids.slice(0, 100)), {
			priority: 'interactive',
			fresh: true,
		});
		expect(hundred.owned.size).toBe(100);
		expect(hundred.requests).toBe(2); // one full page with a token, then the empty page
	});

	it('pagination cut off mid-way throws; never a partial answer', async () => {
		const ids = Array.from({ length: 150 }, (_, i) => String(1000 + i));
		fake.injectFault({ truncateAfterPage: 1, times: 100 });
		const err = await rejectionOf(client.checkOwnership(MANY, refs('asset', ...ids), { priority: 'interactive' }));
		expect(err.code).toBe('unavailable');
		expect(err.status).toBe(500);
		// page 1 once, page 2 three times (1 + 2 retries)
		expect(fake.inventoryRequests()).toBe(4);
	});

	it('asks the collectibles question as its own request with maxPageSize 1', async () => {
		const yes = await client.checkOwnership(MEMBER, refs('badge', '22'), {
			priority: 'interactive',
			collectibles: true,
		});
		expect(yes.ownsCollectible).toBe(true);
		expect([...yes.owned]).toEqual(['badge:22']);
		expect(yes.requests).toBe(2);
		const coll = inventoryRecords(fake).find((r) => r.query.filter!.includes('onlyCollectibles'));
		expect(coll?.query).toMatchObject({ filter: 'onlyCollectibles=true;inventoryItemAssetTypes=*', maxPageSize: '1' });

		const no = await client.checkOwnership(OWNER, [], { priority: 'interactive', collectibles: true });
		expect(no).toMatchObject({ ownsCollectible: false, requests: 1 });
	});

	it('nothing to ask → no request', async () => {
		const answer = await client.checkOwnership(MEMBER, [], { priority: 'interactive' });
		expect(answer.requests).toBe(0);
		expect(fake.inventoryRequests()).toBe(0);
	});

	it('concurrent identical checks share one call', async () => {
		const items = refs('badge', '22', '23');
		const [a, b, c] = await Promise.all([
			client.checkOwnership(MEMBER, items, { priority: 'interactive' }),
			client.checkOwnership(MEMBER, [...items].reverse(), { priority: 'background' }),
			client.checkOwnership(MEMBER, items, { priority: 'interactive' }),
		]);
		expect(fake.inventoryRequests()).toBe(1);
		expect(a).toBe(b);
		expect(b).toBe(c);
	});

	it('reuses a fresh answer for ownershipTtlMs unless fresh is asked', async () => {
		const items = refs('badge', '22');
		expect((await client.checkOwnership(MEMBER, items, { priority: 'interactive' })).requests).toBe(1);
		clock += 29_000;
		const cached = await client.checkOwnership(MEMBER, items, { priority: 'interactive' });
		expect(cached.requests).toBe(0);
		expect(cached.owned.has('badge:22')).toBe(true);
		expect(fake.inventoryRequests()).toBe(1);

		expect((await client.checkOwnership(MEMBER, items, { priority: 'interactive', fresh: true })).requests).toBe(1);
		expect(fake.inventoryRequests()).toBe(2);

		clock += 31_000;
		fake.removeItem(MEMBER, 'badge', '22');
		const after = await client.checkOwnership(MEMBER, items, { priority: 'interactive' });
		expect(after.requests).toBe(1);
		expect(after.owned.size).toBe(0);
		fake.giveItem(MEMBER, { kind: 'badge', id: '22' });
	});

	it('errors: private inventory, unknown user, bad ids', async () => {
		fake.setInventoryPublic(MEMBER, false);
		try {
			expect(
				(await rejectionOf(client.checkOwnership(MEMBER, refs('badge', '22'), { priority: 'interactive' }))).code,
			).toBe('private-inventory');
		} finally {
			fake.setInventoryPublic(MEMBER, true);
		}
		// The key owner can still read their own private inventory.
		fake.setInventoryPublic(OWNER, false);
		try {
			expect((await client.checkOwnership(OWNER, refs('badge', '22'), { priority: 'interactive' })).owned.size).toBe(1);
		} finally {
			fake.setInventoryPublic(OWNER, true);
		}
		expect(
			(await rejectionOf(client.checkOwnership('424242', refs('badge', '22'), { priority: 'interactive' }))).code,
		).toBe('user-not-found');
		expect(
			(await rejectionOf(client.checkOwnership('abc', refs('badge', '22'), { priority: 'interactive' }))).code,
		).toBe('invalid-argument');
		expect(
			(await rejectionOf(client.checkOwnership(MEMBER, refs('badge', '2x'), { priority: 'interactive' }))).code,
		).toBe('invalid-argument');
	});

	it('a failed check is not cached', async () => {
		fake.injectFault({ path: /inventory-items/, status: 400 });
		expect(
			(await rejectionOf(client.checkOwnership(MEMBER, refs('badge', '22'), { priority: 'interactive' }))).code,
		).toBe('invalid-argument');
		expect((await client.checkOwnership(MEMBER, refs('badge', '22'), { priority: 'interactive' })).owned.size).toBe(1);
	});
});

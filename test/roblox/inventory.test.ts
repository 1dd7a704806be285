import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRobloxClient, type InventoryItem, type RobloxClient } from '../../src/roblox/index.js';
import { parseInventoryPage } from '../../src/roblox/inventory.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { clientFor, inventoryRecords, rejectionOf } from './helpers.js';

let fake: FakeRoblox;
let client: RobloxClient;

beforeAll(async () => {
	fake = await startFakeRoblox({ rateLimit: { limit: 10_000, windowMs: 60_000 } });
	fake.addUser({ id: '100', name: 'Pager' });
	for (let i = 0; i < 25; i++) fake.giveItem('100', { kind: 'badge', id: String(5000 + i) });
	fake.giveItem('100', { kind: 'gamepass', id: '77' });
	fake.giveItem('100', { kind: 'asset', id: '1028595', assetType: 'CLASSIC_TSHIRT' });
	fake.addUser({ id: '200', name: 'Hidden', inventoryPublic: false });
	fake.giveItem('200', { kind: 'badge', id: '1' });
});
afterAll(() => fake.close());
beforeEach(() => {
	client = clientFor(fake);
	fake.resetRequests();
	fake.clearFaults();
	fake.setEmptyLastPage(false);
});
afterEach(() => client.close());

async function allPages(
	filter: Parameters<RobloxClient['listInventory']>[1],
	pageSize: number,
): Promise<{ items: InventoryItem[]; pages: number }> {
	const items: InventoryItem[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await client.listInventory('100', filter, {
			pageSize,
			priority: 'interactive',
			...(token ? { pageToken: token } : {}),
		});
		pages++;
		items.push(...page.items);
		token = page.nextPageToken ?? undefined;
	} while (token);
	return { items, pages };
}

describe('listInventory', () => {
	it('follows tokens across pages with identical other params', async () => {
		const { items, pages } = await allPages({ type: 'types', badges: true }, 10);
		expect(pages).toBe(3);
		expect(items.map((i) => i.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(5000 + i)));
		const recs = inventoryRecords(fake);
		expect(recs.map((r) => r.query.filter)).toEqual(['badges=true', 'badges=true', 'badges=true']);
		expect(recs.map((r) => r.query.maxPageSize)).toEqual(['10', '10', '10']);
		expect(recs[0]!.query.pageToken).toBeUndefined();
		expect(recs[1]!.query.pageToken).toBeTruthy();
	});

	it('flattens items and normalises ids to strings; game passes have no addTime', async () => {
		const page = await client.listInventory(
			'100',
			{ type: 'ids', gamePassIds: ['77'], assetIds: ['1028595'] },
			{ priority: 'interactive' },
		);
		expect(page.nextPageToken).toBeNull();
		const asset = page.items.find((i) => i.kind === 'asset');
		expect(asset).toMatchObject({ kind: 'asset', id: '1028595', assetType: 'CLASSIC_TSHIRT' });
		expect(typeof asset?.addTime).toBe('string');
		const pass = page.items.find((i) => i.kind === 'gamepass');
		expect(pass).toEqual({ kind: 'gamepass', id: '77' });
	});

	it('stops on the empty-last-page quirk', async () => {
		fake.setEmptyLastPage(true);
		const { items, pages } = await allPages({ type: 'types', badges: true }, 5);
		expect(items).toHaveLength(25);
		// 5 full pages, the last one still carrying a token, then one empty page.
		expect(pages).toBe(6);
		expect(inventoryRecords(fake).length).toBe(6);
	});

	it('treats a missing inventoryItems array as an empty last page', async () => {
		fake.injectFault({ path: /inventory-items/, status: 200, body: '{"nextPageToken":"abc"}' });
		const page = await client.listInventory('100', { type: 'types', badges: true }, { priority: 'interactive' });
		expect(page).toEqual({ items: [], nextPageToken: null });
	});

	it('parseInventoryPage: empty array or empty/missing token ends the listing', () => {
		expect(parseInventoryPage({ inventoryItems: [], nextPageToken: 'more' }).nextPageToken).toBeNull();
		expect(parseInventoryPage({ inventoryItems: [{ badgeDetails: { badgeId: 1 } }] }).nextPageToken).toBeNull();
		expect(parseInventoryPage({ inventoryItems: [{ badgeDetails: { badgeId: 1 } }], nextPageToken: '' })).toEqual({
			items: [{ kind: 'badge', id: '1' }],
			nextPageToken: null,
		});
		expect(() => parseInventoryPage({ inventoryItems: {} })).toThrow();
		expect(() => parseInventoryPage([])).toThrow();
	});

	it('a page token reused with a different filter is rejected as invalid-argument', async () => {
		const first = await client.listInventory(
			'100',
			{ type: 'types', badges: true },
			{ pageSize: 10, priority: 'interactive' },
		);
		const err = await rejectionOf(
			client.listInventory(
				'100',
				{ type: 'types', gamePasses: true },
				{ pageSize: 10, pageToken: first.nextPageToken!, priority: 'interactive' },
			),
		);
		expect(err.code).toBe('invalid-argument');
		expect(err.status).toBe(400);
	});

	it('private inventory → private-inventory', async () => {
		const err = await rejectionOf(
			client.listInventory('200', { type: 'types', badges: true }, { priority: 'interactive' }),
		);
		expect(err.code).toBe('private-inventory');
		expect(err.status).toBe(403);
	});

	it('unknown user → user-not-found', async () => {
		const err = await rejectionOf(
			client.listInventory('999999', { type: 'types', badges: true }, { priority: 'interactive' }),
		);
		expect(err.code).toBe('user-not-found');
	});

	it('bad key → bad-api-key, and the key never appears in the error', async () => {
		const bad = createRobloxClient({
			apiKey: 'wrong-key-abcdef',
			openCloudUrl: fake.url,
			usersUrl: fake.url,
			badgesUrl: fake.url,
			thumbnailsUrl: fake.url,
		});
		try {
			const err = await rejectionOf(
				bad.listInventory('100', { type: 'types', badges: true }, { priority: 'interactive' }),
			);
			expect(err.code).toBe('bad-api-key');
			expect(err.status).toBe(401);
			expect(`${err.message} ${err.stack}`).not.toContain('wrong-key-abcdef');
			expect(bad.stats().retries).toBe(0);
		} finally {
			await bad.close();
		}
	});

	it('malformed JSON is retried, then reported as unavailable', async () => {
		fake.injectFault({ path: /inventory-items/, malformed: true, times: 10 });
		const err = await rejectionOf(
			client.listInventory('100', { type: 'types', badges: true }, { priority: 'interactive' }),
		);
		expect(err.code).toBe('unavailable');
		expect(fake.inventoryRequests()).toBe(3);
	});
});

describe('fake inventory contract', () => {
	const get = async (query: string, key = fake.apiKey) => {
		const res = await fetch(`${fake.url}/cloud/v2/users/100/inventory-items?${query}`, {
			headers: { 'x-api-key': key },
		});
		return { status: res.status, body: (await res.json()) as any, headers: res.headers };
	};

	it('defaults maxPageSize to 10, clamps to 100, rejects 0/negative/non-numeric', async () => {
		expect((await get('filter=badges%3Dtrue')).body.inventoryItems).toHaveLength(10);
		expect((await get('filter=badges%3Dtrue&maxPageSize=500')).body.inventoryItems).toHaveLength(25);
		for (const bad of ['0', '-1', 'ten']) expect((await get(`maxPageSize=${bad}`)).status).toBe(400);
	});

	it('rejects mixed or malformed filters with INVALID_ARGUMENT, and unknown keys with the gateway shape', async () => {
		const mixed = await get(`filter=${encodeURIComponent('assetIds=1;badges=true')}`);
		expect(mixed.status).toBe(400);
		expect(mixed.body.code).toBe('INVALID_ARGUMENT');
		expect((await get('filter=inventoryItemAssetTypes%3DNOT_A_TYPE')).status).toBe(400);
		const unauth = await get('', 'nope');
		expect(unauth.status).toBe(401);
		expect(unauth.body).toEqual({ errors: [{ code: 0, message: 'Invalid API Key' }] });
	});

	it('sends x-ratelimit headers on inventory responses', async () => {
		const res = await get('filter=badges%3Dtrue');
		expect(res.headers.get('x-ratelimit-limit')).toMatch(/^10000, 10000;w=60$/);
		expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
		expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
	});
});

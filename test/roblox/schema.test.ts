/**
 * The fake must speak Roblox's documented shapes, or green tests prove nothing. Every 200 body the bot
 * relies on is validated against the official schemas in test/fixtures/roblox (copies of Roblox's files).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { responseSchema, validate, type OpenApiDoc } from '../helpers/roblox-openapi.js';

const load = (f: string) =>
	JSON.parse(readFileSync(new URL(`../fixtures/roblox/${f}`, import.meta.url), 'utf8')) as OpenApiDoc;
const bot = load('subset.bot-endpoints.openapi.json');
const thumbs = load('subset.legacy-thumbnails.0894bf79.openapi.json');

let fake: FakeRoblox;

beforeAll(async () => {
	fake = await startFakeRoblox({ apiKeyOwnerId: '156' });
	fake.addUser({ id: '156', name: 'builderman', previousNames: ['OldBuilder'], about: 'hi' });
	fake.giveItem('156', { kind: 'asset', id: '1028595', assetType: 'CLASSIC_TSHIRT' });
	fake.giveItem('156', { kind: 'asset', id: '555', assetType: 'HAT', collectible: { serialNumber: 160 } });
	fake.giveItem('156', { kind: 'badge', id: '22' });
	fake.giveItem('156', { kind: 'gamepass', id: '33' });
	fake.giveItem('156', { kind: 'private-server', id: '44' });
	fake.addBadge({ id: '2124', name: 'Welcome' });
});
afterAll(() => fake.close());

async function call(path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}): Promise<unknown> {
	const headers: Record<string, string> = {};
	if (init.auth !== false) headers['x-api-key'] = fake.apiKey;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(fake.url + path, {
		method: init.method ?? 'GET',
		headers,
		...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
	});
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	return res.json();
}

const check = (doc: OpenApiDoc, path: string, method: string, body: unknown) =>
	expect(validate(doc, responseSchema(doc, path, method), body)).toEqual([]);

describe('fake responses match the official schemas', () => {
	it('the checker itself catches violations', () => {
		const schema = responseSchema(bot, '/cloud/v2/users/{user_id}/inventory-items', 'get');
		expect(validate(bot, schema, { inventoryItems: [{ badgeDetails: { badgeId: 1 } }] })).not.toEqual([]);
		expect(
			validate(bot, schema, {
				inventoryItems: [{ badgeDetails: { badgeId: '1' }, gamePassDetails: { gamePassId: '2' } }],
			}),
		).not.toEqual([]);
		const legacy = responseSchema(bot, '/v1/users/{userId}', 'get');
		expect(validate(bot, legacy, { id: '1' })).not.toEqual([]);
		expect(validate(bot, legacy, { id: 1, surprise: true })).not.toEqual([]);
	});

	it('inventory (every kind, collectible included, and the last page)', async () => {
		const body = (await call('/cloud/v2/users/156/inventory-items?maxPageSize=100')) as {
			inventoryItems: unknown[];
			nextPageToken: string;
		};
		expect(body.inventoryItems).toHaveLength(5);
		expect(body.nextPageToken).toBe('');
		check(bot, '/cloud/v2/users/{user_id}/inventory-items', 'get', body);
		const paged = await call('/cloud/v2/users/156/inventory-items?maxPageSize=2');
		check(bot, '/cloud/v2/users/{user_id}/inventory-items', 'get', paged);
	});

	it('user', async () => {
		check(bot, '/cloud/v2/users/{user_id}', 'get', await call('/cloud/v2/users/156'));
	});

	it('generateThumbnail operation (pending and done) and the operation poll', async () => {
		fake.thumbnailPendingPolls = 1;
		const pending = (await call('/cloud/v2/users/156:generateThumbnail?size=150&format=PNG')) as {
			done: boolean;
			path: string;
		};
		expect(pending.done).toBe(false);
		check(bot, '/cloud/v2/users/{user_id}:generateThumbnail', 'get', pending);
		const done = (await call(`/cloud/v2/${pending.path}`)) as { done: boolean };
		expect(done.done).toBe(true);
		check(bot, '/cloud/v2/users/{user_id}/operations/{operation_id}', 'get', done);
		fake.thumbnailPendingPolls = 0;
		check(
			bot,
			'/cloud/v2/users/{user_id}:generateThumbnail',
			'get',
			await call('/cloud/v2/users/156:generateThumbnail'),
		);
	});

	it('legacy usernames lookup and legacy user', async () => {
		const names = await call('/v1/usernames/users', {
			method: 'POST',
			auth: false,
			body: { usernames: ['oldbuilder'], excludeBannedUsers: false },
		});
		expect((names as { data: unknown[] }).data).toHaveLength(1);
		check(bot, '/v1/usernames/users', 'post', names);
		check(
			bot,
			'/v1/users',
			'post',
			await call('/v1/users', { method: 'POST', auth: false, body: { userIds: [156], excludeBannedUsers: false } }),
		);
		check(bot, '/v1/users/{userId}', 'get', await call('/v1/users/156', { auth: false }));
	});

	it('badge', async () => {
		check(bot, '/v1/badges/{badgeId}', 'get', await call('/v1/badges/2124', { auth: false }));
	});

	it('legacy thumbnails', async () => {
		check(
			thumbs,
			'/v1/users/avatar-headshot',
			'get',
			await call('/v1/users/avatar-headshot?userIds=156,999&size=150x150&format=Png&isCircular=false', { auth: false }),
		);
		check(
			thumbs,
			'/v1/badges/icons',
			'get',
			await call('/v1/badges/icons?badgeIds=2124&size=150x150&format=Png', { auth: false }),
		);
		check(
			thumbs,
			'/v1/game-passes',
			'get',
			await call('/v1/game-passes?gamePassIds=33&size=150x150&format=Png', { auth: false }),
		);
	});
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRobloxClient, type RobloxClient } from '../../src/roblox/index.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { clientFor, rejectionOf } from './helpers.js';

let fake: FakeRoblox;
let client: RobloxClient;
let clock = 5_000_000;

beforeAll(async () => {
	fake = await startFakeRoblox({ apiKeyOwnerId: '156' });
	fake.addUser({
		id: '156',
		name: 'builderman',
		displayName: 'Builder',
		about: 'hello',
		previousNames: ['OldBuilder'],
		created: '2006-03-08T00:00:00Z',
	});
	fake.addUser({ id: '261', name: 'Shedletsky' });
	fake.addUser({ id: '666', name: 'Banned', isBanned: true });
	fake.addBadge({ id: '2124', name: 'Welcome', description: 'Joined', universeId: '9001', universeName: 'Place' });
	fake.addBadge({ id: '2125', name: 'Veteran' });
});
afterAll(() => fake.close());
beforeEach(() => {
	clock = 5_000_000;
	client = clientFor(fake, { now: () => clock });
	fake.resetRequests();
	fake.clearFaults();
	fake.thumbnailPendingPolls = 0;
});
afterEach(() => client.close());

const count = (re: RegExp) => fake.requests.filter((r) => re.test(r.path)).length;

describe('users', () => {
	it('getUser reads Open Cloud, caches for 5 minutes, and fresh bypasses the cache', async () => {
		expect(await client.getUser('156')).toEqual({
			id: '156',
			name: 'builderman',
			displayName: 'Builder',
			about: 'hello',
			createTime: '2006-03-08T00:00:00Z',
		});
		fake.setAbout('156', 'code: BLUE-FISH');
		expect((await client.getUser('156')).about).toBe('hello');
		expect((await client.getUser('156', { fresh: true })).about).toBe('code: BLUE-FISH');
		expect(count(/^\/cloud\/v2\/users\/156$/)).toBe(2);
		// the fresh read refreshed the cache too
		expect((await client.getUser('156')).about).toBe('code: BLUE-FISH');
		clock += 5 * 60_000 + 1;
		await client.getUser('156');
		expect(count(/^\/cloud\/v2\/users\/156$/)).toBe(3);
	});

	it('concurrent getUser calls share one request', async () => {
		await Promise.all([client.getUser('261'), client.getUser('261'), client.getUser('261')]);
		expect(count(/^\/cloud\/v2\/users\/261$/)).toBe(1);
	});

	it('getUser of an unknown user → user-not-found; malformed id → invalid-argument without a request', async () => {
		expect((await rejectionOf(client.getUser('424242'))).code).toBe('user-not-found');
		expect((await rejectionOf(client.getUser('12; DROP'))).code).toBe('invalid-argument');
		expect(count(/DROP/)).toBe(0);
	});

	it('getUserStatus uses the legacy users host: isBanned, numeric id normalised, null on 404', async () => {
		expect(await client.getUserStatus('666')).toEqual({
			id: '666',
			name: 'Banned',
			displayName: 'Banned',
			isBanned: true,
			created: '2020-01-01T00:00:00.000Z',
		});
		expect(await client.getUserStatus('424242')).toBeNull();
		// the legacy hosts never receive the API key
		expect(count(/^\/v1\/users\/666$/)).toBe(1);
		expect(fake.requests.filter((r) => r.path.startsWith('/v1/')).every((r) => !r.sentApiKey)).toBe(true);
		expect(fake.requests.filter((r) => r.path.startsWith('/cloud/')).every((r) => r.sentApiKey)).toBe(true);
	});

	it('resolves usernames case-insensitively, including previous names; absent names are absent; banned included', async () => {
		const map = await client.resolveUsernames(['BuilderMan', 'oldbuilder', 'nobody-here', 'banned', 'builderman']);
		expect([...map.keys()].sort()).toEqual(['banned', 'builderman', 'oldbuilder']);
		expect(map.get('oldbuilder')).toEqual({
			id: '156',
			name: 'builderman',
			displayName: 'Builder',
			requestedUsername: 'oldbuilder',
		});
		expect(map.get('banned')?.id).toBe('666');
		expect(await client.resolveUsername('OLDBUILDER')).toMatchObject({ id: '156' });
		expect(await client.resolveUsername('ghost')).toBeNull();
		const posts = fake.requests.filter((r) => r.path === '/v1/usernames/users');
		expect(posts).toHaveLength(3);
	});

	it('batches big username lists', async () => {
		const names = Array.from({ length: 250 }, (_, i) => `someone${i}`).concat(['Shedletsky']);
		const map = await client.resolveUsernames(names);
		expect(map.get('shedletsky')?.id).toBe('261');
		expect(fake.requests.filter((r) => r.path === '/v1/usernames/users')).toHaveLength(3);
	});
});

describe('thumbnails', () => {
	it('polls the operation with backoff while done=false, then caches the URL', async () => {
		fake.thumbnailPendingPolls = 3;
		const url = await client.getAvatarHeadshotUrl('156');
		expect(url).toMatch(/^https:\/\/tr\.rbxcdn\.com\/.*\/150\/150\/AvatarHeadshot\/Png/);
		expect(count(/:generateThumbnail$/)).toBe(1);
		expect(count(/\/operations\//)).toBe(3);
		const gen = fake.requests.find((r) => r.path.endsWith(':generateThumbnail'));
		expect(gen?.query).toMatchObject({ size: '150', format: 'PNG' });
		expect(await client.getAvatarHeadshotUrl('156')).toBe(url);
		expect(count(/:generateThumbnail$|\/operations\//)).toBe(4);
	});

	it('falls back to the legacy thumbnails host when the operation never finishes', async () => {
		fake.thumbnailPendingPolls = 100;
		const url = await client.getAvatarHeadshotUrl('261');
		expect(url).toMatch(/AvatarHeadshot/);
		expect(count(/\/operations\//)).toBe(5);
		expect(count(/^\/v1\/users\/avatar-headshot$/)).toBe(1);
	});

	it('returns null (never throws) when there is no thumbnail', async () => {
		expect(await client.getAvatarHeadshotUrl('424242')).toBeNull();
		fake.injectFault({ status: 503, times: 100 });
		expect(await client.getAvatarHeadshotUrl('156')).toBeNull();
		expect(await client.getAvatarHeadshotUrl('not-an-id')).toBeNull();
	});
});

describe('badges', () => {
	it('getBadge maps the legacy badge, null on 404, cached', async () => {
		expect(await client.getBadge('2124')).toEqual({
			id: '2124',
			name: 'Welcome',
			description: 'Joined',
			enabled: true,
			universeId: '9001',
			universeName: 'Place',
		});
		expect(await client.getBadge('999')).toBeNull();
		await client.getBadge('2124');
		expect(count(/^\/v1\/badges\/2124$/)).toBe(1);
	});

	it('getBadgeNames is best effort', async () => {
		fake.injectFault({ path: /\/v1\/badges\/2125$/, status: 500, times: 100 });
		const names = await client.getBadgeNames(['2124', '2125', '999', '2124']);
		expect([...names]).toEqual([['2124', 'Welcome']]);
		fake.clearFaults();
		const again = await client.getBadgeNames(['2124', '2125']);
		expect(again.get('2125')).toBe('Veteran');
	});
});

describe('api key', () => {
	it('introspects the key', async () => {
		const info = await client.introspectApiKey();
		expect(info).toMatchObject({ enabled: true, expired: false, authorizedUserId: '156' });
		expect(info.scopes).toContainEqual({ name: 'user.inventory-item', operations: ['read'] });
	});

	it('an unknown key → bad-api-key, and neither errors nor logs contain the key', async () => {
		const logs: { level: string; obj: object; msg?: string }[] = [];
		const logger = {
			debug: (obj: object, msg?: string) => logs.push({ level: 'debug', obj, ...(msg ? { msg } : {}) }),
			warn: (obj: object, msg?: string) => logs.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
		};
		const secret = 'super-secret-key-xyz';
		const bad = createRobloxClient({
			apiKey: secret,
			openCloudUrl: fake.url,
			usersUrl: fake.url,
			badgesUrl: fake.url,
			thumbnailsUrl: fake.url,
			logger,
		});
		try {
			const errs = await Promise.all([
				rejectionOf(bad.introspectApiKey()),
				rejectionOf(bad.getUser('156')),
				rejectionOf(bad.checkOwnership('156', [{ kind: 'badge', id: '1' }], { priority: 'interactive' })),
			]);
			for (const e of errs) {
				expect(e.code).toBe('bad-api-key');
				expect(`${e.message}\n${e.stack}`).not.toContain(secret);
			}
			expect(logs.length).toBeGreaterThan(0);
			expect(JSON.stringify(logs)).not.toContain(secret);
			const req = logs.find((l) => l.msg === 'roblox request');
			expect(req?.obj).toMatchObject({ host: new URL(fake.url).host, path: '/api-keys/v1/introspect', status: 401 });
			expect(typeof (req?.obj as { ms?: unknown }).ms).toBe('number');
		} finally {
			await bad.close();
		}
	});
});

describe('lifecycle', () => {
	it('close() rejects queued work promptly instead of hanging', async () => {
		const slow = clientFor(fake, { inventoryRate: { limit: 1, windowMs: 60_000 } });
		await slow.listInventory('156', { type: 'types', badges: true }, { priority: 'interactive' });
		const queued = rejectionOf(slow.listInventory('156', { type: 'types', badges: true }, { priority: 'interactive' }));
		await slow.close();
		expect((await queued).code).toBe('unavailable');
	});

	it('stats count requests, inventory requests, 429s and retries', async () => {
		fake.injectFault({ path: /inventory-items/, status: 429, retryAfterSeconds: 0 });
		await client.listInventory('156', { type: 'types', badges: true }, { priority: 'interactive' });
		await client.getUser('261');
		expect(client.stats()).toEqual({ requests: 3, inventoryRequests: 2, groupRequests: 0, rateLimited: 1, retries: 1 });
	});
});

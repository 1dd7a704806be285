/**
 * Groups over Open Cloud v2: the fake follows the official schemas (pagination, the 50-user filter limit, unknown
 * groups, rate limits), and the client reads complete answers only, 50 users a request when batching.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RobloxClient } from '../../src/roblox/client.js';
import { startFakeRoblox, type FakeRoblox } from '../fakes/roblox/server.js';
import { clientFor } from './helpers.js';
import { responseSchema, validate, type OpenApiDoc } from '../helpers/roblox-openapi.js';

const doc = JSON.parse(
	readFileSync(new URL('../fixtures/roblox/subset.bot-endpoints.openapi.json', import.meta.url), 'utf8'),
) as OpenApiDoc;
const GROUP = '7001';
const ROLES = Array.from({ length: 25 }, (_, i) => ({ id: String(80_000 + i), name: `Rank ${i + 1}`, rank: i + 1 }));

let fake: FakeRoblox;
let client: RobloxClient;

beforeEach(async () => {
	fake = await startFakeRoblox();
	fake.addGroup({ id: GROUP, name: 'Cat Clan', roles: ROLES });
	fake.addGroup({
		id: '7002',
		name: 'Dog Pack',
		roles: [{ id: '90001', name: 'Pup', rank: 1 }],
		memberCount: 5_000_000,
	});
	for (let u = 0; u < 120; u++) fake.setGroupRole(GROUP, String(1000 + u), ROLES[u % ROLES.length]!.id);
	fake.setGroupRole('7002', '1000', '90001');
	client = clientFor(fake);
});
afterEach(async () => {
	await client.close();
	await fake.close();
});

const get = async (path: string) => {
	const res = await fetch(fake.url + path, { headers: { 'x-api-key': fake.apiKey } });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const groupRecords = () => fake.requests.filter((r) => r.path.startsWith('/cloud/v2/groups/'));

describe('fake Roblox groups', () => {
	it('answers in the official shapes, with pagination', async () => {
		const group = await get(`/cloud/v2/groups/${GROUP}`);
		expect(validate(doc, responseSchema(doc, '/cloud/v2/groups/{group_id}', 'get'), group.body)).toEqual([]);
		expect(group.body.memberCount).toBe(120);
		const roles = await get(`/cloud/v2/groups/${GROUP}/roles?maxPageSize=50`);
		expect(validate(doc, responseSchema(doc, '/cloud/v2/groups/{group_id}/roles', 'get'), roles.body)).toEqual([]);
		expect((roles.body.groupRoles as unknown[]).length).toBe(20);
		expect(roles.body.nextPageToken).not.toBe('');
		const page = await get(`/cloud/v2/groups/${GROUP}/memberships?maxPageSize=100`);
		expect(validate(doc, responseSchema(doc, '/cloud/v2/groups/{group_id}/memberships', 'get'), page.body)).toEqual([]);
		expect((page.body.groupMemberships as unknown[]).length).toBe(100);
		const rest = await get(
			`/cloud/v2/groups/${GROUP}/memberships?maxPageSize=100&pageToken=${String(page.body.nextPageToken)}`,
		);
		expect((rest.body.groupMemberships as unknown[]).length).toBe(20);
		expect(rest.body.nextPageToken).toBe('');
	});

	it('refuses more than 50 users, unknown groups, and answers 429 past its budget', async () => {
		const users = (n: number) => Array.from({ length: n }, (_, i) => `'users/${1000 + i}'`).join(', ');
		expect(
			(await get(`/cloud/v2/groups/-/memberships?filter=${encodeURIComponent(`user in [${users(51)}]`)}`)).status,
		).toBe(400);
		expect(
			(await get(`/cloud/v2/groups/-/memberships?filter=${encodeURIComponent(`user in [${users(50)}]`)}`)).status,
		).toBe(200);
		expect((await get('/cloud/v2/groups/-/memberships')).status).toBe(400);
		expect((await get('/cloud/v2/groups/999')).status).toBe(404);
		fake.setGroupRateLimit({ memberships: 2, info: 1, windowMs: 60_000 });
		await get(`/cloud/v2/groups/${GROUP}/roles`);
		await get(`/cloud/v2/groups/${GROUP}/roles`);
		expect((await get(`/cloud/v2/groups/${GROUP}/roles`)).status).toBe(429);
		await get(`/cloud/v2/groups/${GROUP}`);
		expect((await get(`/cloud/v2/groups/${GROUP}`)).status).toBe(429);
	});
});

describe('Roblox client groups', () => {
	it('checks every asked group in one memberships request, ranks from the cached roles', async () => {
		const answer = await client.checkGroups('1000', [GROUP, '7002', '7003'], { priority: 'interactive' });
		expect(answer.groups.get(GROUP)).toMatchObject({ roleId: '80000', roleName: 'Rank 1', rank: 1 });
		expect(answer.groups.get('7002')).toMatchObject({ rank: 1 });
		expect(answer.groups.has('7003')).toBe(false);
		const memberships = groupRecords().filter((r) => r.path.endsWith('/memberships'));
		expect(memberships).toHaveLength(1);
		expect(memberships[0]!.query.filter).toBe("user in ['users/1000']");
		const before = groupRecords().length;
		await client.checkGroups('1001', [GROUP], { priority: 'interactive' });
		// Roles are cached: one more memberships request and nothing else.
		expect(groupRecords().length - before).toBe(1);
	});

	it('batches 50 users a request, and checks that follow cost nothing', async () => {
		const users = Array.from({ length: 120 }, (_, i) => String(1000 + i));
		await client.prefetchGroupMemberships(users, { priority: 'background' });
		const batches = groupRecords().filter((r) => r.path === '/cloud/v2/groups/-/memberships');
		expect(batches).toHaveLength(3);
		const before = groupRecords().filter((r) => r.path.endsWith('/memberships')).length;
		for (const u of users) {
			const answer = await client.checkGroups(u, [GROUP], { priority: 'background' });
			expect(answer.groups.get(GROUP)?.rank).toBe(((Number(u) - 1000) % 25) + 1);
		}
		expect(groupRecords().filter((r) => r.path.endsWith('/memberships')).length).toBe(before);
	});

	it('never answers from a half-read page: a failure mid-pagination throws', async () => {
		for (let g = 0; g < 3; g++) {
			fake.addGroup({
				id: String(7100 + g),
				name: `G${g}`,
				roles: [{ id: String(7100 + g) + '1', name: 'M', rank: 1 }],
			});
		}
		// 150 memberships for one user (more than one page of 100).
		for (let g = 0; g < 150; g++) {
			const id = String(8000 + g);
			fake.addGroup({ id, name: id, roles: [{ id: `${id}1`, name: 'M', rank: 1 }] });
			fake.setGroupRole(id, '1000', `${id}1`);
		}
		fake.injectFault({ path: /pageToken=/, status: 500, times: 100 });
		await expect(client.checkGroups('1000', [GROUP], { priority: 'interactive' })).rejects.toMatchObject({
			code: 'unavailable',
		});
	});

	it('reads the group size and says null for an unknown group', async () => {
		expect(await client.getGroup('7002')).toMatchObject({ name: 'Dog Pack', memberCount: 5_000_000 });
		expect(await client.getGroup('999')).toBeNull();
		expect(await client.getGroupRoles('999')).toBeNull();
		expect((await client.getGroupRoles(GROUP))!.map((r) => r.rank)).toEqual([0, ...ROLES.map((r) => r.rank)]);
	});
});

describe('Roblox client read-ahead: rosters or batches, by measured cost', () => {
	// 150 users: the 120 members of GROUP (1000–1119) and 30 who are in no group.
	const users = Array.from({ length: 150 }, (_, i) => String(1000 + i));
	const memberships = () => groupRecords().filter((r) => r.path.endsWith('/memberships'));
	const checkAll = async () => {
		for (const u of users) {
			const answer = await client.checkGroups(u, [GROUP], { priority: 'background' });
			const i = Number(u) - 1000;
			expect(answer.groups.get(GROUP)?.rank).toBe(i < 120 ? (i % 25) + 1 : undefined);
		}
	};

	it('reads the roster when it costs fewer requests (2 pages against 3 batches), and checks then cost nothing', async () => {
		expect(await client.prefetchGroupMemberships(users, { priority: 'background', groups: [GROUP] })).toBe('rosters');
		expect(groupRecords().map((r) => r.path)).toEqual([
			`/cloud/v2/groups/${GROUP}`,
			`/cloud/v2/groups/${GROUP}/memberships`,
			`/cloud/v2/groups/${GROUP}/memberships`,
		]);
		expect(memberships().every((r) => r.query.filter === undefined && r.query.maxPageSize === '100')).toBe(true);
		await checkAll();
		expect(memberships()).toHaveLength(2);
		// The next chunk of the run is served by the same roster: no request at all.
		fake.resetRequests();
		expect(await client.prefetchGroupMemberships(['1005'], { priority: 'background', groups: [GROUP] })).toBeNull();
		expect(await client.prefetchGroupMemberships(['2000', '2001'], { priority: 'background', groups: [GROUP] })).toBe(
			'rosters',
		);
		expect(groupRecords()).toHaveLength(0);
	});

	it('batches when a bound group is too big to read whole (5 million members)', async () => {
		expect(await client.prefetchGroupMemberships(users, { priority: 'background', groups: [GROUP, '7002'] })).toBe(
			'batches',
		);
		expect(memberships().map((r) => r.path)).toEqual(Array(3).fill('/cloud/v2/groups/-/memberships'));
		await checkAll();
		expect(memberships()).toHaveLength(3);
	});

	it('weighs the run ahead, not just the chunk: 50 users of a 2,000-member run read the roster', async () => {
		const chunk = users.slice(0, 50);
		expect(await client.prefetchGroupMemberships(chunk, { priority: 'background', groups: [GROUP] })).toBe('batches');
		const other = clientFor(fake);
		try {
			expect(
				await other.prefetchGroupMemberships(chunk, { priority: 'background', groups: [GROUP], expected: 2_000 }),
			).toBe('rosters');
		} finally {
			await other.close();
		}
	});

	it('a slow run is weighed by what one roster lifetime really served, not by all it has left', async () => {
		let t = 1_000_000;
		const slow = clientFor(fake, { now: () => t });
		try {
			const chunk = (k: number) => users.slice(k * 10, k * 10 + 10);
			const ahead = (k: number) =>
				slow.prefetchGroupMemberships(chunk(k), { priority: 'background', groups: [GROUP], expected: 2_000 });
			// Nothing measured yet: the 2,000 left are all it knows, so the roster (2 pages < 40 batches).
			expect(await ahead(0)).toBe('rosters');
			// Then 10 members every 2 minutes: the roster expires having served 30, so batches (1 request < 2 pages).
			for (let k = 1; k <= 3; k++) {
				t += 2 * 60_000;
				expect(await ahead(k)).toBe(k < 3 ? 'rosters' : 'batches');
			}
		} finally {
			await slow.close();
		}
	});

	it('a half-read roster is not believed: it falls back to batches, and nobody is "not in the group" from it', async () => {
		fake.injectFault({ path: new RegExp(`groups/${GROUP}/memberships\\?.*pageToken=`), status: 429, times: 100 });
		expect(await client.prefetchGroupMemberships(users, { priority: 'background', groups: [GROUP] })).toBe('batches');
		expect(memberships().filter((r) => r.path === '/cloud/v2/groups/-/memberships')).toHaveLength(3);
		fake.clearFaults();
		await checkAll();
	});

	it('when rosters and batches both fail, each check asks on its own (and fails rather than says "not in")', async () => {
		fake.injectFault({ path: /memberships\?.*pageToken=|groups\/-\/memberships/, status: 500, times: 1_000 });
		await client.prefetchGroupMemberships(users, { priority: 'background', groups: [GROUP] });
		await expect(client.checkGroups('1110', [GROUP], { priority: 'background' })).rejects.toMatchObject({
			code: 'unavailable',
		});
		fake.clearFaults();
		expect((await client.checkGroups('1110', [GROUP], { priority: 'background' })).groups.get(GROUP)?.rank).toBe(11);
	});

	it('an answer from a roster is as old as the roster: it expires with it, then the member is read anew', async () => {
		let t = 1_000_000;
		const timed = clientFor(fake, { now: () => t });
		try {
			const ahead = (ids: string[]) =>
				timed.prefetchGroupMemberships(ids, { priority: 'background', groups: [GROUP], expected: 2_000 });
			expect(await ahead(users.slice(0, 10))).toBe('rosters');
			t += 4 * 60_000;
			expect(await ahead(['1100'])).toBe('rosters');
			const before = memberships().length;
			t += 90_000; // 5.5 minutes after the roster was read
			expect((await timed.checkGroups('1100', [GROUP], { priority: 'background' })).groups.get(GROUP)?.rank).toBe(1);
			expect(memberships().length - before).toBe(1);
			expect(memberships().at(-1)!.query.filter).toBe("user in ['users/1100']");
		} finally {
			await timed.close();
		}
	});

	it('an answer read from rosters covers only their groups: a check asking another group reads anew', async () => {
		await client.prefetchGroupMemberships(users, { priority: 'background', groups: [GROUP] });
		const before = memberships().length;
		const answer = await client.checkGroups('1000', [GROUP, '7002'], { priority: 'background' });
		expect(answer.groups.get('7002')?.rank).toBe(1);
		expect(memberships().length - before).toBe(1);
	});
});

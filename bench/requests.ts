import { fetch } from 'undici';
import { createRobloxClient } from '../src/roblox/index.js';
import { evaluateMember } from '../src/roles/evaluate.js';
import type { Binding, BindingKind } from '../src/store/guilds.js';
import type { Link } from '../src/store/links.js';
import { startFakeRoblox, type FakeRoblox } from '../test/fakes/roblox/server.js';
import { atLeast, atMost, figure, type Figure } from './report.js';
import { benchMemberId, benchRobloxId, mapLimit, rng, round } from './util.js';

/**
 * Figure 1 — inventory requests per member.
 *
 * A guild with `bindings` role bindings spread over badges, game passes and assets; `members` linked members who
 * each own a random subset (plus unrelated items). Rolink checks each member through the real path
 * (evaluateMember → RobloxClient.checkOwnership with ownershipQuery(bindings)); the baseline is the naive checker
 * other bots use, one inventory request per binding. Both talk to the same fake Roblox; requests are counted there.
 */

export interface RequestsOptions {
	members: number;
	bindings: number;
	seed?: number;
	/** Members checked at once (both checkers). */
	concurrency?: number;
}

export interface RequestsResult {
	members: number;
	bindings: number;
	rolinkRequests: number;
	rolinkPerMember: number;
	/** Inventory pages the answers needed (ceil(matching items / 100) per filter, at least 1). */
	pagesPerMember: number;
	baselineRequests: number;
	baselinePerMember: number;
	ratio: number;
	/** Members whose Rolink answer equals what the fake says they own. */
	correct: number;
	/** Members whose baseline answer equals it. */
	baselineCorrect: number;
	figures: Figure[];
}

type ItemKind = Exclude<BindingKind, 'collectible' | 'private-server' | 'group'>;
const FILTER_FIELD: Record<ItemKind, string> = { badge: 'badgeIds', gamepass: 'gamePassIds', asset: 'assetIds' };
/** The same page size Rolink asks for (Roblox's maximum). */
const PAGE_SIZE = 100;

export function makeBindings(count: number): Binding[] {
	// Item bindings only: figure 1 measures the inventory budget.
	const kinds: ItemKind[] = ['badge', 'gamepass', 'asset'];
	return Array.from({ length: count }, (_, i) => {
		const kind = kinds[i % kinds.length]!;
		const base = kind === 'badge' ? 2_124_000_000 : kind === 'gamepass' ? 700_000_000 : 1_000_000_000;
		return {
			id: `b${i.toString(36).padStart(5, '0')}`,
			kind,
			itemId: String(base + i * 7919),
			roleId: String(950_000_000_000_000_000n + BigInt(i % 10)),
			addedBy: '100000000000000002',
			addedAt: '2024-01-01T00:00:00.000Z',
		};
	});
}

/** Gives each member a random subset of the bound items and a few unrelated ones; returns who owns what. */
export function seedOwnership(
	roblox: FakeRoblox,
	members: number,
	bindings: readonly Binding[],
	seed: number,
	firstIndex = 0,
): Map<string, Set<string>> {
	const random = rng(seed);
	const owned = new Map<string, Set<string>>();
	for (let m = firstIndex; m < firstIndex + members; m++) {
		const userId = benchRobloxId(m);
		roblox.addUser({ id: userId, name: `bench_player_${m}` });
		const mine = new Set<string>();
		const share = random();
		for (const b of bindings) {
			if (b.kind === 'collectible' || b.kind === 'group' || random() >= share) continue;
			roblox.giveItem(userId, { kind: b.kind, id: b.itemId });
			mine.add(`${b.kind}:${b.itemId}`);
		}
		// Unrelated items: they must never show up in an answer nor cost a page.
		for (let k = 0; k < 3; k++) roblox.giveItem(userId, { kind: 'asset', id: String(3_000_000_000 + m * 10 + k) });
		owned.set(userId, mine);
	}
	return owned;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** The naive checker: one filtered inventory request per binding (following pages, though one id never needs two). */
async function naiveCheck(roblox: FakeRoblox, userId: string, bindings: readonly Binding[]): Promise<Set<string>> {
	const owned = new Set<string>();
	for (const b of bindings) {
		if (b.kind === 'collectible' || b.kind === 'private-server' || b.kind === 'group') continue;
		let token = '';
		do {
			const q = new URLSearchParams({
				maxPageSize: String(PAGE_SIZE),
				filter: `${FILTER_FIELD[b.kind]}=${b.itemId}`,
			});
			if (token) q.set('pageToken', token);
			const res = await fetch(`${roblox.url}/cloud/v2/users/${userId}/inventory-items?${q.toString()}`, {
				headers: { 'x-api-key': roblox.apiKey },
			});
			if (res.status !== 200) throw new Error(`naive checker: HTTP ${res.status}`);
			const body = (await res.json()) as {
				inventoryItems?: Record<string, { assetId?: string; badgeId?: string; gamePassId?: string }>[];
				nextPageToken?: string;
			};
			if ((body.inventoryItems ?? []).length > 0) owned.add(`${b.kind}:${b.itemId}`);
			token = body.nextPageToken ?? '';
		} while (token);
	}
	return owned;
}

export async function measureRequests(options: RequestsOptions): Promise<RequestsResult> {
	const { members, bindings: bindingCount } = options;
	const concurrency = options.concurrency ?? 8;
	// No rate limit on the fake for this figure: it counts requests, it does not time them.
	const roblox = await startFakeRoblox({ rateLimit: { limit: 1_000_000, windowMs: 1_000 } });
	const client = createRobloxClient({
		apiKey: roblox.apiKey,
		openCloudUrl: roblox.url,
		usersUrl: roblox.url,
		badgesUrl: roblox.url,
		thumbnailsUrl: roblox.url,
		inventoryRate: { limit: 1_000_000, windowMs: 1_000 },
		retries: { max: 0 },
	});
	try {
		const bindings = makeBindings(bindingCount);
		const owned = seedOwnership(roblox, members, bindings, options.seed ?? 1);
		const indexes = Array.from({ length: members }, (_, i) => i);
		const links = new Map<string, Link>(
			indexes.map((i) => [
				benchMemberId(i),
				{
					discordId: benchMemberId(i),
					robloxId: benchRobloxId(i),
					linkedAt: '2024-01-01T00:00:00.000Z',
					method: 'import',
				},
			]),
		);
		const deps = { links: { getByDiscord: (id: string) => Promise.resolve(links.get(id) ?? null) }, roblox: client };

		roblox.resetRequests();
		let correct = 0;
		let pages = 0;
		await mapLimit(indexes, concurrency, async (i) => {
			const verdict = await evaluateMember(deps, benchMemberId(i), bindings, {
				priority: 'background',
				needNames: false,
				fresh: true,
			});
			if (verdict.status !== 'owned') throw new Error(`member ${i}: verdict ${verdict.status}`);
			const expected = owned.get(benchRobloxId(i))!;
			if (sameSet(new Set(verdict.ownership.owned), expected)) correct++;
			pages += Math.max(1, Math.ceil(expected.size / PAGE_SIZE));
		});
		const rolinkRequests = roblox.inventoryRequests();

		roblox.resetRequests();
		let baselineCorrect = 0;
		await mapLimit(indexes, concurrency, async (i) => {
			const answer = await naiveCheck(roblox, benchRobloxId(i), bindings);
			if (sameSet(answer, owned.get(benchRobloxId(i))!)) baselineCorrect++;
		});
		const baselineRequests = roblox.inventoryRequests();

		const rolinkPerMember = rolinkRequests / members;
		const pagesPerMember = pages / members;
		const baselinePerMember = baselineRequests / members;
		const ratio = baselinePerMember / rolinkPerMember;
		return {
			members,
			bindings: bindingCount,
			rolinkRequests,
			rolinkPerMember,
			pagesPerMember,
			baselineRequests,
			baselinePerMember,
			ratio,
			correct,
			baselineCorrect,
			figures: [
				figure({
					key: 'requests.rolinkPerMember',
					section: '1',
					label: `Inventory requests per member, Rolink (${bindingCount} bindings, ${members} members)`,
					value: round(rolinkPerMember, 3),
					unit: 'req',
					target: `≤ ${round(pagesPerMember, 2)} (1 per page)`,
					pass: atMost(rolinkPerMember, pagesPerMember),
				}),
				figure({
					key: 'requests.baselinePerMember',
					section: '1',
					label: 'Inventory requests per member, naive one-per-binding checker',
					value: round(baselinePerMember, 3),
					unit: 'req',
				}),
				figure({
					key: 'requests.ratio',
					section: '1',
					label: 'Baseline ÷ Rolink requests (budget saved)',
					value: round(ratio, 1),
					unit: '×',
					target: `≥ ${bindingCount}`,
					pass: atLeast(ratio, bindingCount),
				}),
				figure({
					key: 'requests.correct',
					section: '1',
					label: 'Members with a correct ownership answer (Rolink)',
					value: correct,
					unit: `/ ${members}`,
					target: `= ${members}`,
					pass: correct === members,
				}),
			],
		};
	} finally {
		await client.close().catch(() => undefined);
		await roblox.close().catch(() => undefined);
	}
}

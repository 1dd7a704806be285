import type { MemberAuth, RobloxContext } from './context.js';
import { RobloxError } from './errors.js';
import { formatFilter, type IdField, type IdFilter } from './filter.js';
import { assertId } from './ids.js';
import { fetchInventoryPage, inventoryPath, MAX_PAGE_SIZE } from './inventory.js';
import { itemKey, type ItemKey, type ItemKind, type ItemRef, type OwnershipAnswer, type Priority } from './types.js';

/**
 * "Which of these does the user own?" in as few inventory calls as possible, because inventory is the
 * scarce budget (100/min for the whole bot). All ID kinds go into ONE filter; it is split only when the
 * URL would get long enough for some proxy or the gateway to reject it.
 */

/** Safe URL length: the common ~2,000-character limit of proxies and gateways. */
export const MAX_URL_LENGTH = 2_000;
/** Room kept for `&pageToken=…` on follow-up pages (observed tokens are ~100–200 chars). */
export const PAGE_TOKEN_ALLOWANCE = 300;
/** Filter for "owns at least one collectible" (documented: onlyCollectibles needs an asset-type clause). */
export const COLLECTIBLES_FILTER = formatFilter({ type: 'types', onlyCollectibles: true, assetTypes: '*' });

const FIELD: Record<ItemKind, IdField> = {
	asset: 'assetIds',
	badge: 'badgeIds',
	gamepass: 'gamePassIds',
	'private-server': 'privateServerIds',
};
const KIND_ORDER: readonly ItemKind[] = ['asset', 'badge', 'gamepass', 'private-server'];
/** URLSearchParams encodes '=', ',' and ';' as three characters each. */
const ENCODED_SEP = 3;

/** Split the asked items into as few id filters as fit in a safe URL. Exported for tests. */
export function planOwnershipFilters(openCloudUrl: string, userId: string, items: readonly ItemRef[]): IdFilter[] {
	const base = (openCloudUrl.replace(/\/+$/, '') + inventoryPath(userId, '', MAX_PAGE_SIZE)).length;
	const budget = MAX_URL_LENGTH - PAGE_TOKEN_ALLOWANCE - base;
	const sorted = [...items].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
	const filters: IdFilter[] = [];
	let current: IdFilter = { type: 'ids' };
	let length = 0;
	// Encoded length this id adds: ",id" to an existing field, or ";field=id" for a new one.
	const cost = (field: IdField, id: string) =>
		current[field] ? ENCODED_SEP + id.length : (length > 0 ? ENCODED_SEP : 0) + field.length + ENCODED_SEP + id.length;
	for (const item of sorted) {
		const field = FIELD[item.kind];
		if (length > 0 && length + cost(field, item.id) > budget) {
			filters.push(current);
			current = { type: 'ids' };
			length = 0;
		}
		length += cost(field, item.id);
		const list = current[field];
		if (list) list.push(item.id);
		else current[field] = [item.id];
	}
	if (length > 0) filters.push(current);
	return filters;
}

export async function checkOwnershipNow(
	ctx: RobloxContext,
	userId: string,
	items: readonly ItemRef[],
	opts: { collectibles?: boolean; priority: Priority; member?: MemberAuth | undefined },
): Promise<OwnershipAnswer> {
	assertId(userId, 'userId');
	const asked = new Map<ItemKey, ItemRef>();
	for (const item of items) {
		assertId(item.id, `${item.kind} id`);
		if (!FIELD[item.kind]) throw new RobloxError('invalid-argument', `unknown item kind ${String(item.kind)}`);
		asked.set(itemKey(item), item);
	}
	const calls = { count: 0 };
	const owned = new Set<ItemKey>();

	// Private servers are asked in a request of their own: Roblox only lets a key read them for the key's own
	// creator (INVENTORY-API §4.2), so for everyone else that part answers 403. Mixed into the main filter, that
	// 403 would cost the answer for every other kind; on its own, only private-server bindings become unknown.
	const all = [...asked.values()];
	const main = all.filter((item) => item.kind !== 'private-server');
	const privateServers = all.filter((item) => item.kind === 'private-server');

	// Every page of every filter must succeed; Promise.all rejects on the first failure, so a partial set
	// of owned keys never escapes as an answer.
	let failed = false;
	const runFilter = async (filter: IdFilter) => {
		const filterText = formatFilter(filter);
		let token: string | undefined;
		do {
			// Once any part failed the answer is lost anyway; don't spend more inventory budget on it.
			if (failed) return;
			const page = await fetchInventoryPage(
				ctx,
				userId,
				filterText,
				MAX_PAGE_SIZE,
				opts.priority,
				token,
				calls,
				opts.member,
			);
			for (const it of page.items) {
				const key = itemKey(it);
				if (asked.has(key)) owned.add(key);
			}
			token = page.nextPageToken ?? undefined;
		} while (token);
	};
	const idJobs = planOwnershipFilters(ctx.urls.openCloud, userId, main).map(runFilter);
	const unknownKinds = new Set<ItemKind>();
	const privateServerJob = Promise.all(
		planOwnershipFilters(ctx.urls.openCloud, userId, privateServers).map(runFilter),
	).catch((e: unknown) => {
		if (e instanceof RobloxError && e.code === 'private-inventory') unknownKinds.add('private-server');
		else throw e;
	});
	// Any single collectible answers the question, so one item per page is enough.
	const collectibleJob = opts.collectibles
		? fetchInventoryPage(ctx, userId, COLLECTIBLES_FILTER, 1, opts.priority, undefined, calls, opts.member).then(
				(p) => p.items.length > 0,
			)
		: Promise.resolve(undefined);

	const [, ownsCollectible] = await Promise.all([Promise.all(idJobs), collectibleJob, privateServerJob]).catch(
		(e: unknown) => {
			failed = true;
			throw e;
		},
	);
	const answer: OwnershipAnswer = { userId, owned, requests: calls.count, checkedAt: ctx.now() };
	if (ownsCollectible !== undefined) answer.ownsCollectible = ownsCollectible;
	if (unknownKinds.size > 0) answer.unknownKinds = unknownKinds;
	return answer;
}

/** Cache/dedup key: same user, same set of items, same collectibles question. */
export function ownershipKey(userId: string, items: readonly ItemRef[], collectibles: boolean): string {
	const keys = [...new Set(items.map(itemKey))].sort();
	return `${userId}|${collectibles ? 'c' : '-'}|${keys.join(',')}`;
}

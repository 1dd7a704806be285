import { asObject, type MemberAuth, type RobloxContext } from './context.js';
import { RobloxError } from './errors.js';
import { formatFilter, type InventoryFilter } from './filter.js';
import { assertId, idFromWire } from './ids.js';
import type { CollectibleDetails, InventoryItem, InventoryPage, Priority } from './types.js';

/** Roblox's documented maximum page size; larger values are clamped server-side anyway. */
export const MAX_PAGE_SIZE = 100;

export function inventoryPath(
	userId: string,
	filter: string | undefined,
	pageSize: number,
	pageToken?: string,
): string {
	const q = new URLSearchParams();
	q.set('maxPageSize', String(pageSize));
	if (filter !== undefined) q.set('filter', filter);
	// The token is only valid with exactly the same other params, so it is appended last to an otherwise identical query.
	if (pageToken) q.set('pageToken', pageToken);
	return `/cloud/v2/users/${userId}/inventory-items?${q.toString()}`;
}

/** One page request. `calls` lets ownership checks report what they cost. */
export async function fetchInventoryPage(
	ctx: RobloxContext,
	userId: string,
	filter: string | undefined,
	pageSize: number,
	priority: Priority,
	pageToken?: string,
	calls?: { count: number },
	member?: MemberAuth,
): Promise<InventoryPage> {
	const json = await ctx.http.json({
		base: ctx.urls.openCloud,
		method: 'GET',
		path: inventoryPath(userId, filter, pageSize, pageToken),
		auth: true,
		...(member ? { bearer: member.accessToken } : {}),
		// A member's token spends that authorization's budget, never the API key's.
		limiter: member ? ctx.memberLimiter(member.key) : ctx.limiters.inventory,
		priority,
		inventory: true,
		notFound: 'user-not-found',
		...(calls ? { calls } : {}),
	});
	return parseInventoryPage(json);
}

export async function listInventory(
	ctx: RobloxContext,
	userId: string,
	filter: InventoryFilter,
	opts: { pageToken?: string; pageSize?: number; priority: Priority },
): Promise<InventoryPage> {
	assertId(userId, 'userId');
	const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? MAX_PAGE_SIZE)));
	return fetchInventoryPage(ctx, userId, formatFilter(filter), size, opts.priority, opts.pageToken);
}

/**
 * Validate and flatten one response page. End of results is an empty/missing token OR an empty array:
 * Roblox can hand out a token after an exactly-full last page and then answer `[]` (the empty-last-page
 * quirk), so an empty page never yields a token. A missing array is an empty page (proto3 omits empties).
 */
export function parseInventoryPage(json: unknown): InventoryPage {
	const body = asObject(json);
	if (!body) throw malformed('inventory page is not an object');
	const raw = body.inventoryItems ?? [];
	if (!Array.isArray(raw)) throw malformed('inventoryItems is not an array');
	const token = body.nextPageToken;
	if (token !== undefined && token !== null && typeof token !== 'string')
		throw malformed('nextPageToken is not a string');
	const items: InventoryItem[] = [];
	for (const entry of raw) {
		const item = parseItem(entry);
		if (item) items.push(item);
	}
	return { items, nextPageToken: raw.length > 0 && typeof token === 'string' && token !== '' ? token : null };
}

const malformed = (why: string): RobloxError =>
	new RobloxError('unavailable', `Roblox sent a malformed inventory page: ${why}`);

function optionalTime(o: Record<string, unknown>): { addTime?: string } {
	return typeof o.addTime === 'string' ? { addTime: o.addTime } : {};
}

/** Returns undefined for an item kind this client does not know yet (Roblox may add kinds). */
function parseItem(entry: unknown): InventoryItem | undefined {
	const o = asObject(entry);
	if (!o) throw malformed('item is not an object');
	const asset = asObject(o.assetDetails);
	if (asset) {
		const item: InventoryItem = {
			kind: 'asset',
			id: idFromWire(asset.assetId, 'assetId'),
			// Unknown enum values are kept as-is: Roblox adds asset types over time.
			assetType:
				typeof asset.inventoryItemAssetType === 'string'
					? asset.inventoryItemAssetType
					: 'INVENTORY_ITEM_ASSET_TYPE_UNSPECIFIED',
			instanceId: textFromWire(asset.instanceId),
			...optionalTime(o),
		};
		const c = asObject(asset.collectibleDetails);
		if (c) {
			const collectible: CollectibleDetails = {
				itemId: textFromWire(c.itemId),
				instanceId: textFromWire(c.instanceId),
				instanceState:
					typeof c.instanceState === 'string' ? c.instanceState : 'COLLECTIBLE_ITEM_INSTANCE_STATE_UNSPECIFIED',
			};
			// int64 may arrive as a number or (proto3 JSON) a string.
			const serial = typeof c.serialNumber === 'string' ? Number(c.serialNumber) : c.serialNumber;
			if (typeof serial === 'number' && Number.isFinite(serial)) collectible.serialNumber = serial;
			item.collectible = collectible;
		}
		return item;
	}
	const badge = asObject(o.badgeDetails);
	if (badge) return { kind: 'badge', id: idFromWire(badge.badgeId, 'badgeId'), ...optionalTime(o) };
	const pass = asObject(o.gamePassDetails);
	if (pass) return { kind: 'gamepass', id: idFromWire(pass.gamePassId, 'gamePassId'), ...optionalTime(o) };
	const server = asObject(o.privateServerDetails);
	if (server)
		return { kind: 'private-server', id: idFromWire(server.privateServerId, 'privateServerId'), ...optionalTime(o) };
	return undefined;
}

/** A display-only field: a string (uuids) or an int64 sent as a number; anything else (absent, malformed) is ''. */
function textFromWire(v: unknown): string {
	if (typeof v === 'string') return v;
	return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

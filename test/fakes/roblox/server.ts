/**
 * A fake of every Roblox host the bot talks to, on one real node:http origin (127.0.0.1, random port).
 * Built from docs/roblox-api.md (§10 checklist): auth first, strict filter grammar,
 * privacy, clamped page sizes, page tokens bound to their params, the empty-last-page quirk, a per-key
 * sliding-window limit on inventory with x-ratelimit-* headers, legacy hosts with numeric ids, and
 * fault injection (status, latency, hang, reset, malformed JSON, cut-off pagination).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFilter, type InventoryFilter } from '../../../src/roblox/filter.js';
import { INVENTORY_ITEM_ASSET_TYPES } from './asset-types.js';
import { createFakeRobloxOAuth, type FakeRobloxOAuth } from './oauth.js';

export type FakeItemKind = 'asset' | 'badge' | 'gamepass' | 'private-server';

export interface FakeUserInput {
	id: string;
	name: string;
	displayName?: string;
	about?: string;
	created?: string;
	isBanned?: boolean;
	/** default true */
	inventoryPublic?: boolean;
	previousNames?: string[];
}

export interface FakeItemInput {
	kind: FakeItemKind;
	id: string;
	assetType?: string;
	collectible?: { serialNumber?: number };
	addTime?: string;
}

export interface FakeFault {
	/** Tested against the raw request URL (path + query). Omitted = every request. */
	path?: RegExp;
	/** How many matching requests get the fault; default 1. */
	times?: number;
	status?: number;
	body?: string;
	delayMs?: number;
	hang?: boolean;
	reset?: boolean;
	malformed?: boolean;
	retryAfterSeconds?: number;
	/** Inventory only: pages 1..N are served normally, later pages get the fault (status default 500). */
	truncateAfterPage?: number;
}

export interface FakeRateLimit {
	limit: number;
	windowMs: number;
	sendRetryAfter?: boolean;
}

export interface FakeRequestRecord {
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	at: number;
	/** Whether an x-api-key header came with the request (the legacy hosts should never get one). */
	sentApiKey: boolean;
	/** Whether a member's OAuth access token came with the request. */
	sentBearer: boolean;
}

export interface FakeRoblox {
	url: string;
	apiKey: string;
	/** OAuth 2.0 / OIDC (test/fakes/roblox/oauth.ts). */
	oauth: FakeRobloxOAuth;
	addUser(u: FakeUserInput): void;
	setAbout(userId: string, about: string): void;
	/** Roblox deleted or terminated the account: every endpoint answers 404 for it from now on. */
	removeUser(userId: string): void;
	setInventoryPublic(userId: string, isPublic: boolean): void;
	giveItem(userId: string, item: FakeItemInput): void;
	removeItem(userId: string, kind: string, id: string): void;
	addGroup(g: FakeGroupInput): void;
	/** Put a user in a group with this role, or take them out (null). */
	setGroupRole(groupId: string, userId: string, roleId: string | null): void;
	/** Per-minute budgets of the group endpoints (null: none). */
	setGroupRateLimit(limits: { memberships: number; info: number; windowMs: number } | null): void;
	/** Group requests received so far (every answer, 429s included). */
	groupRequests(): number;
	addBadge(b: {
		id: string;
		name: string;
		description?: string;
		enabled?: boolean;
		universeId?: string;
		universeName?: string;
	}): void;
	setEmptyLastPage(on: boolean): void;
	setRateLimit(r: FakeRateLimit | null): void;
	injectFault(f: FakeFault): void;
	clearFaults(): void;
	thumbnailPendingPolls: number;
	requests: FakeRequestRecord[];
	inventoryRequests(userId?: string): number;
	resetRequests(): void;
	close(): Promise<void>;
}

export interface FakeGroupInput {
	id: string;
	name: string;
	/** Roles with their ranks; a Guest role (rank 0) is added when none has rank 0, as Roblox has one in every group. */
	roles: { id: string; name: string; rank: number }[];
	/** What `groups/{id}` reports as memberCount; default: the members added to the fake. */
	memberCount?: number;
}

export interface FakeRobloxOptions {
	apiKey?: string;
	/** The user who created the API key: only they can read their private inventory / private servers. */
	apiKeyOwnerId?: string;
	/** Default: Roblox's published 100 per minute. */
	rateLimit?: FakeRateLimit;
	emptyLastPage?: boolean;
}

interface FakeUser extends Required<Omit<FakeUserInput, 'created'>> {
	created: string;
	items: FakeItem[];
}

interface FakeItem {
	kind: FakeItemKind;
	id: string;
	assetType: string;
	instanceId: string;
	collectible?: { itemId: string; instanceId: string; serialNumber?: number };
	addTime: string;
}

interface FakeBadge {
	id: string;
	name: string;
	description: string;
	enabled: boolean;
	universeId: string;
	universeName: string;
}

const DEFAULT_KEY = 'fake-roblox-api-key-0123456789';
const JSON_TYPE = 'application/json; charset=utf-8';
const DIGITS = /^\d+$/;
const HEADSHOT_SIZES = new Set([
	'48x48',
	'50x50',
	'60x60',
	'75x75',
	'100x100',
	'110x110',
	'150x150',
	'180x180',
	'352x352',
	'420x420',
	'720x720',
]);
const CLOUD_THUMB_SIZES = new Set([48, 50, 60, 75, 100, 110, 150, 180, 352, 420, 720]);
const MAX_USERNAMES = 100;
const ITEM_ID_PREFIX: Record<FakeItemKind, string> = {
	asset: 'USER_ASSET_ID',
	badge: 'BADGE_ID',
	gamepass: 'GAME_PASS_ID',
	'private-server': 'PRIVATE_SERVER_ID',
};

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

const v2Error = (status: number, code: string, message: string) =>
	new HttpError(status, { code, message, details: [] });
const gatewayError = (status: number, message: string) => new HttpError(status, { errors: [{ code: 0, message }] });
const legacyError = (status: number, code: number, message: string) =>
	new HttpError(status, { errors: [{ code, message, userFacingMessage: 'Something went wrong' }] });
const invalidFilter = () => v2Error(400, 'INVALID_ARGUMENT', 'The provided filter is invalid.');

const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/=+$/, '');
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export async function startFakeRoblox(opts: FakeRobloxOptions = {}): Promise<FakeRoblox> {
	const apiKey = opts.apiKey ?? DEFAULT_KEY;
	const users = new Map<string, FakeUser>();
	const badges = new Map<string, FakeBadge>();
	const operations = new Map<string, { userId: string; size: number; pending: number }>();
	let faults: (FakeFault & { remaining: number })[] = [];
	let rateLimit: FakeRateLimit | null = opts.rateLimit ?? { limit: 100, windowMs: 60_000 };
	let emptyLastPage = opts.emptyLastPage ?? false;
	/** Start times of counted inventory requests (one key owner: the fake has one key). */
	let inventoryLog: number[] = [];
	let instanceCounter = 200_000_000_000;
	const requests: FakeRequestRecord[] = [];
	/** Groups: id → group with its roles and members (user id → role id). */
	const groups = new Map<string, FakeGroupInput & { members: Map<string, string> }>();
	/** Start times of group requests, per budget (memberships + roles: 300/min; groups/{id}: 150/min). */
	const groupLogs = { memberships: [] as number[], info: [] as number[] };
	let groupLimits: { memberships: number; info: number; windowMs: number } | null = {
		memberships: 300,
		info: 150,
		windowMs: 60_000,
	};
	const oauthHolder = { url: '' };
	const oauth = await createFakeRobloxOAuth({ baseUrl: () => oauthHolder.url, users });

	const userOrThrow = (id: string): FakeUser => {
		const u = users.get(id);
		if (!u) throw new Error(`fake roblox: no user ${id}`);
		return u;
	};

	// ---------------------------------------------------------------- auth & rate limit

	const requireKey = (req: http.IncomingMessage) => {
		const key = req.headers['x-api-key'];
		if (key !== apiKey) throw gatewayError(401, 'Invalid API Key');
	};

	/** Sliding log: a request is allowed when fewer than `limit` were counted in the last `windowMs`. */
	const rateLimitHeaders = (now: number): { allowed: boolean; headers: Record<string, string> } => {
		if (!rateLimit) return { allowed: true, headers: {} };
		const { limit, windowMs } = rateLimit;
		inventoryLog = inventoryLog.filter((t) => t > now - windowMs);
		const allowed = inventoryLog.length < limit;
		if (allowed) inventoryLog.push(now);
		const oldest = inventoryLog[0] ?? now;
		const resetS = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
		const windowS = Math.max(1, Math.round(windowMs / 1000));
		const headers: Record<string, string> = {
			'x-ratelimit-limit': `${limit}, ${limit};w=${windowS}`,
			'x-ratelimit-remaining': String(Math.max(0, limit - inventoryLog.length)),
			'x-ratelimit-reset': String(resetS),
		};
		if (!allowed && rateLimit.sendRetryAfter) headers['retry-after'] = String(resetS);
		return { allowed, headers };
	};

	// ---------------------------------------------------------------- inventory

	const itemJson = (userId: string, it: FakeItem): Record<string, unknown> => {
		const out: Record<string, unknown> = {
			path: `users/${userId}/inventory-items/${b64(`${ITEM_ID_PREFIX[it.kind]}=${it.kind === 'asset' ? it.instanceId : it.id}`)}`,
		};
		if (it.kind === 'asset') {
			const details: Record<string, unknown> = {
				assetId: it.id,
				inventoryItemAssetType: it.assetType,
				instanceId: it.instanceId,
			};
			if (it.collectible) {
				const c: Record<string, unknown> = {
					itemId: it.collectible.itemId,
					instanceId: it.collectible.instanceId,
					instanceState: 'AVAILABLE',
				};
				if (it.collectible.serialNumber !== undefined) c.serialNumber = it.collectible.serialNumber;
				details.collectibleDetails = c;
			}
			out.assetDetails = details;
		} else if (it.kind === 'badge') out.badgeDetails = { badgeId: it.id };
		else if (it.kind === 'gamepass') out.gamePassDetails = { gamePassId: it.id };
		else out.privateServerDetails = { privateServerId: it.id };
		// Game passes never carry addTime (documented).
		if (it.kind !== 'gamepass') out.addTime = it.addTime;
		return out;
	};

	const needsOwnerPermission = (f: InventoryFilter | undefined): boolean => {
		if (!f) return false;
		if (f.type === 'ids') return (f.privateServerIds?.length ?? 0) > 0;
		return f.privateServers === true || (Array.isArray(f.assetTypes) && f.assetTypes.includes('PURCHASED_PLACE'));
	};

	const matches = (f: InventoryFilter | undefined, it: FakeItem, ownerReading: boolean): boolean => {
		if (!f) return it.kind !== 'private-server' || ownerReading;
		if (f.type === 'ids') {
			const list = {
				asset: f.assetIds,
				badge: f.badgeIds,
				gamepass: f.gamePassIds,
				'private-server': f.privateServerIds,
			}[it.kind];
			return list?.includes(it.id) ?? false;
		}
		const assetMatch =
			it.kind === 'asset' &&
			(f.assetTypes === '*'
				? it.assetType !== 'PURCHASED_PLACE' || ownerReading
				: (f.assetTypes?.includes(it.assetType) ?? false));
		// onlyCollectibles returns only collectibles, and only together with an asset-type clause.
		if (f.onlyCollectibles) return assetMatch && it.collectible !== undefined;
		if (it.kind === 'badge') return f.badges === true;
		if (it.kind === 'gamepass') return f.gamePasses === true;
		if (it.kind === 'private-server') return f.privateServers === true;
		return assetMatch;
	};

	const tokenFor = (offset: number, bind: string) =>
		Buffer.from(`v1/${JSON.stringify({ FieldIndex: 0, ValueIndex: offset, Cursor: '', FilterHash: bind })}`).toString(
			'base64url',
		);

	const readToken = (token: string): { offset: number; bind: string } | undefined => {
		try {
			const text = Buffer.from(token, 'base64url').toString('utf8');
			if (!text.startsWith('v1/')) return undefined;
			const o = JSON.parse(text.slice(3)) as { ValueIndex?: unknown; FilterHash?: unknown };
			if (typeof o.ValueIndex !== 'number' || typeof o.FilterHash !== 'string') return undefined;
			return { offset: o.ValueIndex, bind: o.FilterHash };
		} catch {
			return undefined;
		}
	};

	const parsePageSize = (raw: string | undefined): number => {
		if (raw === undefined) return 10;
		if (!/^-?\d+$/.test(raw)) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid max page size.');
		const n = Number(raw);
		if (n <= 0) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid max page size.');
		return Math.min(100, n);
	};

	/** Page number of an inventory request (1-based), for truncateAfterPage faults. */
	const pageNumberOf = (url: URL): number => {
		const token = url.searchParams.get('pageToken');
		if (!token) return 1;
		const t = readToken(token);
		let size = 10;
		try {
			size = parsePageSize(url.searchParams.get('maxPageSize') ?? undefined);
		} catch {
			/* page 1 */
		}
		return t ? Math.floor(t.offset / size) + 1 : 1;
	};

	const listInventory = (
		req: http.IncomingMessage,
		url: URL,
		userId: string,
	): { body: unknown; headers: Record<string, string> } => {
		const bearer = oauth.checkBearer(req, Date.now());
		if (bearer && !bearer.ok) {
			if (bearer.status === 429)
				throw new HttpError(
					429,
					{ code: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted.' },
					bearer.headers,
				);
			throw gatewayError(bearer.status, bearer.status === 401 ? 'Invalid OAuth token' : 'Insufficient scope');
		}
		if (!bearer) requireKey(req);
		// A member's token spends that authorization's budget, not the key owner's.
		const { allowed, headers } = bearer ? { allowed: true, headers: bearer.headers } : rateLimitHeaders(Date.now());
		if (!allowed)
			throw new HttpError(
				429,
				{ code: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
				headers,
			);
		const fail = (e: HttpError) => new HttpError(e.status, e.body, { ...e.headers, ...headers });
		if (!DIGITS.test(userId)) throw fail(v2Error(400, 'INVALID_ARGUMENT', 'Invalid User ID in the request.'));
		const user = users.get(userId);
		if (!user) throw fail(v2Error(404, 'NOT_FOUND', 'User not found.'));
		const q = url.searchParams;
		const pageSize = (() => {
			try {
				return parsePageSize(q.get('maxPageSize') ?? undefined);
			} catch (e) {
				throw fail(e as HttpError);
			}
		})();
		const rawFilter = q.get('filter') ?? '';
		let filter: InventoryFilter | undefined;
		if (rawFilter !== '') {
			try {
				filter = parseFilter(rawFilter);
			} catch {
				throw fail(invalidFilter());
			}
			if (
				filter.type === 'types' &&
				Array.isArray(filter.assetTypes) &&
				!filter.assetTypes.every((t) => INVENTORY_ITEM_ASSET_TYPES.has(t))
			) {
				throw fail(invalidFilter());
			}
		}
		const ownerReading = bearer ? bearer.userId === userId : opts.apiKeyOwnerId === userId;
		if (!ownerReading && (!user.inventoryPublic || needsOwnerPermission(filter))) {
			throw fail(v2Error(403, 'PERMISSION_DENIED', 'The caller does not have permission to read this inventory.'));
		}
		const bind = shortHash(`${userId}|${rawFilter}|${q.get('maxPageSize') ?? ''}`);
		let offset = 0;
		const token = q.get('pageToken');
		if (token) {
			const t = readToken(token);
			if (!t || t.bind !== bind || t.offset < 0)
				throw fail(v2Error(400, 'INVALID_ARGUMENT', 'The page token is invalid for this request.'));
			offset = t.offset;
		}
		const all = user.items.filter((it) => matches(filter, it, ownerReading));
		const page = all.slice(offset, offset + pageSize);
		const end = offset + page.length;
		const more = end < all.length || (emptyLastPage && page.length === pageSize && page.length > 0);
		return {
			body: { inventoryItems: page.map((it) => itemJson(userId, it)), nextPageToken: more ? tokenFor(end, bind) : '' },
			headers,
		};
	};

	// ---------------------------------------------------------------- users, thumbnails, badges, keys

	const cloudUser = (u: FakeUser) => ({
		path: `users/${u.id}`,
		createTime: u.created,
		id: u.id,
		name: u.name,
		displayName: u.displayName,
		about: u.about,
		locale: 'en-US',
		premium: false,
	});

	const imageUri = (userId: string, size: number) =>
		`https://tr.rbxcdn.com/30DAY-AvatarHeadshot-${shortHash(userId).toUpperCase()}-Png/${size}/${size}/AvatarHeadshot/Png/isCircular`;

	const operationJson = (opId: string): Record<string, unknown> => {
		const op = operations.get(opId)!;
		const path = `users/${op.userId}/operations/${opId}`;
		if (op.pending > 0) {
			op.pending--;
			return {
				path,
				done: false,
				metadata: { '@type': 'apis.roblox.com/roblox.open_cloud.cloud.v2.GenerateUserThumbnailMetadata' },
			};
		}
		return {
			path,
			done: true,
			response: {
				'@type': 'apis.roblox.com/roblox.open_cloud.cloud.v2.GenerateUserThumbnailResponse',
				imageUri: imageUri(op.userId, op.size),
			},
		};
	};

	const thumbnailList = (
		url: URL,
		param: string,
		sizes: Set<string>,
		formats: string[],
		exists: (id: string) => boolean,
		kind: string,
	) => {
		const raw = url.searchParams.get(param) ?? '';
		const ids = raw.split(',').filter((s) => s !== '');
		if (!ids.length || !ids.every((id) => DIGITS.test(id)))
			throw legacyError(400, 4, 'The requested Ids are invalid, of an invalid type or missing.');
		if (ids.length > 100) throw legacyError(400, 1, 'There are too many requested Ids.');
		const size = url.searchParams.get('size') ?? '150x150';
		if (!sizes.has(size))
			throw legacyError(
				400,
				3,
				'The requested size is invalid. Please see documentation for valid thumbnail size parameter name and format.',
			);
		const format = url.searchParams.get('format') ?? 'Png';
		if (!formats.includes(format))
			throw legacyError(
				400,
				2,
				'The requested format is invalid. Please see documentation for valid thumbnail format parameter name and values.',
			);
		const [w] = size.split('x');
		return {
			data: ids.map((id) =>
				exists(id)
					? {
							targetId: Number(id),
							state: 'Completed',
							imageUrl: `https://tr.rbxcdn.com/180DAY-${kind}-${shortHash(id)}/${w}/${w}/Image/${format}/noFilter`,
							version: 'TN3',
						}
					: { targetId: Number(id), state: 'Error', imageUrl: '', version: '' },
			),
		};
	};

	const jsonBody = (req: http.IncomingMessage, raw: string): Record<string, unknown> => {
		const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
		if (type !== 'application/json' && type !== 'text/json') throw legacyError(415, 0, 'Unsupported Media Type');
		try {
			const v = JSON.parse(raw) as unknown;
			if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
		} catch {
			/* fall through */
		}
		throw legacyError(400, 0, 'Invalid request body.');
	};

	type Reply = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> };

	const groupBudget = (which: 'memberships' | 'info') => {
		if (!groupLimits) return;
		const now = Date.now();
		const log = groupLogs[which].filter((t) => t > now - groupLimits!.windowMs);
		groupLogs[which] = log;
		if (log.length >= groupLimits[which])
			throw new HttpError(
				429,
				{ code: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
				{ 'retry-after': String(Math.max(1, Math.ceil((log[0]! + groupLimits.windowMs - now) / 1000))) },
			);
		log.push(now);
	};

	/** Offset-token pagination bound to the other parameters, as Roblox's tokens are. */
	const pageOf = <T>(url: URL, all: T[], maxSize: number, defaultSize: number): { page: T[]; next: string } => {
		const q = url.searchParams;
		const rawSize = q.get('maxPageSize');
		let size = defaultSize;
		if (rawSize !== null) {
			size = Number(rawSize);
			if (!Number.isInteger(size) || size < 0) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid max page size.');
			if (size === 0) size = defaultSize;
			size = Math.min(size, maxSize);
		}
		const bind = shortHash(`${url.pathname}|${q.get('filter') ?? ''}|${rawSize ?? ''}`);
		let offset = 0;
		const token = q.get('pageToken');
		if (token) {
			const t = readToken(token);
			if (!t || t.bind !== bind || t.offset < 0)
				throw v2Error(400, 'INVALID_ARGUMENT', 'The page token is invalid for this request.');
			offset = t.offset;
		}
		const page = all.slice(offset, offset + size);
		const end = offset + page.length;
		return { page, next: end < all.length ? tokenFor(end, bind) : '' };
	};

	const groupOr404 = (id: string) => {
		if (!DIGITS.test(id)) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid group ID in the request.');
		const g = groups.get(id);
		if (!g) throw v2Error(404, 'NOT_FOUND', 'The group was not found.');
		return g;
	};

	const membershipJson = (groupId: string, userId: string, roleId: string) => ({
		path: `groups/${groupId}/memberships/${userId}`,
		createTime: '2024-01-01T00:00:00.000Z',
		updateTime: '2024-01-01T00:00:00.000Z',
		user: `users/${userId}`,
		role: `groups/${groupId}/roles/${roleId}`,
		roles: [`groups/${groupId}/roles/${roleId}`],
	});

	/** `user == 'users/1'`, `role == 'groups/7/roles/9'`, `user in ['users/1', …]`; anything else is invalid. */
	const parseMembershipFilter = (
		raw: string,
	): { users?: string[]; role?: { groupId: string; roleId: string } } | undefined => {
		if (raw === '') return undefined;
		let m = /^\s*user\s*==\s*'users\/(\d+)'\s*$/.exec(raw);
		if (m) return { users: [m[1]!] };
		m = /^\s*role\s*==\s*'groups\/(\d+)\/roles\/(\d+)'\s*$/.exec(raw);
		if (m) return { role: { groupId: m[1]!, roleId: m[2]! } };
		m = /^\s*user\s+in\s*\[(.*)\]\s*$/.exec(raw);
		if (m) {
			const users: string[] = [];
			for (const part of m[1]!.split(',')) {
				const u = /^\s*'users\/(\d+)'\s*$/.exec(part);
				if (!u) throw invalidFilter();
				users.push(u[1]!);
			}
			return { users };
		}
		throw invalidFilter();
	};

	const listMemberships = (url: URL, groupId: string) => {
		const filter = parseMembershipFilter(url.searchParams.get('filter') ?? '');
		let all: ReturnType<typeof membershipJson>[] = [];
		if (groupId === '-') {
			// All groups: only a user filter, with at most 50 users (documented).
			if (!filter?.users) throw invalidFilter();
			if (filter.users.length > 50)
				throw v2Error(400, 'INVALID_ARGUMENT', 'At most 50 users may be given in the filter.');
			const wanted = new Set(filter.users);
			for (const g of [...groups.values()].sort((a, b) => Number(a.id) - Number(b.id)))
				for (const [userId, roleId] of g.members)
					if (wanted.has(userId)) all.push(membershipJson(g.id, userId, roleId));
		} else {
			const g = groupOr404(groupId);
			for (const [userId, roleId] of g.members) {
				if (filter?.users && !filter.users.includes(userId)) continue;
				if (filter?.role && (filter.role.groupId !== g.id || filter.role.roleId !== roleId)) continue;
				all.push(membershipJson(g.id, userId, roleId));
			}
		}
		const { page, next } = pageOf(url, all, 100, 10);
		all = [];
		return { groupMemberships: page, nextPageToken: next };
	};

	const route = (req: http.IncomingMessage, url: URL, raw: string): Reply => {
		const p = url.pathname;
		const method = req.method ?? 'GET';
		let m: RegExpExecArray | null;

		if (method === 'GET' && (m = /^\/cloud\/v2\/groups\/([^/]+)$/.exec(p))) {
			requireKey(req);
			groupBudget('info');
			const g = groupOr404(m[1]!);
			return {
				body: {
					path: `groups/${g.id}`,
					createTime: '2020-01-01T00:00:00.000Z',
					updateTime: '2024-01-01T00:00:00.000Z',
					id: g.id,
					displayName: g.name,
					description: '',
					owner: 'users/1',
					memberCount: g.memberCount ?? g.members.size,
					publicEntryAllowed: true,
					locked: false,
					verified: false,
				},
			};
		}
		if (method === 'GET' && (m = /^\/cloud\/v2\/groups\/([^/]+)\/roles$/.exec(p))) {
			requireKey(req);
			groupBudget('memberships');
			const g = groupOr404(m[1]!);
			const roles = [...g.roles].sort((a, b) => a.rank - b.rank);
			const { page, next } = pageOf(url, roles, 20, 10);
			return {
				body: {
					groupRoles: page.map((r) => ({
						path: `groups/${g.id}/roles/${r.id}`,
						id: r.id,
						displayName: r.name,
						rank: r.rank,
						memberCount: [...g.members.values()].filter((x) => x === r.id).length,
					})),
					nextPageToken: next,
				},
			};
		}
		if (method === 'GET' && (m = /^\/cloud\/v2\/groups\/([^/]+)\/memberships$/.exec(p))) {
			requireKey(req);
			groupBudget('memberships');
			return { body: listMemberships(url, m[1]!) };
		}

		if (method === 'GET' && (m = /^\/cloud\/v2\/users\/([^/]+)\/inventory-items$/.exec(p)))
			return listInventory(req, url, m[1]!);

		if (method === 'GET' && (m = /^\/cloud\/v2\/users\/([^/:%]+)(?::|%3A)generateThumbnail$/i.exec(p))) {
			requireKey(req);
			const userId = m[1]!;
			if (!DIGITS.test(userId)) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid User ID in the request.');
			if (!users.has(userId)) throw v2Error(404, 'NOT_FOUND', 'User not found.');
			const size = Number(url.searchParams.get('size') ?? '420');
			if (!CLOUD_THUMB_SIZES.has(size)) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid thumbnail size.');
			const opId = randomBytes(12).toString('hex');
			// The generate call itself counts as the first done:false answer.
			operations.set(opId, { userId, size, pending: fake.thumbnailPendingPolls });
			return { body: operationJson(opId) };
		}

		if (method === 'GET' && (m = /^\/cloud\/v2\/users\/([^/]+)\/operations\/([^/]+)$/.exec(p))) {
			requireKey(req);
			const op = operations.get(m[2]!);
			if (!op || op.userId !== m[1]) throw v2Error(404, 'NOT_FOUND', 'Operation not found.');
			return { body: operationJson(m[2]!) };
		}

		if (method === 'GET' && (m = /^\/cloud\/v2\/users\/([^/:]+)$/.exec(p))) {
			requireKey(req);
			if (!DIGITS.test(m[1]!)) throw v2Error(400, 'INVALID_ARGUMENT', 'Invalid User ID in the request.');
			const u = users.get(m[1]!);
			if (!u) throw v2Error(404, 'NOT_FOUND', 'User not found.');
			return { body: cloudUser(u) };
		}

		if (method === 'POST' && p === '/api-keys/v1/introspect') {
			const body = jsonBody(req, raw);
			if (body.apiKey !== apiKey) throw gatewayError(401, 'Invalid API Key');
			const out: Record<string, unknown> = {
				name: 'rolink-fake-key',
				scopes: [
					{ name: 'user.inventory-item', operations: ['read'] },
					{ name: 'user', operations: ['read'] },
				],
				enabled: true,
				expired: false,
				expirationTimeUtc: null,
			};
			if (opts.apiKeyOwnerId) out.authorizedUserId = Number(opts.apiKeyOwnerId);
			return { body: out };
		}

		// Legacy users host (anonymous, numeric ids).
		if (method === 'POST' && p === '/v1/usernames/users') {
			const body = jsonBody(req, raw);
			const names = body.usernames;
			if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
				throw legacyError(400, 0, 'Invalid request body.');
			if (names.length > MAX_USERNAMES) throw legacyError(400, 2, 'Too many usernames.');
			const excludeBanned = body.excludeBannedUsers === true;
			const data: unknown[] = [];
			for (const requested of names) {
				const lower = requested.toLowerCase();
				const u =
					[...users.values()].find((x) => x.name.toLowerCase() === lower) ??
					[...users.values()].find((x) => x.previousNames.some((n) => n.toLowerCase() === lower));
				if (!u || (excludeBanned && u.isBanned)) continue;
				data.push({
					requestedUsername: requested,
					hasVerifiedBadge: false,
					id: Number(u.id),
					name: u.name,
					displayName: u.displayName,
				});
			}
			return { body: { data } };
		}

		if (method === 'POST' && p === '/v1/users') {
			const body = jsonBody(req, raw);
			const ids = body.userIds;
			if (!Array.isArray(ids)) throw legacyError(400, 0, 'Invalid request body.');
			if (ids.length > 200) throw legacyError(400, 1, 'Too many ids.');
			const data = ids.flatMap((id) => {
				const u = users.get(String(id));
				if (!u || (body.excludeBannedUsers === true && u.isBanned)) return [];
				return [{ hasVerifiedBadge: false, id: Number(u.id), name: u.name, displayName: u.displayName }];
			});
			return { body: { data } };
		}

		if (method === 'GET' && p === '/v1/users/avatar-headshot') {
			return {
				body: thumbnailList(
					url,
					'userIds',
					HEADSHOT_SIZES,
					['Png', 'Jpeg', 'Webp'],
					(id) => users.has(id),
					'AvatarHeadshot',
				),
			};
		}

		if (method === 'GET' && (m = /^\/v1\/users\/([^/]+)$/.exec(p))) {
			const u = DIGITS.test(m[1]!) ? users.get(m[1]!) : undefined;
			if (!u) throw legacyError(404, 3, 'The user id is invalid.');
			return {
				body: {
					description: u.about,
					created: u.created,
					isBanned: u.isBanned,
					hasVerifiedBadge: false,
					id: Number(u.id),
					name: u.name,
					displayName: u.displayName,
				},
			};
		}

		// Thumbnails host.
		if (method === 'GET' && p === '/v1/badges/icons') {
			return {
				body: thumbnailList(
					url,
					'badgeIds',
					new Set(['150x150']),
					['Png', 'Webp'],
					(id) => badges.has(id),
					'BadgeIcon',
				),
			};
		}
		if (method === 'GET' && p === '/v1/game-passes') {
			return { body: thumbnailList(url, 'gamePassIds', new Set(['150x150']), ['Png', 'Webp'], () => true, 'GamePass') };
		}

		// Badges host.
		if (method === 'GET' && (m = /^\/v1\/badges\/([^/]+)$/.exec(p))) {
			const b = DIGITS.test(m[1]!) ? badges.get(m[1]!) : undefined;
			if (!b) throw legacyError(404, 1, 'Badge is invalid or does not exist.');
			return {
				body: {
					id: Number(b.id),
					name: b.name,
					description: b.description,
					displayName: b.name,
					displayDescription: b.description,
					enabled: b.enabled,
					iconImageId: 1_000_000 + Number(b.id.slice(-6)),
					displayIconImageId: 1_000_000 + Number(b.id.slice(-6)),
					created: '2024-01-01T00:00:00.000Z',
					updated: '2024-01-02T00:00:00.000Z',
					statistics: { pastDayAwardedCount: 0, awardedCount: 0, winRatePercentage: 0 },
					awardingUniverse: { id: Number(b.universeId), name: b.universeName, rootPlaceId: Number(b.universeId) + 1 },
				},
			};
		}

		throw gatewayError(404, 'NotFound');
	};

	// ---------------------------------------------------------------- faults & plumbing

	const takeFault = (url: URL, rawUrl: string): (FakeFault & { remaining: number }) | undefined => {
		const isInventory = /\/inventory-items$/.test(url.pathname);
		for (const f of faults) {
			if (f.remaining <= 0) continue;
			if (f.path && !f.path.test(rawUrl)) continue;
			if (f.truncateAfterPage !== undefined && (!isInventory || pageNumberOf(url) <= f.truncateAfterPage)) continue;
			f.remaining--;
			return f;
		}
		return undefined;
	};

	const faultBody = (status: number): string => {
		const codes: Record<number, string> = {
			429: 'RESOURCE_EXHAUSTED',
			500: 'INTERNAL',
			501: 'NOT_IMPLEMENTED',
			503: 'UNAVAILABLE',
		};
		return JSON.stringify({ code: codes[status] ?? 'UNKNOWN', message: `Injected ${status}.` });
	};

	const hanging = new Set<http.ServerResponse>();

	const server = http.createServer((req, res) => {
		const rawUrl = req.url ?? '/';
		const url = new URL(rawUrl, 'http://fake.roblox');
		const record: FakeRequestRecord = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			status: 0,
			at: Date.now(),
			sentApiKey: req.headers['x-api-key'] !== undefined,
			sentBearer: /^Bearer /.test(req.headers.authorization ?? ''),
		};
		requests.push(record);
		const send = (status: number, body: string, headers: Record<string, string> = {}) => {
			record.status = status;
			res.writeHead(status, { 'content-type': JSON_TYPE, server: 'public-gateway', ...headers });
			res.end(body);
		};
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const fault = takeFault(url, rawUrl);
				if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
				if (fault?.hang) {
					hanging.add(res);
					res.on('close', () => hanging.delete(res));
					return;
				}
				if (fault?.reset) {
					req.socket.destroy();
					return;
				}
				if (fault?.malformed) return send(200, '{"inventoryItems": [{"path": "users/1/inv');
				if (fault && (fault.status !== undefined || fault.truncateAfterPage !== undefined)) {
					const status = fault.status ?? 500;
					const headers: Record<string, string> =
						fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
					return send(status, fault.body ?? faultBody(status), headers);
				}
				try {
					const raw = Buffer.concat(chunks).toString('utf8');
					const reply: Reply = (await oauth.route(req, url, raw)) ?? route(req, url, raw);
					send(reply.status ?? 200, reply.raw ?? JSON.stringify(reply.body), reply.headers);
				} catch (e) {
					if (e instanceof HttpError) send(e.status, JSON.stringify(e.body), e.headers);
					else send(500, JSON.stringify({ code: 'INTERNAL', message: String(e) }));
				}
			})();
		});
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	Object.assign(oauthHolder, { url: `http://127.0.0.1:${port}` });

	const fake: FakeRoblox = {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		oauth,
		thumbnailPendingPolls: 0,
		requests,
		addUser(u) {
			users.set(u.id, {
				id: u.id,
				name: u.name,
				displayName: u.displayName ?? u.name,
				about: u.about ?? '',
				created: u.created ?? '2020-01-01T00:00:00.000Z',
				isBanned: u.isBanned ?? false,
				inventoryPublic: u.inventoryPublic ?? true,
				previousNames: u.previousNames ?? [],
				items: users.get(u.id)?.items ?? [],
			});
		},
		setAbout(userId, about) {
			userOrThrow(userId).about = about;
		},
		setInventoryPublic(userId, isPublic) {
			userOrThrow(userId).inventoryPublic = isPublic;
		},
		giveItem(userId, item) {
			const u = userOrThrow(userId);
			u.items = u.items.filter((it) => !(it.kind === item.kind && it.id === item.id));
			const instanceId = String(instanceCounter++);
			const it: FakeItem = {
				kind: item.kind,
				id: item.id,
				assetType: item.assetType ?? 'HAT',
				instanceId,
				addTime: item.addTime ?? '2024-05-01T12:00:00Z',
			};
			if (item.collectible) {
				it.collectible = { itemId: randomUUID(), instanceId: randomUUID() };
				if (item.collectible.serialNumber !== undefined) it.collectible.serialNumber = item.collectible.serialNumber;
			}
			u.items.push(it);
		},
		removeUser(userId) {
			users.delete(userId);
		},
		removeItem(userId, kind, id) {
			const u = userOrThrow(userId);
			u.items = u.items.filter((it) => !(it.kind === kind && it.id === id));
		},
		addGroup(g) {
			const roles = g.roles.some((r) => r.rank === 0)
				? [...g.roles]
				: [{ id: `${g.id}0`, name: 'Guest', rank: 0 }, ...g.roles];
			groups.set(g.id, { ...g, roles, members: new Map() });
		},
		setGroupRole(groupId, userId, roleId) {
			const g = groups.get(groupId);
			if (!g) throw new Error(`fake roblox: no group ${groupId}`);
			if (roleId === null) g.members.delete(userId);
			else {
				if (!g.roles.some((r) => r.id === roleId)) throw new Error(`fake roblox: no role ${roleId} in ${groupId}`);
				g.members.set(userId, roleId);
			}
		},
		setGroupRateLimit(limits) {
			groupLimits = limits;
		},
		groupRequests() {
			return requests.filter((r) => r.path.startsWith('/cloud/v2/groups/')).length;
		},
		addBadge(b) {
			badges.set(b.id, {
				id: b.id,
				name: b.name,
				description: b.description ?? '',
				enabled: b.enabled ?? true,
				universeId: b.universeId ?? '4000000',
				universeName: b.universeName ?? 'Fake Experience',
			});
		},
		setEmptyLastPage(on) {
			emptyLastPage = on;
		},
		setRateLimit(r) {
			rateLimit = r;
			inventoryLog = [];
		},
		injectFault(f) {
			faults.push({ ...f, remaining: f.times ?? 1 });
		},
		clearFaults() {
			faults = [];
		},
		inventoryRequests(userId) {
			return requests.filter((r) => {
				const m = /^\/cloud\/v2\/users\/([^/]+)\/inventory-items$/.exec(r.path);
				return m !== null && (userId === undefined || m[1] === userId);
			}).length;
		},
		resetRequests() {
			requests.length = 0;
		},
		async close() {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return fake;
}

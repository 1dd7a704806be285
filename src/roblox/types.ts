/**
 * Plain data shared by everything that asks Roblox a question. No discord.js here: the role planner,
 * the link service and the commands all speak in these shapes.
 */

/** The kinds of inventory item a binding can name by id. */
export type ItemKind = 'badge' | 'gamepass' | 'asset' | 'private-server';

export interface ItemRef {
	kind: ItemKind;
	/** Roblox ids are normalised to strings of digits everywhere (v2 sends strings, legacy hosts send numbers). */
	id: string;
}

/** `badge:123`: the key used in ownership sets. */
export type ItemKey = `${ItemKind}:${string}`;

export const itemKey = (item: ItemRef): ItemKey => `${item.kind}:${item.id}`;

/**
 * A complete, successful answer to "which of these does the user own?". Only a complete answer exists:
 * any failure (private inventory, 429, 5xx, timeout, malformed body, cut-off pagination) throws a RobloxError
 * instead, so a missing key here really means "not owned".
 */
export interface OwnershipAnswer {
	userId: string;
	/** Keys of the asked items that are owned. */
	owned: ReadonlySet<ItemKey>;
	/** Set when collectibles were asked for: does the user own at least one collectible (limited)? */
	ownsCollectible?: boolean;
	/**
	 * Kinds Roblox would not answer for this user although the rest of the answer is complete (private servers are
	 * readable only with the user's own key). Bindings of these kinds are treated as unknown, never as not owned.
	 */
	unknownKinds?: ReadonlySet<ItemKind>;
	/** Roblox requests this answer cost (0 when it came from the short-lived cache). */
	requests: number;
	checkedAt: number;
}

/** Interactive work (a member is waiting on a command) goes ahead of background work (sweeps, bulk runs). */
export type Priority = 'interactive' | 'background';

export interface RobloxUser {
	id: string;
	name: string;
	displayName: string;
	about: string;
	/** RFC 3339, when Roblox gives it. */
	createTime?: string;
}

export interface UsernameMatch {
	id: string;
	name: string;
	displayName: string;
	requestedUsername: string;
}

export type InventoryItemAssetType = string;

export interface CollectibleDetails {
	itemId: string;
	instanceId: string;
	instanceState: string;
	serialNumber?: number;
}

/** One inventory item, flattened from Roblox's oneOf shape. */
export type InventoryItem =
	| {
			kind: 'asset';
			id: string;
			assetType: InventoryItemAssetType;
			instanceId: string;
			collectible?: CollectibleDetails;
			addTime?: string;
	  }
	| { kind: 'badge'; id: string; addTime?: string }
	| { kind: 'gamepass'; id: string; addTime?: string }
	| { kind: 'private-server'; id: string; addTime?: string };

export interface InventoryPage {
	items: InventoryItem[];
	/** null when this was the last page (empty token, or the empty-last-page quirk). */
	nextPageToken: string | null;
}

export interface BadgeInfo {
	id: string;
	name: string;
	description: string;
	enabled: boolean;
	universeId?: string;
	universeName?: string;
}

/** A member's place in one group: their highest-ranked role, and every role they hold. */
export interface GroupMembershipInfo {
	roleId: string;
	roleName: string;
	rank: number;
	roleIds: string[];
}

/**
 * A complete, successful answer to "which of these groups is the user in, and at what rank?". Any failure (429,
 * 5xx, timeout, malformed or half-read page) throws instead, so an asked group missing here really means "not in it".
 */
export interface GroupAnswer {
	userId: string;
	/** Asked groups the user is a member of. */
	groups: ReadonlyMap<string, GroupMembershipInfo>;
	/** Group requests this answer cost (0 when it came from a cache or a batch read earlier). */
	requests: number;
	checkedAt: number;
}

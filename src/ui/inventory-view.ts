import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
} from 'discord.js';
import { customId } from '../bot/command.js';
import type { InventoryFilter } from '../roblox/filter.js';
import type { InventoryItem } from '../roblox/types.js';
import { EMBED_LIMITS, fitEmbed, joinLinesWithin } from './embed-limits.js';
import type { PageModel } from './pager.js';
import { en, text, type PlainKey, type Text, type Translator } from './i18n.js';

/** What /inventory shows, as plain JSON: one embed per page and the navigation buttons. */

export const INVENTORY_KINDS = ['badges', 'gamepasses', 'collectibles', 'wearables', 'all'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/** Accessories (rigid and layered) and clothing (classic and layered). */
export const WEARABLE_ASSET_TYPES = [
	'HAT',
	'HAIR_ACCESSORY',
	'FACE_ACCESSORY',
	'NECK_ACCESSORY',
	'SHOULDER_ACCESSORY',
	'FRONT_ACCESSORY',
	'BACK_ACCESSORY',
	'WAIST_ACCESSORY',
	'CLASSIC_TSHIRT',
	'CLASSIC_SHIRT',
	'CLASSIC_PANTS',
	'TSHIRT_ACCESSORY',
	'SHIRT_ACCESSORY',
	'PANTS_ACCESSORY',
	'JACKET_ACCESSORY',
	'SWEATER_ACCESSORY',
	'SHORTS_ACCESSORY',
	'LEFT_SHOE_ACCESSORY',
	'RIGHT_SHOE_ACCESSORY',
	'DRESS_SKIRT_ACCESSORY',
];

/** `all` leaves private servers out: Roblox lets a key read those only for the key's own creator. */
export function inventoryFilter(kind: InventoryKind): InventoryFilter {
	switch (kind) {
		case 'badges':
			return { type: 'types', badges: true };
		case 'gamepasses':
			return { type: 'types', gamePasses: true };
		case 'collectibles':
			return { type: 'types', onlyCollectibles: true, assetTypes: '*' };
		case 'wearables':
			return { type: 'types', assetTypes: [...WEARABLE_ASSET_TYPES] };
		case 'all':
			return { type: 'types', badges: true, gamePasses: true, assetTypes: '*' };
	}
}

const KIND_NAMES: Record<InventoryKind, PlainKey> = {
	badges: 'inventoryKindBadges',
	gamepasses: 'inventoryKindGamePasses',
	collectibles: 'inventoryKindCollectibles',
	wearables: 'inventoryKindWearables',
	all: 'inventoryKindAll',
};
const KIND_HEADERS: Record<InventoryKind, PlainKey> = {
	badges: 'inventoryHeaderBadges',
	gamepasses: 'inventoryHeaderGamePasses',
	collectibles: 'inventoryHeaderCollectibles',
	wearables: 'inventoryHeaderWearables',
	all: 'inventoryHeaderAll',
};
/** What a kind is called inside a sentence ("You have no badges…"). */
export const kindText = (kind: InventoryKind): Text => text(KIND_NAMES[kind]);

/**
 * Roblox's InventoryItemAssetType values (every one its OpenAPI description lists, test/fixtures/roblox/) in the
 * reader's language.
 */
const ASSET_TYPE_NAMES: Readonly<Record<string, PlainKey>> = {
	INVENTORY_ITEM_ASSET_TYPE_UNSPECIFIED: 'assetTypeUnspecified',
	CLASSIC_TSHIRT: 'assetTypeClassicTShirt',
	AUDIO: 'assetTypeAudio',
	HAT: 'assetTypeHat',
	MODEL: 'assetTypeModel',
	CLASSIC_SHIRT: 'assetTypeClassicShirt',
	CLASSIC_PANTS: 'assetTypeClassicPants',
	DECAL: 'assetTypeDecal',
	CLASSIC_HEAD: 'assetTypeClassicHead',
	FACE: 'assetTypeFace',
	GEAR: 'assetTypeGear',
	ANIMATION: 'assetTypeAnimation',
	TORSO: 'assetTypeTorso',
	RIGHT_ARM: 'assetTypeRightArm',
	LEFT_ARM: 'assetTypeLeftArm',
	LEFT_LEG: 'assetTypeLeftLeg',
	RIGHT_LEG: 'assetTypeRightLeg',
	PACKAGE: 'assetTypePackage',
	PLUGIN: 'assetTypePlugin',
	MESH_PART: 'assetTypeMeshPart',
	HAIR_ACCESSORY: 'assetTypeHairAccessory',
	FACE_ACCESSORY: 'assetTypeFaceAccessory',
	NECK_ACCESSORY: 'assetTypeNeckAccessory',
	SHOULDER_ACCESSORY: 'assetTypeShoulderAccessory',
	FRONT_ACCESSORY: 'assetTypeFrontAccessory',
	BACK_ACCESSORY: 'assetTypeBackAccessory',
	WAIST_ACCESSORY: 'assetTypeWaistAccessory',
	CLIMB_ANIMATION: 'assetTypeClimbAnimation',
	DEATH_ANIMATION: 'assetTypeDeathAnimation',
	FALL_ANIMATION: 'assetTypeFallAnimation',
	IDLE_ANIMATION: 'assetTypeIdleAnimation',
	JUMP_ANIMATION: 'assetTypeJumpAnimation',
	RUN_ANIMATION: 'assetTypeRunAnimation',
	SWIM_ANIMATION: 'assetTypeSwimAnimation',
	WALK_ANIMATION: 'assetTypeWalkAnimation',
	POSE_ANIMATION: 'assetTypePoseAnimation',
	EMOTE_ANIMATION: 'assetTypeEmoteAnimation',
	VIDEO: 'assetTypeVideo',
	TSHIRT_ACCESSORY: 'assetTypeTShirtAccessory',
	SHIRT_ACCESSORY: 'assetTypeShirtAccessory',
	PANTS_ACCESSORY: 'assetTypePantsAccessory',
	JACKET_ACCESSORY: 'assetTypeJacketAccessory',
	SWEATER_ACCESSORY: 'assetTypeSweaterAccessory',
	SHORTS_ACCESSORY: 'assetTypeShortsAccessory',
	LEFT_SHOE_ACCESSORY: 'assetTypeLeftShoeAccessory',
	RIGHT_SHOE_ACCESSORY: 'assetTypeRightShoeAccessory',
	DRESS_SKIRT_ACCESSORY: 'assetTypeDressSkirtAccessory',
	EYEBROW_ACCESSORY: 'assetTypeEyebrowAccessory',
	EYELASH_ACCESSORY: 'assetTypeEyelashAccessory',
	MOOD_ANIMATION: 'assetTypeMoodAnimation',
	DYNAMIC_HEAD: 'assetTypeDynamicHead',
	CREATED_PLACE: 'assetTypeCreatedPlace',
	PURCHASED_PLACE: 'assetTypePurchasedPlace',
};

export const profileUrl = (robloxId: string) => `https://www.roblox.com/users/${robloxId}/profile`;
const itemUrl = (item: InventoryItem): string | null => {
	switch (item.kind) {
		case 'badge':
			return `https://www.roblox.com/badges/${item.id}`;
		case 'gamepass':
			return `https://www.roblox.com/game-pass/${item.id}`;
		case 'asset':
			return `https://www.roblox.com/catalog/${item.id}`;
		default:
			return null;
	}
};

/** `HAIR_ACCESSORY` → "Hair Accessory" in the reader's language; a type Roblox adds later reads as "Item". */
export function assetTypeName(type: string, t: Translator = en): string {
	return t(Object.hasOwn(ASSET_TYPE_NAMES, type) ? ASSET_TYPE_NAMES[type]! : 'assetTypeUnspecified');
}

/** Text that goes inside a masked link: no markdown, no brackets that would end the link early. */
export function escapeLinkText(text: string): string {
	return text
		.replace(/[\\[\]()*_~`|>#<@:]/g, (c) => `\\${c}`)
		.replace(/\s+/g, ' ')
		.trim();
}

function unixOf(iso: string | undefined): number | null {
	if (!iso) return null;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** One line per item: what it is (linked), the serial for limiteds, and when it was obtained. */
export function itemLine(item: InventoryItem, badgeNames: ReadonlyMap<string, string>, t: Translator = en): string {
	let label: string;
	switch (item.kind) {
		case 'badge':
			label = badgeNames.has(item.id)
				? t('inventoryBadge', { name: escapeLinkText([...badgeNames.get(item.id)!].slice(0, 100).join('')) })
				: t('inventoryBadgeUnnamed', { id: item.id });
			break;
		case 'gamepass':
			label = t('inventoryGamePass', { id: item.id });
			break;
		case 'asset':
			label = t('inventoryAsset', { type: assetTypeName(item.assetType, t), id: item.id });
			break;
		default:
			label = t('inventoryPrivateServer', { id: item.id });
	}
	const url = itemUrl(item);
	const parts = [url ? `[${label}](${url})` : label];
	if (item.kind === 'asset' && item.collectible?.serialNumber !== undefined)
		parts.push(t('inventorySerial', { serial: item.collectible.serialNumber }));
	const added = unixOf(item.addTime);
	if (added !== null) parts.push(t('inventoryObtained', { unix: added }));
	return parts.join(' · ');
}

export interface InventoryAccount {
	id: string;
	name: string;
	displayName: string;
	avatarUrl: string | null;
}

export type NavRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface InventoryView {
	embeds: APIEmbed[];
	components: NavRow[];
}

export const NAV_ACTIONS = ['first', 'prev', 'next', 'last'] as const;
export type NavAction = (typeof NAV_ACTIONS)[number];

/** `inventory:nav:<session>:<action>:<target page>`. The target is in the id so a double click never skips a page. */
export const navCustomId = (sessionId: string, action: NavAction, target: number) =>
	customId('inventory', 'nav', sessionId, action, target);

export function navRow(sessionId: string, page: PageModel<unknown>, disabledAll = false, t: Translator = en): NavRow {
	const button = (
		action: NavAction,
		label: string,
		target: number,
		disabled: boolean,
	): APIButtonComponentWithCustomId => ({
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		label,
		custom_id: navCustomId(sessionId, action, target),
		disabled: disabledAll || disabled,
	});
	const buttons = [
		button('first', t('pagerFirstLabel'), 0, page.isFirst),
		button('prev', t('pagerPreviousLabel'), Math.max(0, page.index - 1), page.isFirst),
		button('next', t('pagerNextLabel'), page.index + 1, page.isLast),
	];
	// "Last" only once the total is known: before that there is no page to jump to without fetching everything.
	if (page.pageCount !== null) buttons.push(button('last', t('pagerLastLabel'), page.pageCount - 1, page.isLast));
	return { type: ComponentType.ActionRow, components: buttons };
}

export function disableRows(rows: readonly NavRow[]): NavRow[] {
	return rows.map((row) => ({ ...row, components: row.components.map((c) => ({ ...c, disabled: true })) }));
}

export function renderInventoryPage(p: {
	account: InventoryAccount;
	kind: InventoryKind;
	page: PageModel<InventoryItem>;
	badgeNames: ReadonlyMap<string, string>;
	/** null when there is a single page: no buttons, no session. */
	sessionId: string | null;
	/** The reader's language (the message is public when it is the member's own inventory: the server's). */
	t?: Translator;
}): InventoryView {
	const t = p.t ?? en;
	const title = t(KIND_HEADERS[p.kind]);
	const total = p.page.totalItems;
	const header = total === null ? t('inventoryHeader', { title }) : t('inventoryHeaderTotal', { title, total });
	const lines = p.page.items.map((item) => itemLine(item, p.badgeNames, t));
	const body = joinLinesWithin(lines, EMBED_LIMITS.description - header.length - 2, (count) =>
		t('inventoryMore', { count }),
	);
	const page = p.page.index + 1;
	const embed: APIEmbed = {
		title: t('robloxAccountTitle', { displayName: p.account.displayName, name: p.account.name }),
		url: profileUrl(p.account.id),
		description: `${header}\n\n${body}`,
		footer: {
			text: p.page.pageCount === null ? t('pagerPage', { page }) : t('pagerPageOf', { page, pages: p.page.pageCount }),
		},
	};
	if (p.account.avatarUrl) embed.thumbnail = { url: p.account.avatarUrl };
	return { embeds: [fitEmbed(embed)], components: p.sessionId ? [navRow(p.sessionId, p.page, false, t)] : [] };
}

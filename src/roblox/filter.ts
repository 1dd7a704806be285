import { RobloxError } from './errors.js';

/**
 * The inventory `filter` query parameter (INVENTORY-API §4.3). Roblox forbids mixing ID fields
 * (assetIds…) with type fields (badges, inventoryItemAssetTypes…) in one filter. The union below makes a
 * mix a compile error (each variant declares the other's fields as `never`), and formatFilter asserts the
 * same at run time for values that came through `any` or JSON.
 */

export type InventoryFilter =
	| {
			type: 'ids';
			assetIds?: string[];
			badgeIds?: string[];
			gamePassIds?: string[];
			privateServerIds?: string[];
			badges?: never;
			gamePasses?: never;
			privateServers?: never;
			onlyCollectibles?: never;
			assetTypes?: never;
	  }
	| {
			type: 'types';
			badges?: boolean;
			gamePasses?: boolean;
			privateServers?: boolean;
			onlyCollectibles?: boolean;
			/** '*' = every asset type. Names are InventoryItemAssetType enum values, e.g. HAT. */
			assetTypes?: '*' | string[];
			assetIds?: never;
			badgeIds?: never;
			gamePassIds?: never;
			privateServerIds?: never;
	  };

export type IdFilter = Extract<InventoryFilter, { type: 'ids' }>;
export type TypeFilter = Extract<InventoryFilter, { type: 'types' }>;

/** Filter field names in the order we write them. */
export const ID_FIELDS = ['assetIds', 'badgeIds', 'gamePassIds', 'privateServerIds'] as const;
export type IdField = (typeof ID_FIELDS)[number];
const BOOL_FIELDS = ['badges', 'gamePasses', 'privateServers', 'onlyCollectibles'] as const;
const TYPE_KEYS: readonly string[] = [...BOOL_FIELDS, 'assetTypes'];
const ID_RE = /^\d{1,20}$/;
const ASSET_TYPE_RE = /^[A-Z][A-Z0-9_]*$/;

const invalid = (why: string): RobloxError =>
	new RobloxError('invalid-argument', `The provided filter is invalid: ${why}`);

/** Turn a filter into Roblox's string form, e.g. `assetIds=1,2;badgeIds=3`. Throws on anything Roblox would reject. */
export function formatFilter(f: InventoryFilter): string {
	const loose = f as Record<string, unknown>;
	if (f.type === 'ids') {
		const stray = TYPE_KEYS.filter((k) => loose[k] !== undefined);
		if (stray.length) throw invalid(`ID fields cannot be mixed with type fields (${stray.join(', ')})`);
		const clauses: string[] = [];
		for (const field of ID_FIELDS) {
			const ids = f[field];
			if (ids === undefined || ids.length === 0) continue;
			for (const id of ids) if (!ID_RE.test(id)) throw invalid(`${field} contains a non-numeric id`);
			clauses.push(`${field}=${ids.join(',')}`);
		}
		// An empty filter would mean "the whole inventory", which is never what an id lookup meant.
		if (!clauses.length) throw invalid('an ids filter needs at least one id');
		return clauses.join(';');
	}
	if (f.type === 'types') {
		const stray = ID_FIELDS.filter((k) => loose[k] !== undefined);
		if (stray.length) throw invalid(`type fields cannot be mixed with ID fields (${stray.join(', ')})`);
		const clauses: string[] = [];
		if (f.onlyCollectibles) clauses.push('onlyCollectibles=true');
		if (f.assetTypes !== undefined) {
			if (f.assetTypes === '*') clauses.push('inventoryItemAssetTypes=*');
			else if (f.assetTypes.length) {
				for (const t of f.assetTypes) if (!ASSET_TYPE_RE.test(t)) throw invalid(`bad asset type ${JSON.stringify(t)}`);
				clauses.push(`inventoryItemAssetTypes=${f.assetTypes.join(',')}`);
			}
		}
		if (f.badges) clauses.push('badges=true');
		if (f.gamePasses) clauses.push('gamePasses=true');
		if (f.privateServers) clauses.push('privateServers=true');
		if (!clauses.length) throw invalid('a types filter needs at least one field set');
		return clauses.join(';');
	}
	throw invalid('unknown filter type');
}

/**
 * Strict parser for the filter grammar: exact-case names, no spaces, no duplicates, no empty values, no
 * mixing. The fake server uses it to validate requests exactly as the contract says.
 */
export function parseFilter(s: string): InventoryFilter {
	if (s === '') throw invalid('empty filter');
	const seen = new Set<string>();
	const ids: Partial<Record<IdField, string[]>> = {};
	const types: Omit<TypeFilter, 'type'> = {};
	for (const clause of s.split(';')) {
		const eq = clause.indexOf('=');
		if (eq <= 0) throw invalid(`clause ${JSON.stringify(clause)} is not name=value`);
		const name = clause.slice(0, eq);
		const value = clause.slice(eq + 1);
		if (seen.has(name)) throw invalid(`duplicate field ${name}`);
		seen.add(name);
		if ((ID_FIELDS as readonly string[]).includes(name)) {
			const list = value.split(',');
			if (!list.every((id) => ID_RE.test(id))) throw invalid(`${name} must be a comma-separated list of numeric ids`);
			ids[name as IdField] = list;
		} else if ((BOOL_FIELDS as readonly string[]).includes(name)) {
			if (value !== 'true' && value !== 'false') throw invalid(`${name} must be true or false`);
			types[name as (typeof BOOL_FIELDS)[number]] = value === 'true';
		} else if (name === 'inventoryItemAssetTypes') {
			if (value === '*') types.assetTypes = '*';
			else {
				const list = value.split(',');
				if (!list.every((t) => ASSET_TYPE_RE.test(t)))
					throw invalid('inventoryItemAssetTypes must be * or a list of asset type names');
				types.assetTypes = list;
			}
		} else {
			throw invalid(`unknown field ${JSON.stringify(name)}`);
		}
	}
	const hasIds = Object.keys(ids).length > 0;
	const hasTypes = Object.keys(types).length > 0;
	if (hasIds && hasTypes) throw invalid('ID fields and type fields cannot be mixed');
	return hasIds ? { type: 'ids', ...ids } : { type: 'types', ...types };
}

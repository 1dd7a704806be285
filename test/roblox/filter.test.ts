import { describe, expect, it } from 'vitest';
import { formatFilter, isRobloxError, parseFilter, type InventoryFilter } from '../../src/roblox/index.js';

describe('formatFilter', () => {
	it('writes every ID kind into one filter in a fixed order', () => {
		expect(
			formatFilter({ type: 'ids', badgeIds: ['3'], assetIds: ['1', '2'], privateServerIds: ['5'], gamePassIds: ['4'] }),
		).toBe('assetIds=1,2;badgeIds=3;gamePassIds=4;privateServerIds=5');
	});

	it('writes type filters, leaving out false flags', () => {
		expect(formatFilter({ type: 'types', onlyCollectibles: true, assetTypes: '*' })).toBe(
			'onlyCollectibles=true;inventoryItemAssetTypes=*',
		);
		expect(formatFilter({ type: 'types', assetTypes: ['HAT', 'CLASSIC_PANTS'], gamePasses: true, badges: false })).toBe(
			'inventoryItemAssetTypes=HAT,CLASSIC_PANTS;gamePasses=true',
		);
	});

	it('rejects mixing at compile time and at run time', () => {
		// @ts-expect-error an ids filter cannot carry type fields
		const mixed: InventoryFilter = { type: 'ids', assetIds: ['1'], badges: true };
		expect(() => formatFilter(mixed)).toThrow(/mixed/);
		const alsoMixed = JSON.parse('{"type":"types","badges":true,"assetIds":["1"]}') as InventoryFilter;
		expect(() => formatFilter(alsoMixed)).toThrow(/mixed/);
	});

	it('rejects empty filters (an empty filter would mean the whole inventory) and non-numeric ids', () => {
		expect(() => formatFilter({ type: 'ids' })).toThrow();
		expect(() => formatFilter({ type: 'ids', assetIds: [] })).toThrow();
		expect(() => formatFilter({ type: 'types', badges: false })).toThrow();
		let err: unknown;
		try {
			formatFilter({ type: 'ids', assetIds: ['12a'] });
		} catch (e) {
			err = e;
		}
		expect(isRobloxError(err) && err.code).toBe('invalid-argument');
		expect(() => formatFilter({ type: 'types', assetTypes: ['hat'] })).toThrow();
	});
});

describe('parseFilter', () => {
	it('parses the documented examples', () => {
		expect(parseFilter('onlyCollectibles=true;inventoryItemAssetTypes=*')).toEqual({
			type: 'types',
			onlyCollectibles: true,
			assetTypes: '*',
		});
		expect(
			parseFilter('inventoryItemAssetTypes=HAT,CLASSIC_PANTS,TSHIRT_ACCESSORY;gamePasses=true;badges=false'),
		).toEqual({
			type: 'types',
			assetTypes: ['HAT', 'CLASSIC_PANTS', 'TSHIRT_ACCESSORY'],
			gamePasses: true,
			badges: false,
		});
		expect(parseFilter('assetIds=1,2,3,4')).toEqual({ type: 'ids', assetIds: ['1', '2', '3', '4'] });
		expect(parseFilter('badgeIds=111111,222222;gamePassIds=777777;privateServerIds=999999')).toEqual({
			type: 'ids',
			badgeIds: ['111111', '222222'],
			gamePassIds: ['777777'],
			privateServerIds: ['999999'],
		});
		expect(parseFilter('gamePasses=true;badges=true')).toEqual({ type: 'types', gamePasses: true, badges: true });
	});

	it.each([
		['', 'empty'],
		['assetIds=1;badges=true', 'mixing'],
		['assetIds=1,,2', 'empty id'],
		['assetIds=', 'no ids'],
		['assetIds=1,x', 'non-numeric id'],
		['AssetIds=1', 'wrong case'],
		['assetIds = 1', 'spaces'],
		['badges=True', 'bad boolean'],
		['assetIds=1;assetIds=2', 'duplicate'],
		['colour=red', 'unknown field'],
		['assetIds=1;', 'trailing separator'],
		['inventoryItemAssetTypes=hat', 'bad type name'],
		['badges', 'no value'],
	])('rejects %j (%s)', (s) => {
		expect(() => parseFilter(s)).toThrow();
	});

	it('round-trips what formatFilter writes', () => {
		const filters: InventoryFilter[] = [
			{ type: 'ids', assetIds: ['1', '2'], badgeIds: ['3'], gamePassIds: ['4'], privateServerIds: ['5'] },
			{ type: 'types', onlyCollectibles: true, assetTypes: '*' },
			{ type: 'types', badges: true, gamePasses: true, privateServers: true, assetTypes: ['HAT'] },
		];
		for (const f of filters) expect(parseFilter(formatFilter(f))).toEqual(f);
	});
});

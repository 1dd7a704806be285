import { describe, expect, it } from 'vitest';
import {
	checkComponentLimits,
	checkEmbedLimits,
	EMBED_LIMITS,
	fitEmbed,
	joinLinesWithin,
	truncate,
} from '../../src/ui/embed-limits.js';
import { assetTypeName, inventoryFilter, itemLine, navRow, renderInventoryPage } from '../../src/ui/inventory-view.js';
import { LazyPager, PagerSessions, type SourcePage, type TimerHandle } from '../../src/ui/pager.js';
import { formatFilter } from '../../src/roblox/filter.js';
import type { InventoryItem } from '../../src/roblox/types.js';

/** A source of `total` numbered items in pages of `size`, counting fetches; `emptyLastPage` mimics Roblox's quirk. */
function source(total: number, size = 100, opts: { emptyLastPage?: boolean } = {}) {
	const calls: (string | undefined)[] = [];
	const fetchPage = (token: string | undefined): Promise<SourcePage<number>> => {
		calls.push(token);
		const offset = token ? Number(token) : 0;
		const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i);
		const end = offset + items.length;
		const more = end < total || (opts.emptyLastPage === true && items.length === size);
		return Promise.resolve({ items, nextPageToken: more ? String(end) : null });
	};
	return { fetchPage, calls };
}

describe('LazyPager', () => {
	it('fetches a source page only when the reader reaches it, and never again', async () => {
		const src = source(250);
		const pager = new LazyPager(src.fetchPage, 10);
		const first = await pager.page(0);
		expect(first.items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(pager.fetches).toBe(1);
		for (let i = 1; i < 10; i++) await pager.page(i);
		expect(pager.fetches).toBe(1);
		expect(pager.isLoaded(10)).toBe(false);
		const eleventh = await pager.page(10);
		expect(eleventh.items[0]).toBe(100);
		expect(pager.fetches).toBe(2);
		expect(src.calls).toEqual([undefined, '100']);
		// Going back costs nothing.
		for (let i = 10; i >= 0; i--) await pager.page(i);
		expect(pager.fetches).toBe(2);
	});

	it('knows the total only once the last source page was seen', async () => {
		const pager = new LazyPager(source(250).fetchPage, 10);
		const first = await pager.page(0);
		expect(first).toMatchObject({ index: 0, pageCount: null, totalItems: null, isFirst: true, isLast: false });
		const p20 = await pager.page(20);
		expect(p20).toMatchObject({ index: 20, pageCount: 25, totalItems: 250, isLast: false });
		expect(pager.totalKnown).toBe(true);
		const last = await pager.page(24);
		expect(last).toMatchObject({ index: 24, isLast: true, items: [240, 241, 242, 243, 244, 245, 246, 247, 248, 249] });
	});

	it('knows the total at once when everything fits in the first source page', async () => {
		const pager = new LazyPager(source(25).fetchPage, 10);
		expect(await pager.page(0)).toMatchObject({ pageCount: 3, totalItems: 25, isLast: false });
		expect((await pager.page(2)).items).toEqual([20, 21, 22, 23, 24]);
		expect((await pager.page(2)).isLast).toBe(true);
	});

	it('clamps a page past the end to the last page', async () => {
		const pager = new LazyPager(source(25).fetchPage, 10);
		expect((await pager.page(99)).index).toBe(2);
		expect((await pager.page(-3)).index).toBe(0);
		expect((await pager.page(Number.NaN)).index).toBe(0);
	});

	it('treats an empty page after a token as the end (the empty-last-page quirk)', async () => {
		const src = source(100, 100, { emptyLastPage: true });
		const pager = new LazyPager(src.fetchPage, 10);
		const p9 = await pager.page(9);
		expect(p9).toMatchObject({ index: 9, pageCount: null, isLast: false });
		const next = await pager.page(10);
		expect(next).toMatchObject({ index: 9, pageCount: 10, totalItems: 100, isLast: true });
		expect(src.calls).toEqual([undefined, '100']);
		await pager.page(10);
		expect(pager.fetches).toBe(2);
	});

	it('reports an empty listing', async () => {
		const pager = new LazyPager(source(0).fetchPage, 10);
		expect(await pager.page(0)).toMatchObject({ items: [], totalItems: 0, pageCount: 1, isFirst: true, isLast: true });
	});

	it('shares one fetch between concurrent requests and retries after a failure', async () => {
		let fail = true;
		let calls = 0;
		const pager = new LazyPager<number>(async () => {
			calls++;
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (fail) throw new Error('roblox down');
			return { items: [1, 2, 3], nextPageToken: null };
		}, 10);
		await expect(Promise.all([pager.page(0), pager.page(0)])).rejects.toThrow('roblox down');
		expect(calls).toBe(1);
		fail = false;
		const [a, b] = await Promise.all([pager.page(0), pager.page(0)]);
		expect(a.items).toEqual([1, 2, 3]);
		expect(b.items).toEqual([1, 2, 3]);
		expect(calls).toBe(2);
		expect(pager.fetches).toBe(1);
	});
});

/** A manual clock and timer queue. */
function fakeTime() {
	let now = 1_000_000;
	const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
	return {
		now: () => now,
		schedule: (fn: () => void, ms: number): TimerHandle => {
			const timer = { at: now + ms, fn, cancelled: false };
			timers.push(timer);
			return { cancel: () => void (timer.cancelled = true) };
		},
		advance(ms: number) {
			now += ms;
			for (const timer of [...timers]) {
				if (!timer.cancelled && timer.at <= now) {
					timer.cancelled = true;
					timer.fn();
				}
			}
		},
		pending: () => timers.filter((t) => !t.cancelled).length,
	};
}

describe('PagerSessions', () => {
	const MIN = 60_000;

	it('gives the session to its owner only', () => {
		const time = fakeTime();
		const sessions = new PagerSessions<string>({ now: time.now, schedule: time.schedule });
		const id = sessions.create('owner', 'value');
		expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
		expect(sessions.open(id, 'someone-else')).toEqual({ status: 'not-owner' });
		expect(sessions.open(id, 'owner')).toEqual({ status: 'ok', value: 'value' });
		expect(sessions.open('unknown1', 'owner')).toEqual({ status: 'expired' });
	});

	it('expires after 10 minutes without use, telling the caller once', () => {
		const time = fakeTime();
		const expired: [string, string, string][] = [];
		const sessions = new PagerSessions<string>({
			now: time.now,
			schedule: time.schedule,
			onExpire: (id, v, reason) => expired.push([id, v, reason]),
		});
		const id = sessions.create('owner', 'v');
		time.advance(9 * MIN);
		expect(sessions.open(id, 'owner').status).toBe('ok'); // a use restarts the 10 minutes
		time.advance(9 * MIN);
		expect(expired).toEqual([]);
		expect(sessions.open(id, 'owner').status).toBe('ok');
		time.advance(10 * MIN);
		expect(expired).toEqual([[id, 'v', 'idle']]);
		expect(sessions.open(id, 'owner')).toEqual({ status: 'expired' });
		expect(sessions.size).toBe(0);
		expect(time.pending()).toBe(0);
		expect(expired).toHaveLength(1);
	});

	it('treats a session past its time as expired even if its timer has not run', () => {
		let now = 0;
		const expired: string[] = [];
		const sessions = new PagerSessions<string>({
			now: () => now,
			schedule: () => ({ cancel() {} }),
			onExpire: (id) => expired.push(id),
		});
		const id = sessions.create('owner', 'v');
		now += 10 * MIN;
		expect(sessions.open(id, 'owner')).toEqual({ status: 'expired' });
		expect(expired).toEqual([id]);
	});

	it('a press by someone else does not keep the session alive', () => {
		const time = fakeTime();
		const sessions = new PagerSessions<string>({ now: time.now, schedule: time.schedule });
		const id = sessions.create('owner', 'v');
		time.advance(9 * MIN);
		expect(sessions.open(id, 'other').status).toBe('not-owner');
		time.advance(MIN);
		expect(sessions.open(id, 'owner').status).toBe('expired');
	});

	it('is bounded: the least recently used session is evicted', () => {
		const time = fakeTime();
		const evicted: string[] = [];
		const sessions = new PagerSessions<number>({
			now: time.now,
			schedule: time.schedule,
			maxSessions: 3,
			onExpire: (id, _v, reason) => reason === 'evicted' && evicted.push(id),
		});
		const a = sessions.create('u', 1);
		const b = sessions.create('u', 2);
		const c = sessions.create('u', 3);
		sessions.touch(a); // b is now the least recently used
		const d = sessions.create('u', 4);
		expect(sessions.size).toBe(3);
		expect(evicted).toEqual([b]);
		expect(sessions.open(b, 'u').status).toBe('expired');
		for (const id of [a, c, d]) expect(sessions.open(id, 'u').status).toBe('ok');
		for (let i = 0; i < 1000; i++) sessions.create('u', i);
		expect(sessions.size).toBe(3);
		expect(time.pending()).toBe(3);
	});

	it('delete and clear end sessions without the expiry callback', () => {
		const time = fakeTime();
		const expired: string[] = [];
		const sessions = new PagerSessions<number>({
			now: time.now,
			schedule: time.schedule,
			onExpire: (id) => expired.push(id),
		});
		const a = sessions.create('u', 1);
		sessions.create('u', 2);
		expect(sessions.delete(a)).toBe(true);
		sessions.clear();
		time.advance(60 * MIN);
		expect(expired).toEqual([]);
		expect(time.pending()).toBe(0);
	});

	it("uses unref'd real timers by default", () => {
		const sessions = new PagerSessions<number>({ ttlMs: 50 });
		sessions.create('u', 1);
		expect(sessions.size).toBe(1);
		sessions.clear();
	});
});

describe('embed limits', () => {
	it('reports every broken limit', () => {
		const problems = checkEmbedLimits({
			title: 'x'.repeat(257),
			description: 'x'.repeat(4097),
			footer: { text: 'x'.repeat(2049) },
			fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v'.repeat(1025) })),
		});
		expect(problems.join('\n')).toMatch(/title/);
		expect(problems.join('\n')).toMatch(/description/);
		expect(problems.join('\n')).toMatch(/footer/);
		expect(problems.join('\n')).toMatch(/26 fields/);
		expect(problems.join('\n')).toMatch(/field 0 value/);
		expect(problems.join('\n')).toMatch(/totals/);
		expect(checkEmbedLimits({ title: 't', description: 'd', footer: { text: 'f' } })).toEqual([]);
	});

	it('fitEmbed cuts anything down to the limits', () => {
		const fitted = fitEmbed({
			title: 'x'.repeat(300),
			description: 'é'.repeat(5000),
			footer: { text: 'x'.repeat(3000) },
			fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: 'v'.repeat(2000) })),
		});
		expect(checkEmbedLimits(fitted)).toEqual([]);
		expect(fitted.title.endsWith('…')).toBe(true);
	});

	it('joinLinesWithin keeps whole lines and says how many were left out', () => {
		const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(80)}`);
		const text = joinLinesWithin(lines, 1000, (n) => `…and ${n} more`);
		expect(text.length).toBeLessThanOrEqual(1000);
		expect(text).toMatch(/…and \d+ more$/);
		expect(text.split('\n')[0]).toBe(lines[0]);
		expect(joinLinesWithin(['a', 'b'], 1000, () => 'more')).toBe('a\nb');
		expect(truncate('abcdef', 4)).toBe('abc…');
	});

	it('checks buttons: at most 5 per row, unique custom ids of at most 100 characters', () => {
		const button = (id: string) => ({ type: 2, style: 2, label: 'x', custom_id: id });
		expect(checkComponentLimits([{ type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) }])[0]).toMatch(
			/6 buttons/,
		);
		expect(checkComponentLimits([{ type: 1, components: [button('a'), button('a')] }])[0]).toMatch(/twice/);
		expect(checkComponentLimits([{ type: 1, components: [button('x'.repeat(101))] }])[0]).toMatch(/over 100/);
	});
});

describe('inventory view', () => {
	const account = { id: '5550001', name: 'builder_bob', displayName: 'Bob', avatarUrl: 'https://tr.rbxcdn.com/x.png' };

	it('maps each kind to a filter Roblox accepts, never asking for private servers', () => {
		expect(formatFilter(inventoryFilter('badges'))).toBe('badges=true');
		expect(formatFilter(inventoryFilter('gamepasses'))).toBe('gamePasses=true');
		expect(formatFilter(inventoryFilter('collectibles'))).toBe('onlyCollectibles=true;inventoryItemAssetTypes=*');
		expect(formatFilter(inventoryFilter('wearables'))).toMatch(
			/^inventoryItemAssetTypes=HAT,HAIR_ACCESSORY,.*,DRESS_SKIRT_ACCESSORY$/,
		);
		expect(formatFilter(inventoryFilter('all'))).toBe('inventoryItemAssetTypes=*;badges=true;gamePasses=true');
	});

	it('writes items in plain words with links, serials and dates', () => {
		const names = new Map([['2124', 'Welcome [to] *the* game']]);
		expect(itemLine({ kind: 'badge', id: '2124', addTime: '2024-05-01T00:00:00Z' }, names)).toBe(
			'[🏅 Welcome \\[to\\] \\*the\\* game](https://www.roblox.com/badges/2124) · obtained <t:1714521600:d>',
		);
		expect(itemLine({ kind: 'badge', id: '99' }, new Map())).toBe('[🏅 Badge 99](https://www.roblox.com/badges/99)');
		expect(itemLine({ kind: 'gamepass', id: '77' }, new Map())).toBe(
			'[🎟️ Game pass 77](https://www.roblox.com/game-pass/77)',
		);
		expect(
			itemLine(
				{
					kind: 'asset',
					id: '1365767',
					assetType: 'HAT',
					instanceId: '1',
					collectible: { itemId: 'a', instanceId: 'b', instanceState: 'AVAILABLE', serialNumber: 160 },
				},
				new Map(),
			),
		).toBe('[🧩 Hat 1365767](https://www.roblox.com/catalog/1365767) · #160');
		expect(assetTypeName('CLASSIC_TSHIRT')).toBe('Classic T-Shirt');
		expect(assetTypeName('LEFT_SHOE_ACCESSORY')).toBe('Left Shoe Accessory');
	});

	it('shows "Page X" until the total is known, and Last only then', () => {
		const page = { index: 0, items: [] as number[], pageCount: null, totalItems: null, isFirst: true, isLast: false };
		const row = navRow('abcdefgh', page);
		expect(row.components.map((b) => b.custom_id)).toEqual([
			'inventory:nav:abcdefgh:first:0',
			'inventory:nav:abcdefgh:prev:0',
			'inventory:nav:abcdefgh:next:1',
		]);
		expect(row.components.map((b) => b.disabled)).toEqual([true, true, false]);
		const known = navRow('abcdefgh', { ...page, index: 2, pageCount: 3, totalItems: 25, isFirst: false, isLast: true });
		expect(known.components.map((b) => [b.custom_id, b.disabled])).toEqual([
			['inventory:nav:abcdefgh:first:0', false],
			['inventory:nav:abcdefgh:prev:1', false],
			['inventory:nav:abcdefgh:next:3', true],
			['inventory:nav:abcdefgh:last:2', true],
		]);
	});

	it('keeps a page of very long badge names within Discord limits', () => {
		const items: InventoryItem[] = Array.from({ length: 10 }, (_, i) => ({
			kind: 'badge',
			id: String(1000 + i),
			addTime: '2024-01-01T00:00:00Z',
		}));
		const names = new Map(items.map((item) => [item.id, `${'Ünïcödé '.repeat(200)}`]));
		const view = renderInventoryPage({
			account: { ...account, displayName: 'D'.repeat(300) },
			kind: 'badges',
			page: { index: 0, items, pageCount: null, totalItems: null, isFirst: true, isLast: false },
			badgeNames: names,
			sessionId: 'abcdefgh',
		});
		expect(checkEmbedLimits(view.embeds[0]!)).toEqual([]);
		expect(checkComponentLimits(view.components)).toEqual([]);
		expect(view.embeds[0]!.footer!.text).toBe('Page 1');
		expect(view.embeds[0]!.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
	});
});

import { describe, expect, it } from 'vitest';
import { BindingLimitError, MAX_BINDINGS_PER_GUILD, type NewBinding } from '../../src/store/index.js';
import { describeEachStore } from './helpers.js';

describeEachStore((t) => {
	const badge = (itemId: string, roleId = 'role1'): NewBinding => ({
		kind: 'badge',
		itemId,
		roleId,
		itemName: `Badge ${itemId}`,
		addedBy: 'mod1',
	});

	describe('GuildStore', () => {
		it('returns defaults for an unknown guild, and fresh copies', async () => {
			const config = await t.stores.guilds.get('g1');
			expect(config).toEqual({ settings: { autoVerify: true }, bindings: [] });
			config.settings.autoVerify = false;
			config.bindings.push({ id: 'x', kind: 'collectible', roleId: 'r', addedBy: 'm', addedAt: '' });
			expect(await t.stores.guilds.get('g1')).toEqual({ settings: { autoVerify: true }, bindings: [] });
		});

		it('patches settings and clears them with undefined or null', async () => {
			expect(
				await t.stores.guilds.updateSettings('g1', { verifiedRoleId: 'v', auditChannelId: 'a', autoVerify: false }),
			).toEqual({
				verifiedRoleId: 'v',
				auditChannelId: 'a',
				autoVerify: false,
			});
			expect(await t.stores.guilds.updateSettings('g1', { nicknameTemplate: '{display} ({username})' })).toMatchObject({
				verifiedRoleId: 'v',
				nicknameTemplate: '{display} ({username})',
			});
			const cleared = await t.stores.guilds.updateSettings('g1', {
				verifiedRoleId: undefined,
				auditChannelId: null,
				autoVerify: null,
			});
			expect(cleared).toEqual({ nicknameTemplate: '{display} ({username})', autoVerify: true });
			expect((await t.stores.guilds.get('g1')).settings).toEqual(cleared);
		});

		it('adds bindings with short ids, detects duplicates, removes by id and by role', async () => {
			const a = await t.stores.guilds.addBinding('g1', badge('100'));
			expect(a.duplicate).toBe(false);
			expect(a.binding.id).toMatch(/^[0-9a-z]{6}$/);
			expect(a.binding).toMatchObject({ kind: 'badge', itemId: '100', roleId: 'role1', addedBy: 'mod1' });
			expect(Date.parse(a.binding.addedAt)).not.toBeNaN();

			const again = await t.stores.guilds.addBinding('g1', { ...badge('100'), addedBy: 'mod2' });
			expect(again).toEqual({ binding: a.binding, duplicate: true });
			// Same item, different role: a different binding.
			const b = await t.stores.guilds.addBinding('g1', badge('100', 'role2'));
			expect(b.duplicate).toBe(false);
			const c = await t.stores.guilds.addBinding('g1', { kind: 'collectible', roleId: 'role2', addedBy: 'mod1' });
			expect('itemId' in c.binding).toBe(false);
			expect(
				(await t.stores.guilds.addBinding('g1', { kind: 'collectible', roleId: 'role2', addedBy: 'x' })).duplicate,
			).toBe(true);
			expect((await t.stores.guilds.get('g1')).bindings).toHaveLength(3);

			expect(await t.stores.guilds.removeBinding('g1', a.binding.id)).toEqual(a.binding);
			expect(await t.stores.guilds.removeBinding('g1', a.binding.id)).toBeNull();
			expect((await t.stores.guilds.removeBindingsForRole('g1', 'role2')).map((x) => x.id).sort()).toEqual(
				[b.binding.id, c.binding.id].sort(),
			);
			expect((await t.stores.guilds.get('g1')).bindings).toEqual([]);
			expect(await t.stores.guilds.removeBindingsForRole('g1', 'role2')).toEqual([]);
		});

		it('keeps guilds apart', async () => {
			await t.stores.guilds.addBinding('g1', badge('1'));
			await t.stores.guilds.updateSettings('g2', { verifiedRoleId: 'v2' });
			expect((await t.stores.guilds.get('g2')).bindings).toEqual([]);
			expect((await t.stores.guilds.get('g1')).settings).toEqual({ autoVerify: true });
		});

		it('concurrent addBinding calls lose nothing', async () => {
			const results = await Promise.all(
				Array.from({ length: 30 }, (_, i) => t.stores.guilds.addBinding('g1', badge(String(i)))),
			);
			expect(results.every((r) => !r.duplicate)).toBe(true);
			const { bindings } = await t.stores.guilds.get('g1');
			expect(bindings).toHaveLength(30);
			expect(new Set(bindings.map((b) => b.id)).size).toBe(30);
		});

		it('concurrent settings patches and binding changes lose nothing', async () => {
			await Promise.all([
				t.stores.guilds.updateSettings('g1', { verifiedRoleId: 'v' }),
				t.stores.guilds.addBinding('g1', badge('1')),
				t.stores.guilds.updateSettings('g1', { auditChannelId: 'a' }),
				t.stores.guilds.addBinding('g1', badge('2')),
			]);
			const config = await t.stores.guilds.get('g1');
			expect(config.settings).toMatchObject({ verifiedRoleId: 'v', auditChannelId: 'a' });
			expect(config.bindings).toHaveLength(2);
		});

		it(`stops at ${MAX_BINDINGS_PER_GUILD} bindings, but still answers duplicates`, async () => {
			for (let i = 0; i < MAX_BINDINGS_PER_GUILD; i++) await t.stores.guilds.addBinding('g1', badge(String(i)));
			await expect(t.stores.guilds.addBinding('g1', badge('extra'))).rejects.toBeInstanceOf(BindingLimitError);
			expect((await t.stores.guilds.addBinding('g1', badge('5'))).duplicate).toBe(true);
			expect((await t.stores.guilds.get('g1')).bindings).toHaveLength(MAX_BINDINGS_PER_GUILD);
		});

		it('survives a reopen', async () => {
			const { binding } = await t.stores.guilds.addBinding('g1', badge('1'));
			await t.stores.guilds.updateSettings('g1', { unverifiedRoleId: 'u' });
			await t.stores.close();
			const again = await t.db.open();
			expect(await again.guilds.get('g1')).toEqual({
				settings: { unverifiedRoleId: 'u', autoVerify: true },
				bindings: [binding],
			});
		});

		it('reads bindings stored before kinds lived in one table, and keeps them working after a write', async () => {
			// Exactly what the previous version wrote: one flat shape for every kind, itemId optional, a stray itemId on
			// a collectible, a numeric id, and a row no kind accepts.
			await t.db.raw('guilds').set('g-old', {
				settings: { verifiedRoleId: 'v', autoVerify: true },
				bindings: [
					{
						id: 'aaaaaa',
						kind: 'badge',
						itemId: '2124',
						itemName: 'Welcome',
						roleId: 'r1',
						addedBy: 'm',
						addedAt: '2025-01-01T00:00:00.000Z',
					},
					{
						id: 'bbbbbb',
						kind: 'collectible',
						itemId: '9',
						roleId: 'r2',
						addedBy: 'm',
						addedAt: '2025-01-01T00:00:00.000Z',
					},
					{
						id: 'cccccc',
						kind: 'gamepass',
						itemId: 4242,
						roleId: 'r3',
						addedBy: 'm',
						addedAt: '2025-01-01T00:00:00.000Z',
					},
					{ id: 'dddddd', kind: 'gamepass', roleId: 'r4', addedBy: 'm', addedAt: '2025-01-01T00:00:00.000Z' },
					{
						id: 'eeeeee',
						kind: 'hologram',
						itemId: '1',
						roleId: 'r5',
						addedBy: 'm',
						addedAt: '2025-01-01T00:00:00.000Z',
					},
				],
			});
			const { bindings } = await t.stores.guilds.get('g-old');
			expect(bindings).toEqual([
				{
					id: 'aaaaaa',
					kind: 'badge',
					itemId: '2124',
					itemName: 'Welcome',
					roleId: 'r1',
					addedBy: 'm',
					addedAt: '2025-01-01T00:00:00.000Z',
				},
				{ id: 'bbbbbb', kind: 'collectible', roleId: 'r2', addedBy: 'm', addedAt: '2025-01-01T00:00:00.000Z' },
				{
					id: 'cccccc',
					kind: 'gamepass',
					itemId: '4242',
					roleId: 'r3',
					addedBy: 'm',
					addedAt: '2025-01-01T00:00:00.000Z',
				},
			]);
			// A new binding next to the old ones: the old ones are still found as duplicates.
			expect(
				(await t.stores.guilds.addBinding('g-old', { kind: 'badge', itemId: '2124', roleId: 'r1', addedBy: 'x' }))
					.duplicate,
			).toBe(true);
			await t.stores.guilds.addBinding('g-old', { kind: 'asset', itemId: '77', roleId: 'r6', addedBy: 'x' });
			const stored = (await t.db.raw<{ bindings: { id: string }[] }>('guilds').get('g-old'))!;
			expect(stored.bindings.map((b) => b.id).slice(0, 3)).toEqual(['aaaaaa', 'bbbbbb', 'cccccc']);
		});
	});
});

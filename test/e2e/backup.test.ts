import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA } from '../../src/backup/format.js';
import { Perm, type FakeGuild } from '../fakes/discord/index.js';
import { ADMIN_ID, createWorld, EPHEMERAL, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const BADGE = '2128001';
const PASS = '3128';
const SECOND_GUILD = '900000000000000002';
const SECOND_ADMIN = '100000000000000052';

describe('settings export and import', () => {
	let world: World;
	let bot: RunningBot;
	let second: FakeGuild;
	let auditA: string;
	let auditB: string;

	beforeEach(async () => {
		world = await createWorld();
		auditA = world.guild.addChannel({ name: 'rolink-audit' }).id;
		second = world.discord.addGuild({ id: SECOND_GUILD, name: 'Second Home' });
		// The same role names as the first server, with other ids (and in another order).
		second.addRole({ name: 'Server Admin', permissions: Perm.ManageGuild, position: 1 });
		second.addRole({ name: 'Verified', position: 2 });
		second.addRole({ name: 'VIP', position: 3 });
		second.addRole({ name: 'Badge Holder', position: 4 });
		second.addRole({ name: 'Unverified', position: 5 });
		auditB = second.addChannel({ name: 'rolink-audit' }).id;
		const adminRole = second.roles().find((r) => r.name === 'Server Admin')!;
		second.addMember({ userId: SECOND_ADMIN, username: 'admin2', roleIds: [adminRole.id] });
		bot = await startBot(world);
		const { guilds } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			itemName: 'Obby',
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await guilds.addBinding(world.guild.id, {
			kind: 'gamepass',
			itemId: PASS,
			roleId: world.roles.pass.id,
			addedBy: ADMIN_ID,
		});
		await guilds.addBinding(world.guild.id, { kind: 'collectible', roleId: world.roles.pass.id, addedBy: ADMIN_ID });
		await guilds.updateSettings(world.guild.id, {
			verifiedRoleId: world.roles.verified.id,
			unverifiedRoleId: world.roles.unverified.id,
			auditChannelId: auditA,
			nicknameTemplate: '{smart-name}',
			minAccountAgeDays: 7,
			autoVerify: false,
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function exportFirst(): Promise<string> {
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'export',
		});
		const reply = await run.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.attachments).toHaveLength(1);
		expect(reply.attachments[0].filename).toBe(`rolink-settings-${world.guild.id}.json`);
		return world.discord.attachmentText(reply.attachments[0].url)!;
	}

	const importInto = (content: string, size?: number) => {
		const file = world.discord.uploadAttachment('backup.json', content, size === undefined ? {} : { size });
		return world.discord.runCommand({
			guildId: SECOND_GUILD,
			userId: SECOND_ADMIN,
			name: 'settings',
			subcommand: 'import',
			options: { file },
		});
	};

	it('exports JSON that follows the schema, with names beside ids', async () => {
		const json = JSON.parse(await exportFirst());
		const validate = new Ajv({ strict: true }).compile(EXPORT_SCHEMA);
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(json.version).toBe(1);
		expect(json.settings.verifiedRole).toEqual({ id: world.roles.verified.id, name: 'Verified' });
		expect(json.settings.auditChannel).toEqual({ id: auditA, name: 'rolink-audit' });
		expect(json.bindings).toContainEqual({
			kind: 'badge',
			itemId: BADGE,
			itemName: 'Obby',
			role: { id: world.roles.badge.id, name: 'Badge Holder' },
		});
		expect(json.bindings).toHaveLength(3);
	});

	it('restores every binding by name into a second server with other role ids, after a preview and Apply', async () => {
		const content = await exportFirst();
		const role = (name: string) => second.roles().find((r) => r.name === name)!.id;
		const run = importInto(content);
		const preview = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(preview.flags & EPHEMERAL).toBe(EPHEMERAL);
		const text = textOf(preview);
		// 3 bindings + verified, unverified, audit, template, age; auto-verify was on and the file turns it off.
		expect(text).toMatch(/Added \(8\)/);
		expect(text).toMatch(/Auto-verify on join: off \(was on\)/);
		expect(text).toMatch(/Minimum Roblox account age: 7 days/);
		expect(text).toMatch(/Could not be mapped, left out \(0\)/);
		// Nothing is written before Apply.
		expect((await bot.app.ctx.stores.guilds.get(SECOND_GUILD)).bindings).toHaveLength(0);

		const apply = preview.components[0].components.find((c: any) => c.label === 'Apply').custom_id;
		const press = world.discord.pressButton({
			guildId: SECOND_GUILD,
			userId: SECOND_ADMIN,
			customId: apply,
			messageId: preview.id,
		});
		await press.waitForReply((m) => /Imported/.test(m.content ?? ''));
		const config = await bot.app.ctx.stores.guilds.get(SECOND_GUILD);
		expect(config.bindings.map((b) => [b.kind, 'itemId' in b ? b.itemId : undefined, b.roleId]).sort()).toEqual(
			[
				['badge', BADGE, role('Badge Holder')],
				['collectible', undefined, role('VIP')],
				['gamepass', PASS, role('VIP')],
			].sort(),
		);
		expect(config.settings).toMatchObject({
			verifiedRoleId: role('Verified'),
			unverifiedRoleId: role('Unverified'),
			auditChannelId: auditB,
			nicknameTemplate: '{smart-name}',
			minAccountAgeDays: 7,
			autoVerify: false,
		});
	});

	it('carries group bindings (group id and rank rule) through export and import', async () => {
		const { guilds } = bot.app.ctx.stores;
		const group = { kind: 'group', groupId: '4242', groupName: 'Builders' } as const;
		await guilds.addBinding(world.guild.id, {
			...group,
			rule: { type: 'range', min: 10, max: 200 },
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await guilds.addBinding(world.guild.id, {
			...group,
			rule: { type: 'guest' },
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
			giveOnly: true,
		});
		const content = await exportFirst();
		const json = JSON.parse(content);
		expect(new Ajv({ strict: true }).compile(EXPORT_SCHEMA)(json)).toBe(true);
		expect(json.bindings).toContainEqual({
			...group,
			rule: { type: 'range', min: 10, max: 200 },
			role: { id: world.roles.badge.id, name: 'Badge Holder' },
		});

		const preview = await importInto(content).waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(textOf(preview)).toMatch(/Added \(10\)/);
		const apply = preview.components[0].components.find((c: any) => c.label === 'Apply').custom_id;
		await world.discord
			.pressButton({ guildId: SECOND_GUILD, userId: SECOND_ADMIN, customId: apply, messageId: preview.id })
			.waitForReply((m) => /Imported/.test(m.content ?? ''));
		const holder = second.roles().find((r) => r.name === 'Badge Holder')!.id;
		const groups = (await guilds.get(SECOND_GUILD)).bindings.filter((b) => b.kind === 'group');
		expect(groups.map((b) => ({ rule: 'rule' in b ? b.rule : null, roleId: b.roleId, giveOnly: b.giveOnly }))).toEqual([
			{ rule: { type: 'range', min: 10, max: 200 }, roleId: holder, giveOnly: undefined },
			{ rule: { type: 'guest' }, roleId: holder, giveOnly: true },
		]);
	});

	it('lists what cannot be mapped and Cancel writes nothing', async () => {
		const json = JSON.parse(await exportFirst());
		json.bindings.push({ kind: 'asset', itemId: '55', role: { id: '123456789012345678', name: 'Nowhere' } });
		const preview = await importInto(JSON.stringify(json)).waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(textOf(preview)).toMatch(/no role here has id 123456789012345678 or the name 'Nowhere'/);
		const cancel = preview.components[0].components.find((c: any) => c.label === 'Cancel').custom_id;
		await world.discord
			.pressButton({ guildId: SECOND_GUILD, userId: SECOND_ADMIN, customId: cancel, messageId: preview.id })
			.waitForReply((m) => /cancelled/.test(m.content ?? ''));
		expect(await bot.app.ctx.stores.guilds.get(SECOND_GUILD)).toEqual({ settings: { autoVerify: true }, bindings: [] });
	});

	it('answers every bad file with one plain sentence saying what is wrong where, and writes nothing', async () => {
		const good = JSON.parse(await exportFirst());
		const variant = (change: (file: any) => void) => {
			const copy = structuredClone(good);
			change(copy);
			return JSON.stringify(copy);
		};
		const cases: [string, string, number?][] = [
			[variant(() => undefined), 'the file is 2.0 MB; the limit is 1 MB', 2 * 1024 * 1024],
			['{"version": 1, "settings": ', 'not JSON'],
			['[1, 2]', 'not a Rolink settings export (expected a JSON object)'],
			[variant((f) => delete f.version), 'version: missing'],
			[variant((f) => (f.version = 2)), 'version: Rolink reads version 1, this file says 2'],
			[
				variant((f) => f.bindings.push(f.bindings[0], { ...f.bindings[0], kind: 'grp' })),
				"bindings[4].kind: unknown kind 'grp'",
			],
			[variant((f) => (f.bindings[0].itemId = '12x')), "bindings[0].itemId: '12x' is not a Roblox id"],
			[variant((f) => (f.bindings[2].itemId = '5')), "bindings[2].itemId: the 'collectible' kind takes no item id"],
			[variant((f) => delete f.bindings[1].role), 'bindings[1].role: missing'],
			[
				variant((f) =>
					f.bindings.push({ kind: 'group', groupId: '7x', rule: { type: 'any' }, role: f.bindings[0].role }),
				),
				"bindings[3].groupId: '7x' is not a Roblox id",
			],
			[
				variant((f) =>
					f.bindings.push({ kind: 'group', groupId: '7', rule: { type: 'rank' }, role: f.bindings[0].role }),
				),
				"bindings[3]: not a 'group' binding Rolink can read",
			],
			[variant((f) => (f.bindings[1].role.id = 'abc')), "bindings[1].role.id: 'abc' is not a Discord id"],
			[variant((f) => (f.settings.autoVerify = 'yes')), 'settings.autoVerify: must be a boolean'],
			[variant((f) => (f.settings.colour = 'red')), 'settings.colour: not a field Rolink knows'],
			[variant((f) => (f.settings.nicknameTemplate = '{oops}')), 'settings.nicknameTemplate: '],
		];
		for (const [content, expected, size] of cases) {
			const reply = await importInto(content, size).waitForReply();
			expect(reply.content, content.slice(0, 80)).toContain(`That file cannot be imported: ${expected}`);
			expect(reply.content).toMatch(/Nothing was changed\.$/);
			expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		}
		expect(await bot.app.ctx.stores.guilds.get(SECOND_GUILD)).toEqual({ settings: { autoVerify: true }, bindings: [] });
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ADMIN_ID,
	createWorld,
	EPHEMERAL,
	MEMBER_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';

const ROBLOX_ID = '6660001';
const BADGE = '2124001';
const PASS = '3003';

describe('role bindings and automatic verification', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'collector_cat', displayName: 'Cat' });
		world.roblox.addBadge({ id: BADGE, name: 'Beat the Obby' });
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const admin = (subcommand: string, options: Record<string, string | number | boolean>, name = 'bind') =>
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name, subcommand, options });
	const link = (discordId = MEMBER_ID, robloxId = ROBLOX_ID) =>
		bot.app.ctx.stores.links.save({
			discordId,
			robloxId,
			robloxName: 'collector_cat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	const roleIds = (userId = MEMBER_ID) => world.guild.member(userId)!.roleIds;
	const update = async (userId = MEMBER_ID) =>
		textOf(await world.discord.runCommand({ guildId: world.guild.id, userId, name: 'update' }).waitForReply());

	async function bindBadgeAndPass() {
		expect(textOf(await admin('add', { kind: 'badge', id: BADGE, role: world.roles.badge.id }).waitForReply())).toMatch(
			/now get/,
		);
		expect(
			textOf(await admin('add', { kind: 'gamepass', id: PASS, role: world.roles.pass.id }).waitForReply()),
		).toMatch(/now get/);
		await admin(
			'set',
			{ 'verified-role': world.roles.verified.id, 'unverified-role': world.roles.unverified.id },
			'settings',
		).waitForReply();
	}

	it('grants on update, removes when the item is gone, with one Roblox request per check and one member edit', async () => {
		await bindBadgeAndPass();
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'gamepass', id: PASS });
		await link();
		world.roblox.resetRequests();
		const before = world.discord.requests.length;

		expect(await update()).toMatch(/Added/);
		expect(roleIds()).toEqual(
			expect.arrayContaining([world.roles.badge.id, world.roles.pass.id, world.roles.verified.id]),
		);
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		const edits = world.discord.requests
			.slice(before)
			.filter((r) => r.path === `/guilds/${world.guild.id}/members/${MEMBER_ID}` && r.method === 'PATCH');
		expect(edits).toHaveLength(1);
		expect(edits[0]!.reason).toBe('Rolink: /update');

		world.roblox.removeItem(ROBLOX_ID, 'gamepass', PASS);
		expect(await update()).toMatch(/Removed/);
		expect(roleIds()).not.toContain(world.roles.pass.id);
		expect(roleIds()).toContain(world.roles.badge.id);
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(2);
	});

	it.each([
		['429 storm', { status: 429, times: 50 }],
		['500s', { status: 500, times: 50 }],
		['timeouts', { hang: true, times: 50 }],
		['malformed JSON', { malformed: true, times: 50 }],
	])('never removes a role when Roblox fails (%s)', async (_label, fault) => {
		await bindBadgeAndPass();
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		await link();
		await update();
		expect(roleIds()).toContain(world.roles.badge.id);

		world.roblox.removeItem(ROBLOX_ID, 'badge', BADGE);
		world.roblox.injectFault({ path: /inventory-items/, ...fault });
		const text = await update();
		expect(text).toMatch(/no role was removed|Nothing was removed/i);
		expect(roleIds()).toContain(world.roles.badge.id);
	});

	it('keeps roles and tells the member how to fix a private inventory', async () => {
		await bindBadgeAndPass();
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		await link();
		await update();
		world.roblox.setInventoryPublic(ROBLOX_ID, false);
		world.roblox.removeItem(ROBLOX_ID, 'badge', BADGE);
		const text = await update();
		expect(text).toMatch(/inventory is private/);
		expect(text).toMatch(/Who can see my inventory/);
		expect(roleIds()).toContain(world.roles.badge.id);
	});

	it('refuses roles above the bot, managed roles, @everyone and dangerous roles, with the fix', async () => {
		const above = textOf(await admin('add', { kind: 'badge', id: BADGE, role: world.roles.high.id }).waitForReply());
		expect(above).toMatch(/above Rolink's highest role/);
		expect(above).toMatch(/drag Rolink's role above/);
		expect(
			textOf(await admin('add', { kind: 'badge', id: BADGE, role: world.guild.botRole().id }).waitForReply()),
		).toMatch(/managed by an integration/);
		expect(textOf(await admin('add', { kind: 'badge', id: BADGE, role: world.guild.id }).waitForReply())).toMatch(
			/@everyone/,
		);
		expect(
			textOf(await admin('add', { kind: 'badge', id: BADGE, role: world.roles.dangerous.id }).waitForReply()),
		).toMatch(/dangerous permissions \(Kick Members\)/);
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).bindings).toHaveLength(0);
		// Explicit opt-in works.
		expect(
			textOf(
				await admin('add', {
					kind: 'badge',
					id: BADGE,
					role: world.roles.dangerous.id,
					'allow-dangerous': true,
				}).waitForReply(),
			),
		).toMatch(/now get/);
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).bindings).toHaveLength(1);
	});

	it('checks the badge exists and the id is valid', async () => {
		expect(textOf(await admin('add', { kind: 'badge', id: '999', role: world.roles.badge.id }).waitForReply())).toMatch(
			/no badge with id 999/,
		);
		expect(textOf(await admin('add', { kind: 'badge', id: '-4', role: world.roles.badge.id }).waitForReply())).toMatch(
			/whole numbers above 0/,
		);
		expect(textOf(await admin('add', { kind: 'gamepass', role: world.roles.badge.id }).waitForReply())).toMatch(
			/Give the item id/,
		);
		expect(
			textOf(await admin('add', { kind: 'collectible', id: '5', role: world.roles.badge.id }).waitForReply()),
		).toMatch(/leave `id` empty/);
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).bindings).toHaveLength(0);
	});

	it('refuses /bind, /settings and /update-all to members without Manage Server, at run time', async () => {
		for (const [name, subcommand] of [
			['bind', 'list'],
			['settings', 'show'],
			['update-all', undefined],
		] as const) {
			const run = world.discord.runCommand({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				name,
				...(subcommand ? { subcommand } : {}),
			});
			const reply = await run.waitForReply();
			expect(reply.content).toMatch(/Manage Server/);
			expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		}
		const other = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'update',
			options: { member: ADMIN_ID },
		});
		expect((await other.waitForReply()).content).toMatch(/Manage Roles/);
	});

	it('lists bindings and flags the ones the bot cannot apply; a deleted role can still be removed', async () => {
		await bindBadgeAndPass();
		world.guild.setRolePosition(world.roles.pass.id, 70);
		const doomed = world.guild.addRole({ name: 'Doomed', position: 8 });
		await admin('add', { kind: 'asset', id: '77', role: doomed.id }).waitForReply();
		world.guild.deleteRole(doomed.id);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const list = textOf(await admin('list', {}).waitForReply());
		expect(list).toMatch(/above Rolink's highest role/);
		expect(list).toMatch(/role was deleted/);
		const bindings = (await bot.app.ctx.stores.guilds.get(world.guild.id)).bindings;
		const orphan = bindings.find((b) => b.roleId === doomed.id)!;
		expect(textOf(await admin('remove', { binding: orphan.id }).waitForReply())).toMatch(/Removed the binding/);
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).bindings).toHaveLength(2);
	});

	it('gives a linked member their roles on join and an unlinked one the unverified role', async () => {
		await bindBadgeAndPass();
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		const joiner = '100000000000000777';
		const stranger = '100000000000000778';
		await link(joiner);
		world.discord.memberJoin(world.guild.id, { userId: joiner, username: 'joiner' });
		world.discord.memberJoin(world.guild.id, { userId: stranger, username: 'stranger' });
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${joiner}`));
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${stranger}`));
		expect(roleIds(joiner)).toEqual(expect.arrayContaining([world.roles.badge.id, world.roles.verified.id]));
		expect(roleIds(stranger)).toEqual([world.roles.unverified.id]);
	});

	it('tells a joining member with a private inventory how to fix it by DM, once, and keeps their roles', async () => {
		await bindBadgeAndPass();
		const joiner = '100000000000000779';
		await link(joiner);
		world.roblox.setInventoryPublic(ROBLOX_ID, false);
		world.discord.memberJoin(world.guild.id, { userId: joiner, username: 'private-pat' });
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				/\/channels\/\d+\/messages/.test(r.path) &&
				/inventory is private/.test(r.body?.content ?? ''),
		);
		expect(
			world.discord
				.dmMessages(joiner)
				.map((m) => m.content)
				.join('\n'),
		).toMatch(/Who can see my inventory/);
		// Linked members get the verified role even when their items cannot be read; nothing is removed.
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${joiner}`));
		expect(roleIds(joiner)).toContain(world.roles.verified.id);
		// A second background check within the week sends no second DM.
		const member = await bot.app.client.guilds.cache.get(world.guild.id)!.members.fetch(joiner);
		await bot.app.ctx.members.sync(member, { trigger: 'sweep', priority: 'background' });
		expect(world.discord.dmMessages(joiner)).toHaveLength(1);
	});

	it('sets nicknames from the template and refuses one that can grow past 32 characters', async () => {
		const bad = textOf(
			await admin('set', { 'nickname-template': '{display-name} the great {roblox-name}' }, 'settings').waitForReply(),
		);
		expect(bad).toMatch(/can expand to \d+ characters/);
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).settings.nicknameTemplate).toBeUndefined();
		await admin('set', { 'nickname-template': '{smart-name}' }, 'settings').waitForReply();
		await link();
		await update();
		expect(world.guild.member(MEMBER_ID)!.nick).toBe('Cat (@collector_cat)');
	});

	it('posts role changes to the audit channel', async () => {
		const audit = world.guild.addChannel({ name: 'rolink-audit' });
		await bindBadgeAndPass();
		await admin('set', { 'audit-channel': audit.id }, 'settings').waitForReply();
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		await link();
		await update();
		const post = await world.discord.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path === `/channels/${audit.id}/messages` &&
				/Roles updated/.test(JSON.stringify(r.body)),
		);
		expect(JSON.stringify(post.body)).toMatch(/collector_cat/);
		expect(post.body.allowed_mentions).toEqual({ parse: [] });
		expect(JSON.stringify(world.guild.messages(audit.id))).toMatch(/Roles updated/);
	});

	it('takes roles away when items are sold, retries failures, and spends no Roblox request on unlinked members', async () => {
		const { Sweeper } = await import('../../src/roles/sweep.js');
		const { DiscordMemberPorts } = await import('../../src/bot/bulk-ports.js');
		const ctx = bot.app.ctx;
		await ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		const seller = MEMBER_ID;
		const unlinkedHolder = '100000000000000555';
		const flaky = '100000000000000556';
		world.guild.addMember({ userId: unlinkedHolder, username: 'left-link', roleIds: [world.roles.badge.id] });
		world.guild.addMember({ userId: flaky, username: 'flaky', roleIds: [world.roles.badge.id] });
		world.guild.member(seller)!.roleIds.push(world.roles.badge.id);
		world.roblox.addUser({ id: '6660002', name: 'flaky_fred' });
		world.roblox.giveItem('6660002', { kind: 'badge', id: BADGE });
		await ctx.stores.links.save({
			discordId: seller,
			robloxId: ROBLOX_ID,
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		await ctx.stores.links.save({
			discordId: flaky,
			robloxId: '6660002',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		// The seller's badge is gone; fred's inventory answers 500 twice, then recovers.
		world.roblox.injectFault({ path: /users\/6660002\/inventory-items/, status: 500, times: 6 });
		world.roblox.resetRequests();

		const ports = new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		const sweeper = new Sweeper(
			{
				guildIds: () => [world.guild.id],
				listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
				linkedAmong: (ids) => ports.linkedAmong(ids),
				checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
			},
			{ periodMs: 200, retryDelayMs: 50, maxRetries: 3 },
		);
		const result = await sweeper.runPass();
		expect(result.changed).toBeGreaterThanOrEqual(1);
		expect(result.failed).toBeGreaterThanOrEqual(1);
		expect(result.retried).toBeGreaterThanOrEqual(1);
		expect(world.guild.member(seller)!.roleIds).not.toContain(world.roles.badge.id);
		expect(world.guild.member(flaky)!.roleIds).toContain(world.roles.badge.id);
		// The sweep only walks linked members: the unlinked holder costs no Roblox request and is left to /update-all.
		expect(world.guild.member(unlinkedHolder)!.roleIds).toContain(world.roles.badge.id);
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		const reasons = world.discord.requests
			.filter((r) => r.method === 'PATCH' && r.path.includes('/members/'))
			.map((r) => r.reason);
		expect(reasons).toContain('Rolink: periodic re-verification');
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const ROBLOX_ID = '5580001';
const BADGE = '2129001';
const PASS = '3129';

/** Give-only bindings (/bind add … remove:False): the role is given when earned and never taken away. */
describe('give-only bindings', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'prize_pat', displayName: 'Pat' });
		world.roblox.addBadge({ id: BADGE, name: 'Event Winner' });
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const bind = (subcommand: string, options: Record<string, string | boolean> = {}) =>
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'bind', subcommand, options });
	const roleIds = () => world.guild.member(MEMBER_ID)!.roleIds;

	it('keeps a give-only role through a sweep after the item is gone; a normal binding still takes its role', async () => {
		const added = textOf(
			await bind('add', { kind: 'badge', id: BADGE, role: world.roles.badge.id, remove: false }).waitForReply(),
		);
		expect(added).toMatch(/Give-only/);
		await bind('add', { kind: 'gamepass', id: PASS, role: world.roles.pass.id }).waitForReply();
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { verifiedRoleId: world.roles.verified.id });
		const list = textOf(await bind('list').waitForReply());
		expect(list).toMatch(new RegExp(`badge ${BADGE}.*<@&${world.roles.badge.id}> \\(give-only\\)`));
		expect(list).not.toMatch(new RegExp(`<@&${world.roles.pass.id}> \\(give-only\\)`));

		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'prize_pat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		// Earned (or given by hand) earlier; now neither item is owned, and the sweep runs.
		world.guild.member(MEMBER_ID)!.roleIds.push(world.roles.badge.id, world.roles.pass.id);
		const { Sweeper } = await import('../../src/roles/sweep.js');
		const { DiscordMemberPorts } = await import('../../src/bot/bulk-ports.js');
		const ctx = bot.app.ctx;
		const ports = new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		const pass = await new Sweeper(
			{
				guildIds: () => [world.guild.id],
				listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
				linkedAmong: (ids) => ports.linkedAmong(ids),
				checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
			},
			{ periodMs: 100 },
		).runPass();
		expect(pass.changed).toBe(1);
		expect(roleIds()).toContain(world.roles.badge.id);
		expect(roleIds()).not.toContain(world.roles.pass.id);
		// The verified role keeps its own rule.
		expect(roleIds()).toContain(world.roles.verified.id);
	});

	it('carries give-only through export and import', async () => {
		await bind('add', { kind: 'badge', id: BADGE, role: world.roles.badge.id, remove: false }).waitForReply();
		const reply = await world.discord
			.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'settings', subcommand: 'export' })
			.waitForReply();
		const json = JSON.parse(world.discord.attachmentText(reply.attachments[0].url)!);
		expect(json.bindings[0]).toMatchObject({ kind: 'badge', itemId: BADGE, giveOnly: true });
	});
});

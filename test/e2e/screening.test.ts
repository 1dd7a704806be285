import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, createWorld, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const ROBLOX_ID = '6670001';
const BADGE = '2125001';
const JOINER = '100000000000000901';

/** Membership Screening: a pending member (rules not accepted yet) gets the unverified role only. */
describe('Membership Screening', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'pending_pat', displayName: 'Pat' });
		world.roblox.addBadge({ id: BADGE, name: 'Rule Reader' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		bot = await startBot(world);
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await guilds.updateSettings(world.guild.id, {
			verifiedRoleId: world.roles.verified.id,
			unverifiedRoleId: world.roles.unverified.id,
		});
		await links.save({
			discordId: JOINER,
			robloxId: ROBLOX_ID,
			robloxName: 'pending_pat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const roleIds = () => world.guild.member(JOINER)!.roleIds;
	const memberEdits = () =>
		world.discord.requests.filter(
			(r) => r.method === 'PATCH' && r.path === `/guilds/${world.guild.id}/members/${JOINER}`,
		);

	it('gives no bound role until the member update that clears pending, then every role at once', async () => {
		world.roblox.resetRequests();
		world.discord.memberJoin(world.guild.id, { userId: JOINER, username: 'pat', pending: true });
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${JOINER}`));
		expect(roleIds()).toEqual([world.roles.unverified.id]);
		// No Roblox request for a member who cannot get the roles anyway.
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(0);

		// /update while pending: held back, told why.
		const text = textOf(
			await world.discord.runCommand({ guildId: world.guild.id, userId: JOINER, name: 'update' }).waitForReply(),
		);
		expect(text).toMatch(/not accepted this server's rules/);
		expect(roleIds()).toEqual([world.roles.unverified.id]);

		const before = memberEdits().length;
		world.discord.passScreening(world.guild.id, JOINER);
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'PATCH' &&
				r.path.endsWith(`/members/${JOINER}`) &&
				r.reason === 'Rolink: member accepted the server rules',
		);
		expect(memberEdits().length).toBe(before + 1);
		expect([...roleIds()].sort()).toEqual([world.roles.badge.id, world.roles.verified.id].sort());
	});

	it('notices the cleared pending after a restart, when the old member is not cached', async () => {
		world.discord.memberJoin(world.guild.id, { userId: JOINER, username: 'pat', pending: true });
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${JOINER}`));
		await bot.stop();
		bot = await startBot(world);
		bot.app.client.guilds.cache.get(world.guild.id)!.members.cache.delete(JOINER);
		world.discord.passScreening(world.guild.id, JOINER);
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'PATCH' &&
				r.path.endsWith(`/members/${JOINER}`) &&
				r.reason === 'Rolink: member accepted the server rules',
		);
		expect(roleIds()).toEqual(expect.arrayContaining([world.roles.badge.id, world.roles.verified.id]));
	});

	it('sweeps and /update-all skip pending members and count them as skipped', async () => {
		world.discord.memberJoin(world.guild.id, { userId: JOINER, username: 'pat', pending: true });
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${JOINER}`));
		const { Sweeper } = await import('../../src/roles/sweep.js');
		const { DiscordMemberPorts } = await import('../../src/bot/bulk-ports.js');
		const ctx = bot.app.ctx;
		const ports = new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		const sweeper = new Sweeper(
			{
				guildIds: () => [world.guild.id],
				listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
				linkedAmong: (ids) => ports.linkedAmong(ids),
				checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
			},
			{ periodMs: 100 },
		);
		world.roblox.resetRequests();
		const pass = await sweeper.runPass();
		expect(pass).toMatchObject({ checked: 1, skipped: 1, changed: 0, failed: 0 });
		expect(roleIds()).toEqual([world.roles.unverified.id]);

		await ctx.bulk.start(world.guild.id, ADMIN_ID);
		const run = await ctx.bulk.wait(world.guild.id);
		expect(run?.status).toBe('done');
		// The unlinked members get the unverified role (changed); the pending member is skipped; nobody fails.
		expect(run?.skipped).toBe(1);
		expect(run?.failed).toBe(0);
		expect(roleIds()).toEqual([world.roles.unverified.id]);
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(0);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ADMIN_ID,
	createWorld,
	MEMBER_ID,
	MOD_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';
import { answerOf, until } from '../reliability/helpers.js';

/** A linked Roblox account that Roblox deleted: 404s for days before its roles go, never after one blip. */
const ROBLOX_ID = '5770001';
const BADGE = '7701';
const DAY = 86_400_000;

describe('Roblox accounts that no longer exist', () => {
	let world: World;
	let bot: RunningBot;
	let offset = 0;
	let auditId: string;
	beforeEach(async () => {
		offset = 0;
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'vanishing_vic' });
		world.roblox.addBadge({ id: BADGE, name: 'Old' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		auditId = world.guild.addChannel({ name: 'audit' }).id;
		bot = await startBot(world, {}, { now: () => Date.now() + offset });
		const ctx = bot.app.ctx;
		// The test presses /update more often than a member may (5 a minute); the limit is not what is tested here.
		ctx.limits.update = { take: () => 0 } as unknown as typeof ctx.limits.update;
		await ctx.stores.guilds.updateSettings(world.guild.id, {
			auditChannelId: auditId,
			verifiedRoleId: world.roles.verified.id,
		});
		await ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'vanishing_vic',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const roles = () => world.guild.member(MEMBER_ID)!.roleIds;
	const update = async () =>
		(await answerOf(world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }))).text;

	it('keeps the roles through 404s until they span three days, then removes them, keeps the link marked gone, and lets the member link again', async () => {
		expect(await update()).toMatch(/Added/);
		expect(roles()).toEqual(expect.arrayContaining([world.roles.badge.id, world.roles.verified.id]));
		world.roblox.removeUser(ROBLOX_ID);

		// Many 404s within minutes (a blip, or a member pressing /update again and again): nothing is removed.
		for (let i = 0; i < 4; i++) expect(await update()).toMatch(/no role was removed/i);
		offset = 1 * DAY;
		expect(await update()).toMatch(/no role was removed/i);
		offset = 2 * DAY;
		expect(await update()).toMatch(/no role was removed/i);
		expect(roles()).toEqual(expect.arrayContaining([world.roles.badge.id, world.roles.verified.id]));
		const link = await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID);
		expect(link).toMatchObject({ missingChecks: 6 });
		expect(link!.goneAt).toBeUndefined();

		// Three days after the first 404: the account is gone.
		offset = 3 * DAY + 60_000;
		expect(await update()).toMatch(/Removed/);
		expect(roles()).not.toContain(world.roles.badge.id);
		expect(roles()).not.toContain(world.roles.verified.id);
		const gone = await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID);
		expect(gone).toMatchObject({ robloxId: ROBLOX_ID, goneAt: expect.any(String) });
		await until(
			() => world.guild.messages(auditId).find((m) => /Roblox account no longer exists/.test(textOf(m))),
			5_000,
			'the audit post',
		);

		const lookup = await answerOf(
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: MOD_ID,
				name: 'lookup',
				subcommand: 'member',
				options: { member: MEMBER_ID },
			}),
		);
		expect(lookup.text).toMatch(/no longer exists/);

		// The member counts as not linked: /verify explains and offers to link another account.
		const verify = await answerOf(
			world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify' }),
		);
		expect(verify.text).toMatch(/no longer exists on Roblox/);
		world.roblox.addUser({ id: '5770002', name: 'new_vic' });
		const again = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'new_vic' },
		});
		const reply = await again.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(textOf(reply)).toMatch(/new_vic/);
	});

	it('a successful answer in between starts the count again', async () => {
		await update();
		world.roblox.removeUser(ROBLOX_ID);
		await update();
		offset = 2 * DAY;
		await update();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'vanishing_vic' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		await update();
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).not.toHaveProperty('missingSince');
		world.roblox.removeUser(ROBLOX_ID);
		offset = 4 * DAY;
		await update();
		offset = 5 * DAY;
		await update();
		expect(await update()).toMatch(/no role was removed/i);
		expect(roles()).toContain(world.roles.badge.id);
	});
});

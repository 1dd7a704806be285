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

const YOUNG = '5560001';
const BADGE = '2126001';
const DAY = 86_400_000;

/** The minimum Roblox account age: a younger account is linked but held back (no roles) until it is old enough. */
describe('minimum Roblox account age', () => {
	let world: World;
	let bot: RunningBot;
	const createdAt = Date.now() - 2 * DAY;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({
			id: YOUNG,
			name: 'fresh_fern',
			displayName: 'Fern',
			created: new Date(createdAt).toISOString(),
		});
		world.roblox.addBadge({ id: BADGE, name: 'First Steps' });
		world.roblox.giveItem(YOUNG, { kind: 'badge', id: BADGE });
		bot = await startBot(world);
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		const set = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'set',
			options: {
				'verified-role': world.roles.verified.id,
				'unverified-role': world.roles.unverified.id,
				'min-account-age': 7,
			},
		});
		expect(textOf(await set.waitForReply())).toMatch(/Minimum Roblox account age\n7 days/);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const roleIds = (userId = MEMBER_ID) => world.guild.member(userId)!.roleIds;
	const eligibleUnix = Math.floor((createdAt + 7 * DAY) / 1000);

	it('links a 2-day-old account under a 7-day rule but holds its roles back, and says when to try again', async () => {
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'fresh_fern' },
		});
		const reply = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		const code = /```\n([a-z ]+)\n```/.exec(textOf(reply))![1]!;
		world.roblox.setAbout(YOUNG, code);
		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: reply.components[0].components[0].custom_id,
		});
		const done = textOf(await press.waitForReply((m) => /now linked/.test(m.content ?? '')));
		expect(done).toMatch(/at least 7 days old/);
		expect(done).toContain(`<t:${eligibleUnix}:f>`);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toMatchObject({ robloxId: YOUNG });
		expect(roleIds()).toEqual([world.roles.unverified.id]);

		// /update is checked again, with the same answer.
		const update = textOf(
			await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply(),
		);
		expect(update).toContain(`<t:${eligibleUnix}:f>`);
		expect(roleIds()).toEqual([world.roles.unverified.id]);

		// Moderators see the restriction in /lookup.
		const lookup = textOf(
			await world.discord
				.runCommand({
					guildId: world.guild.id,
					userId: MOD_ID,
					name: 'lookup',
					subcommand: 'member',
					options: { member: MEMBER_ID },
				})
				.waitForReply(),
		);
		expect(lookup).toMatch(/7-day minimum/);

		// With the rule lowered to one day, the next check gives every role; no new verification needed.
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { minAccountAgeDays: 1 });
		await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply();
		expect([...roleIds()].sort()).toEqual([world.roles.badge.id, world.roles.verified.id].sort());
	});

	it('holds back a linked young account when it joins, and on a sweep takes the roles it got before the rule', async () => {
		const joiner = '100000000000000931';
		await bot.app.ctx.stores.links.save({
			discordId: joiner,
			robloxId: YOUNG,
			robloxName: 'fresh_fern',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		world.discord.memberJoin(world.guild.id, { userId: joiner, username: 'fern' });
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${joiner}`));
		expect(roleIds(joiner)).toEqual([world.roles.unverified.id]);

		// Roles from before the rule (a moderator, or an older version) go at the next background check.
		world.guild.member(joiner)!.roleIds = [world.roles.badge.id, world.roles.verified.id];
		const outcome = await import('../../src/bot/bulk-ports.js').then(({ DiscordMemberPorts }) => {
			const ctx = bot.app.ctx;
			return new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger).check(
				world.guild.id,
				joiner,
				'sweep',
			);
		});
		expect(outcome.kind).toBe('changed');
		expect(roleIds(joiner)).toEqual([world.roles.unverified.id]);
	});

	it('changes nothing when Roblox does not say how old the account is', async () => {
		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: YOUNG,
			robloxName: 'fresh_fern',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		world.guild.member(MEMBER_ID)!.roleIds = [world.roles.badge.id, world.roles.verified.id];
		world.roblox.injectFault({ path: /cloud\/v2\/users\/5560001$/, status: 500, times: 20 });
		const text = textOf(
			await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply(),
		);
		expect(text).toMatch(/no role was removed|Nothing was removed/i);
		expect([...roleIds()].sort()).toEqual([world.roles.badge.id, world.roles.verified.id].sort());
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordMemberPorts } from '../../src/bot/bulk-ports.js';
import { Sweeper } from '../../src/roles/sweep.js';
import type { FakeGuild, FakeRole } from '../fakes/discord/index.js';
import { ADMIN_ID, createWorld, startBot, type RunningBot, type World } from '../helpers/world.js';

/**
 * One sweep pass over three guilds whose members overlap: each Roblox user is asked about once (one inventory request
 * with the union of the bindings of every guild they are in), and each guild gets its own roles from that answer.
 */

const BADGE = '2131001';
const PASS = '3131002';
const OTHER_BADGE = '2131003';
const member = (i: number) => `1001000000000000${String(i).padStart(2, '0')}`;
const roblox = (i: number) => String(8_310_000 + i);

describe('sweep: one check per Roblox user across guilds', () => {
	let world: World;
	let bot: RunningBot;
	const guilds: { guild: FakeGuild; role: FakeRole; stale: FakeRole }[] = [];

	beforeEach(async () => {
		world = await createWorld();
		guilds.length = 0;
		guilds.push({ guild: world.guild, role: world.roles.badge, stale: world.roles.pass });
		for (const id of ['900000000000000002', '900000000000000003']) {
			const guild = world.discord.addGuild({ id, name: `Guild ${id.slice(-1)}` });
			guilds.push({
				guild,
				role: guild.addRole({ name: 'Bound', position: 10 }),
				stale: guild.addRole({ name: 'Also bound', position: 11 }),
			});
		}
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	it('asks Roblox once per linked user, with every guild they are in, and gives each guild its roles', async () => {
		const ctx = bot.app.ctx;
		// Guild 1 binds a badge, guild 2 a game pass, guild 3 another badge; each guild's second role is bound to an
		// item nobody owns, and every member starts with it, so it must go everywhere.
		const items = [
			{ kind: 'badge', itemId: BADGE },
			{ kind: 'gamepass', itemId: PASS },
			{ kind: 'badge', itemId: OTHER_BADGE },
		] as const;
		for (const [index, { guild, role, stale }] of guilds.entries()) {
			await ctx.stores.guilds.addBinding(guild.id, { ...items[index]!, roleId: role.id, addedBy: ADMIN_ID });
			await ctx.stores.guilds.addBinding(guild.id, {
				kind: 'badge',
				itemId: '2131999',
				roleId: stale.id,
				addedBy: ADMIN_ID,
			});
		}
		world.roblox.addBadge({ id: BADGE, name: 'One' });
		world.roblox.addBadge({ id: OTHER_BADGE, name: 'Three' });
		world.roblox.addBadge({ id: '2131999', name: 'Nobody' });
		// Six members: 0 and 1 in all three guilds, 2 in guilds 1 and 3 (far apart in the order), 3 in 2 and 3, 4 only
		// in 3, and 5 in all three but not linked (costs nothing).
		const membership = [[0, 1, 2], [0, 1, 2], [0, 2], [1, 2], [2], [0, 1, 2]];
		for (const [i, where] of membership.entries()) {
			for (const g of where)
				guilds[g]!.guild.addMember({ userId: member(i), username: `m${i}`, roleIds: [guilds[g]!.stale.id] });
			if (i === 5) continue;
			world.roblox.addUser({ id: roblox(i), name: `sweeper_${i}` });
			await ctx.stores.links.save({
				discordId: member(i),
				robloxId: roblox(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		}
		// Even members own everything; odd members own nothing.
		for (const i of [0, 2, 4])
			for (const { kind, itemId } of items) world.roblox.giveItem(roblox(i), { kind, id: itemId });
		world.roblox.resetRequests();
		const fetchesBefore = world.discord.requests.filter(
			(r) => r.method === 'GET' && r.path.includes('/members/'),
		).length;

		const ports = new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		// The ports app.ts gives the sweep.
		const sweeper = new Sweeper(
			{
				guildIds: () => ports.guildIds(),
				listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
				linkedAmong: (ids) => ports.linkedAmong(ids),
				checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
				checkAcross: (memberId, guildIds) => ports.checkAcross(memberId, guildIds),
			},
			{ periodMs: 100 },
		);
		const result = await sweeper.runPass();

		expect(world.roblox.inventoryRequests()).toBe(5);
		for (let i = 0; i < 5; i++) expect(world.roblox.inventoryRequests(roblox(i)), `user ${i}`).toBe(1);
		// One question with the union: member 0's single request asked about all three items.
		const asked = world.roblox.requests.find((r) => r.path.includes(`/users/${roblox(0)}/inventory-items`));
		for (const id of [BADGE, PASS, OTHER_BADGE]) expect(JSON.stringify(asked!.query)).toContain(id);
		expect(result).toMatchObject({ checked: 11, failed: 0 });

		for (const [i, where] of membership.entries())
			for (const g of where) {
				const { guild, role, stale } = guilds[g]!;
				const roles = guild.member(member(i))!.roleIds;
				if (i === 5) {
					expect(roles, `unlinked ${i} in guild ${g}`).toEqual([stale.id]);
					continue;
				}
				expect(roles.includes(role.id), `member ${i} in guild ${g}`).toBe(i % 2 === 0);
				expect(roles, `member ${i} in guild ${g}`).not.toContain(stale.id);
			}
		// Discord calls are those of checking each guild alone: one member fetch per (guild, linked member).
		const fetches = world.discord.requests.filter((r) => r.method === 'GET' && r.path.includes('/members/')).length;
		expect(fetches - fetchesBefore).toBe(11);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEmbedLimits } from '../../src/ui/embed-limits.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';
import {
	ADMIN_ID,
	createWorld,
	EPHEMERAL,
	GUILD_ID,
	MEMBER_ID,
	MOD_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';

const ROBLOX_ID = '5550001';
const LINKED = '100000000000000030';
const OUTSIDER = '100000000000000040';
const BADGE_ID = '2124001';
const PASS_ID = '424242';
const MANAGE_ROLES = 1n << 28n;

describe('/lookup', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({
			id: ROBLOX_ID,
			name: 'builder_bob',
			displayName: 'Bob',
			created: '2019-03-04T05:06:07.000Z',
		});
		world.roblox.addBadge({ id: BADGE_ID, name: 'Welcome' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE_ID });
		// Has the VIP role but does not own the pass; owns the badge but lacks its role.
		world.guild.addMember({ userId: LINKED, username: 'linked', roleIds: [world.roles.pass.id] });
		bot = await startBot(world);
		await bot.app.ctx.stores.links.save({
			discordId: LINKED,
			robloxId: ROBLOX_ID,
			robloxName: 'builder_bob',
			linkedAt: '2024-06-01T10:00:00.000Z',
			method: 'profile-code',
		});
		await bot.app.ctx.stores.guilds.addBinding(GUILD_ID, {
			kind: 'badge',
			itemId: BADGE_ID,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await bot.app.ctx.stores.guilds.addBinding(GUILD_ID, {
			kind: 'gamepass',
			itemId: PASS_ID,
			roleId: world.roles.pass.id,
			addedBy: ADMIN_ID,
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const lookup = (userId: string, subcommand: 'member' | 'roblox', options: Record<string, string>) =>
		world.discord.runCommand({ guildId: GUILD_ID, userId, name: 'lookup', subcommand, options });

	function expectValidPayloads() {
		for (const request of world.discord.requests) {
			if (request.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(request.path))
				expect(validateDiscordPayload('interaction-callback', request.body)).toEqual([]);
			if (request.method === 'PATCH' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(request.path)) {
				expect(validateDiscordPayload('webhook-message-edit', request.body)).toEqual([]);
				for (const embed of request.body.embeds ?? []) expect(checkEmbedLimits(embed)).toEqual([]);
			}
		}
	}

	it('is hidden behind Manage Roles by default', () => {
		const all = [...world.discord.commands.global, ...[...world.discord.commands.guild.values()].flat()];
		const command = all.find((c) => c.name === 'lookup');
		expect(command).toBeDefined();
		expect(String(command.default_member_permissions)).toBe(MANAGE_ROLES.toString());
		expect(command.options.map((o: any) => o.name).sort()).toEqual(['member', 'roblox']);
	});

	it("shows a member's account, link and what each binding says, with one ownership request", async () => {
		const run = lookup(MOD_ID, 'member', { member: LINKED });
		const reply = await run.waitForReply();
		expect(run.callbacks[0]!.type).toBe(5);
		expect(run.callbacks[0]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		const embed = reply.embeds[0];
		expect(embed.title).toBe('Bob (@builder_bob)');
		expect(embed.url).toBe(`https://www.roblox.com/users/${ROBLOX_ID}/profile`);
		expect(embed.thumbnail?.url).toMatch(/^https:\/\//);
		const text = textOf(reply);
		expect(text).toContain(`Discord: <@${LINKED}>`);
		expect(text).toContain(`Roblox id: \`${ROBLOX_ID}\``);
		expect(text).toContain(`Account created: <t:${Date.parse('2019-03-04T05:06:07.000Z') / 1000}:D>`);
		expect(text).toContain(
			`Linked <t:${Date.parse('2024-06-01T10:00:00.000Z') / 1000}:R> with a code in the Roblox profile`,
		);
		expect(text).toContain(
			`badge ${BADGE_ID} → <@&${world.roles.badge.id}>: ✅ owns · ⚠️ no role (added at next update)`,
		);
		expect(text).toContain(
			`game pass ${PASS_ID} → <@&${world.roles.pass.id}>: ❌ does not own · ⚠️ has role (removed at next update)`,
		);
		// Both bindings were answered by one inventory request (one checkOwnership call).
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		const filter = world.roblox.requests.find((r) => r.path.endsWith('/inventory-items'))!.query.filter;
		expect(filter).toContain(`badgeIds=${BADGE_ID}`);
		expect(filter).toContain(`gamePassIds=${PASS_ID}`);
		expectValidPayloads();
	});

	it('still shows the account when the inventory is private', async () => {
		world.roblox.setInventoryPublic(ROBLOX_ID, false);
		const run = lookup(ADMIN_ID, 'member', { member: LINKED });
		const reply = await run.waitForReply();
		const text = textOf(reply);
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(text).toContain('Bob (@builder_bob)');
		expect(text).toMatch(/inventory is private/);
		expect(text).toContain('❔ unknown · ✅ has role');
		expect(text).not.toMatch(/removed at next update/);
	});

	it('answers plainly when the member is not linked', async () => {
		const run = lookup(MOD_ID, 'member', { member: MEMBER_ID });
		const reply = await run.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.content).toBe(`<@${MEMBER_ID}> has not linked a Roblox account.`);
		expect(reply.embeds).toEqual([]);
	});

	it.each([['builder_bob'], ['BUILDER_BOB'], [ROBLOX_ID]])(
		'finds the member linked to Roblox account %j',
		async (account) => {
			const run = lookup(MOD_ID, 'roblox', { account });
			const reply = await run.waitForReply();
			expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
			const text = textOf(reply);
			expect(reply.embeds[0].title).toBe('Bob (@builder_bob)');
			expect(text).toContain(`Discord: <@${LINKED}>`);
			expect(text).toMatch(/Linked <t:\d+:R>/);
			expect(world.roblox.inventoryRequests()).toBe(0);
			expectValidPayloads();
		},
	);

	it('does not reveal links of Discord accounts outside this server', async () => {
		world.roblox.addUser({ id: '5550003', name: 'away_amy' });
		world.discord.addUser({ id: OUTSIDER, username: 'outsider' });
		await bot.app.ctx.stores.links.save({
			discordId: OUTSIDER,
			robloxId: '5550003',
			linkedAt: new Date().toISOString(),
			method: 'import',
		});
		const reply = await lookup(MOD_ID, 'roblox', { account: 'away_amy' }).waitForReply();
		expect(textOf(reply)).toMatch(/No member of this server is linked/);
		expect(textOf(reply)).not.toContain(OUTSIDER);
	});

	it('answers plainly when nobody is linked to the account, or it does not exist', async () => {
		world.roblox.addUser({ id: '5550002', name: 'lonely_lou' });
		const none = await lookup(MOD_ID, 'roblox', { account: 'lonely_lou' }).waitForReply();
		expect(none.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(none.content).toBe('No member of this server is linked to the Roblox account **lonely_lou**.');
		const missing = await lookup(MOD_ID, 'roblox', { account: 'nobody_here' }).waitForReply();
		expect(missing.content).toMatch(/no user with that name or id/);
		const bad = await lookup(MOD_ID, 'roblox', { account: 'bad name!' }).waitForReply();
		expect(bad.content).toMatch(/not a valid Roblox username/);
		const zero = await lookup(MOD_ID, 'roblox', { account: '0' }).waitForReply();
		expect(zero.content).toMatch(/whole numbers above 0/);
	});

	it('refuses at run time a member without Manage Roles or Timeout Members', async () => {
		world.roblox.resetRequests();
		for (const [sub, options] of [
			['member', { member: LINKED }],
			['roblox', { account: 'builder_bob' }],
		] as const) {
			const run = lookup(MEMBER_ID, sub, options);
			const cb = await run.waitForCallback();
			expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
			expect(cb.data.content).toBe('You need the **Manage Roles** or **Timeout Members** permission to do this.');
		}
		expect(world.roblox.requests).toEqual([]);
	});

	it('lets Timeout Members alone through', async () => {
		const run = world.discord.runCommand({
			guildId: GUILD_ID,
			userId: MEMBER_ID,
			name: 'lookup',
			subcommand: 'roblox',
			options: { account: ROBLOX_ID },
			memberPermissions: 1n << 40n,
		});
		const reply = await run.waitForReply();
		expect(textOf(reply)).toContain(`<@${LINKED}>`);
	});
});

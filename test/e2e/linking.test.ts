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

const ROBLOX_ID = '5550001';
const OTHER_MEMBER = '100000000000000020';

describe('linking with proof (/verify, Check, /unlink)', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'builder_bob', displayName: 'Bob', about: 'I like trains' });
		world.guild.addMember({ userId: OTHER_MEMBER, username: 'other' });
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function startVerify(userId = MEMBER_ID, username = 'builder_bob') {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId, name: 'verify', options: { username } });
		const reply = await run.waitForReply(
			(m) => (m.embeds?.length ?? 0) > 0 || /not|invalid|banned/i.test(m.content ?? ''),
		);
		return { run, reply };
	}

	function codeFrom(reply: any): string {
		const match = /```\n([a-z ]+)\n```/.exec(textOf(reply));
		expect(match, textOf(reply)).not.toBeNull();
		return match![1]!;
	}

	it('links after the code is put in the Roblox About, stores the link, and grants the bound roles at once', async () => {
		world.roblox.addBadge({ id: '31337', name: 'Welcome' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: '31337' });
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: '31337',
			roleId: world.roles.badge.id,
			addedBy: MEMBER_ID,
		});
		const { run, reply } = await startVerify();
		expect(run.callbacks[0]!.type).toBe(5);
		expect(run.callbacks[0]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(textOf(reply)).toContain('Bob (@builder_bob)');
		const code = codeFrom(reply);
		expect(code.split(' ')).toHaveLength(5);
		const checkId = reply.components[0].components[0].custom_id;

		// Pressing Check before the About holds the code: not linked, same code still valid.
		const early = world.discord.pressButton({ guildId: world.guild.id, userId: MEMBER_ID, customId: checkId });
		await early.waitForCallback();
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path.startsWith(`/webhooks/`) &&
				/not in your Roblox About/.test(r.body?.content ?? ''),
		);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();

		// Repeat /verify gives the same code.
		const again = await startVerify();
		expect(codeFrom(again.reply)).toBe(code);

		world.roblox.setAbout(ROBLOX_ID, `I like trains\n${code}`);
		const press = world.discord.pressButton({ guildId: world.guild.id, userId: MEMBER_ID, customId: checkId });
		const done = await press.waitForReply((m) => /now linked/.test(m.content ?? ''));
		expect(done.content).toContain('builder_bob');
		const link = await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID);
		expect(link).toMatchObject({ discordId: MEMBER_ID, robloxId: ROBLOX_ID, method: 'profile-code' });
		expect(await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID)).toMatchObject({ discordId: MEMBER_ID });
		expect(done.content).toMatch(/Added/);
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		expect(
			world.guild.auditLog.some((entry) => entry.userId === MEMBER_ID && entry.reason === 'Rolink: account linked'),
		).toBe(true);
	});

	it('refuses another user pressing the Check button', async () => {
		const { reply } = await startVerify();
		const checkId = reply.components[0].components[0].custom_id;
		const press = world.discord.pressButton({ guildId: world.guild.id, userId: OTHER_MEMBER, customId: checkId });
		const cb = await press.waitForCallback();
		expect(cb.type).toBe(4);
		expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(cb.data.content).toMatch(/belongs to someone else/);
	});

	it('says a code expired and links nothing', async () => {
		const { reply } = await startVerify();
		const checkId = reply.components[0].components[0].custom_id;
		const code = codeFrom(reply);
		world.roblox.setAbout(ROBLOX_ID, code);
		// Expire the pending code as 15 minutes passing would.
		const pending = (await bot.app.ctx.stores.pending.get(MEMBER_ID))!;
		await bot.app.ctx.stores.pending.put({ ...pending, expiresAt: Date.now() + 50 });
		await new Promise((resolve) => setTimeout(resolve, 120));
		const press = world.discord.pressButton({ guildId: world.guild.id, userId: MEMBER_ID, customId: checkId });
		const done = await press.waitForReply((m) => /expired/.test(m.content ?? ''));
		expect(done.content).toMatch(/Run `\/verify` again/);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();
	});

	it('lets someone who proves control take an account over, unlinking the earlier holder', async () => {
		await bot.app.ctx.stores.links.save({
			discordId: OTHER_MEMBER,
			robloxId: ROBLOX_ID,
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		const { reply } = await startVerify();
		world.roblox.setAbout(ROBLOX_ID, codeFrom(reply));
		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: reply.components[0].components[0].custom_id,
		});
		const done = await press.waitForReply((m) => /now linked/.test(m.content ?? ''));
		expect(done.content).toMatch(/linked to another Discord account before/);
		expect(await bot.app.ctx.stores.links.getByDiscord(OTHER_MEMBER)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID)).toMatchObject({
			discordId: MEMBER_ID,
			method: 'takeover',
		});
	});

	it('unlinks after confirmation, taking the roles Rolink gave, and Cancel keeps the link', async () => {
		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { verifiedRoleId: world.roles.verified.id });
		await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply();
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.verified.id);
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'unlink' });
		const confirm = await run.waitForReply();
		expect(confirm.flags & EPHEMERAL).toBe(EPHEMERAL);
		const [unlinkButton, cancelButton] = confirm.components[0].components;
		const cancel = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: cancelButton.custom_id,
		});
		expect((await cancel.waitForCallback()).data.content).toMatch(/still linked/);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).not.toBeNull();

		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: unlinkButton.custom_id,
		});
		await press.waitForReply((m) => /Unlinked/.test(m.content ?? ''));
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID)).toBeNull();
		expect(world.guild.member(MEMBER_ID)!.roleIds).not.toContain(world.roles.verified.id);
	});

	it('lets an admin unlink another member after confirmation, and refuses members without Manage Server', async () => {
		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { verifiedRoleId: world.roles.verified.id });
		await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply();
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.verified.id);

		const refused = world.discord.runCommand({
			guildId: world.guild.id,
			userId: OTHER_MEMBER,
			name: 'unlink',
			options: { member: MEMBER_ID },
		});
		expect((await refused.waitForReply()).content).toMatch(/Manage Server/);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).not.toBeNull();

		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'unlink',
			options: { member: MEMBER_ID },
		});
		const confirm = await run.waitForReply();
		expect(confirm.content).toMatch(/every server it shares with them/);
		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			customId: confirm.components[0].components[0].custom_id,
		});
		await press.waitForReply((m) => /Unlinked <@/.test(m.content ?? ''));
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID)).toBeNull();
		expect(world.guild.member(MEMBER_ID)!.roleIds).not.toContain(world.roles.verified.id);
	});

	it.each([
		['ab', /not a valid Roblox username/],
		['bad name!', /not a valid Roblox username/],
		['0', /whole numbers above 0/],
		['-12', /whole numbers above 0/],
		['99999999999999999999', /whole numbers above 0/],
		['nobody_here', /no user with that name/],
	])('answers bad input %j plainly and changes nothing', async (input, pattern) => {
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: input },
		});
		const reply = await run.waitForReply();
		expect(reply.content).toMatch(pattern);
		expect(await bot.app.ctx.stores.pending.get(MEMBER_ID)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();
	});

	it('refuses to link a banned account', async () => {
		world.roblox.addUser({ id: '5550099', name: 'banned_guy', isBanned: true });
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'banned_guy' },
		});
		expect((await run.waitForReply()).content).toMatch(/banned/);
		expect(await bot.app.ctx.stores.pending.get(MEMBER_ID)).toBeNull();
	});

	it('limits verification attempts per member', async () => {
		const answers: string[] = [];
		for (let i = 0; i < 6; i++) {
			const run = world.discord.runCommand({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				name: 'verify',
				options: { username: 'builder_bob' },
			});
			answers.push(textOf(await run.waitForReply()));
		}
		expect(answers.slice(0, 5).every((text) => text.includes('builder_bob'))).toBe(true);
		expect(answers[5]).toMatch(/too often/);
	});
});

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

const ROBLOX_ID = '5570001';
const BADGE = '2127001';

describe('verify panel (/settings panel)', () => {
	let world: World;
	let bot: RunningBot;
	let panelChannel: string;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'panel_paula', displayName: 'Paula' });
		world.roblox.addBadge({ id: BADGE, name: 'Joined' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		panelChannel = world.guild.addChannel({ name: 'verify-here' }).id;
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const settings = (subcommand: string, options: Record<string, string> = {}, userId = ADMIN_ID) =>
		world.discord.runCommand({ guildId: world.guild.id, userId, name: 'settings', subcommand, options });
	const panels = (channelId = panelChannel) =>
		world.guild.messages(channelId).filter((m) => JSON.stringify(m.components).includes('verify:panel'));

	it('posts a panel whose Verify button links a member after a bot restart, privately', async () => {
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		const posted = await settings('panel', { channel: panelChannel, text: 'Welcome! Press Verify.' }).waitForReply();
		expect(posted.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(posted.content).toMatch(/Verify panel posted/);
		const [panel] = panels();
		expect(panel.embeds[0].description).toBe('Welcome! Press Verify.');
		expect(panel.components[0].components[0]).toMatchObject({ custom_id: 'verify:panel', label: 'Verify' });

		await bot.stop();
		bot = await startBot(world);

		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: 'verify:panel',
			messageId: panel.id,
		});
		const offer = await press.waitForReply();
		expect(press.callbacks[0]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(offer.content).toMatch(/not linked yet/);
		const enter = offer.components[0].components[0];
		expect(enter.custom_id).toBe('verify:username');

		const openForm = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: enter.custom_id,
		});
		const modal = await openForm.waitForCallback();
		expect(modal.type).toBe(9);
		const field = modal.data.components[0].components[0].custom_id;

		const submit = world.discord.submitModal({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: modal.data.custom_id,
			fields: { [field]: 'panel_paula' },
		});
		const steps = await submit.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(steps.flags & EPHEMERAL).toBe(EPHEMERAL);
		const code = /```\n([a-z ]+)\n```/.exec(textOf(steps))![1]!;
		world.roblox.setAbout(ROBLOX_ID, code);
		const check = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: steps.components[0].components[0].custom_id,
		});
		await check.waitForReply((m) => /now linked/.test(m.content ?? ''));
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toMatchObject({ robloxId: ROBLOX_ID });
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);

		// A linked member pressing the panel gets the same as /verify: a refresh.
		const again = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: 'verify:panel',
			messageId: panel.id,
		});
		expect((await again.waitForReply()).content).toMatch(/You are linked to \*\*panel_paula\*\*/);
	});

	it('moves the panel when run again, notices a deleted panel, and is for Manage Server only', async () => {
		await settings('panel', { channel: panelChannel }).waitForReply();
		const first = panels()[0];
		expect(first.embeds[0].description).toMatch(/Press \*\*Verify\*\*/);

		const other = world.guild.addChannel({ name: 'welcome' }).id;
		await settings('panel', { channel: other, text: 'New text' }).waitForReply();
		expect(panels()).toHaveLength(0);
		const moved = panels(other)[0];
		expect(moved.embeds[0].description).toBe('New text');
		// Refresh in place keeps the text.
		await settings('panel').waitForReply();
		expect(panels(other)).toHaveLength(1);
		expect(panels(other)[0].embeds[0].description).toBe('New text');
		expect(textOf(await settings('show').waitForReply())).toMatch(new RegExp(`in <#${other}>`));

		world.discord.deleteMessage(other, panels(other)[0].id);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await bot.app.ctx.stores.guilds.get(world.guild.id)).settings.panel?.deletedAt).toBeDefined();
		expect(textOf(await settings('show').waitForReply())).toMatch(/deleted from/);

		const refused = await settings('panel', { channel: panelChannel }, MEMBER_ID).waitForReply();
		expect(refused.content).toMatch(/Manage Server/);
		expect(panels()).toHaveLength(0);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BINDINGS_PER_GUILD } from '../../src/store/guilds.js';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';
import { until } from '../reliability/helpers.js';

/** Roles deleted in Discord while bindings point at them, and the binding limit reached by two admins at once. */
describe('deleted bound roles and binding limits', () => {
	let world: World;
	let bot: RunningBot;
	let auditId: string;
	beforeEach(async () => {
		world = await createWorld();
		auditId = world.guild.addChannel({ name: 'audit' }).id;
		bot = await startBot(world);
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { auditChannelId: auditId });
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	it('flags the bindings of a deleted role, tells the audit channel, and removes them only on an admin press', async () => {
		const guilds = bot.app.ctx.stores.guilds;
		const { binding } = await guilds.addBinding(world.guild.id, {
			kind: 'gamepass',
			itemId: '777',
			roleId: world.roles.pass.id,
			addedBy: ADMIN_ID,
		});
		await guilds.addBinding(world.guild.id, {
			kind: 'gamepass',
			itemId: '778',
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		world.guild.deleteRole(world.roles.pass.id);

		const post = await until(
			() => world.guild.messages(auditId).find((m) => /Bound role deleted/.test(textOf(m))),
			8_000,
			'the audit post',
		);
		expect(textOf(post)).toContain(binding.id);
		const button = post.components[0].components[0];
		expect(button.custom_id).toBe(`bind:purge:${world.roles.pass.id}`);
		// Nothing is removed by the deletion itself.
		expect((await guilds.get(world.guild.id)).bindings).toHaveLength(2);

		const list = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'bind',
			subcommand: 'list',
		});
		const listed = await list.waitForReply();
		expect(textOf(listed)).toMatch(new RegExp(`${binding.id}[^\\n]*\\n\\s*⚠️ the role was deleted`));
		const listButton = listed.components.at(-1).components[0];
		expect(listButton.custom_id).toBe('bind:purge');

		// A member without Manage Server cannot press it.
		const refused = world.discord.pressButton({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			customId: button.custom_id,
			messageId: post.id,
			channelId: auditId,
		});
		expect((await refused.waitForCallback()).data.content).toMatch(/Manage Server/);
		expect((await guilds.get(world.guild.id)).bindings).toHaveLength(2);

		const press = world.discord.pressButton({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			customId: button.custom_id,
			messageId: post.id,
			channelId: auditId,
		});
		expect((await press.waitForCallback()).data.content).toMatch(/Removed 1 binding of deleted roles/);
		const left = (await guilds.get(world.guild.id)).bindings;
		expect(left.map((b) => b.roleId)).toEqual([world.roles.badge.id]);
		await until(
			() => world.guild.messages(auditId).some((m) => /Bindings of deleted roles removed/.test(textOf(m))),
			5_000,
			'the removal in the audit channel',
		);
	});

	it('two /bind add at the limit at once: one is added, the other gets a plain answer', async () => {
		const guilds = bot.app.ctx.stores.guilds;
		for (let i = 0; i < MAX_BINDINGS_PER_GUILD - 1; i++)
			await guilds.addBinding(world.guild.id, {
				kind: 'gamepass',
				itemId: String(1000 + i),
				roleId: world.roles.pass.id,
				addedBy: ADMIN_ID,
			});
		const add = (id: string) =>
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: ADMIN_ID,
				name: 'bind',
				subcommand: 'add',
				options: { kind: 'gamepass', role: world.roles.pass.id, id },
			});
		const [a, b] = [add('5001'), add('5002')];
		const texts = await Promise.all(
			[a, b].map(async (run) =>
				textOf(await run.waitForReply((m) => !/thinking/i.test(m.content ?? '') && (m.content ?? '') !== '')),
			),
		);
		expect(texts.filter((t) => /Added|binding `/.test(t))).toHaveLength(1);
		expect(texts.filter((t) => /reached 100 bindings/.test(t))).toHaveLength(1);
		expect(texts.join('\n')).not.toMatch(/Something went wrong|error id/);
		expect((await guilds.get(world.guild.id)).bindings).toHaveLength(MAX_BINDINGS_PER_GUILD);
	});
});

/**
 * The real discord.js Client against the fake: login, READY + GUILD_CREATE caching, slash commands, buttons, replies and
 * member edits with Discord's permission and hierarchy rules.
 */
import {
	ActionRowBuilder,
	AutocompleteInteraction,
	ButtonBuilder,
	ButtonInteraction,
	ButtonStyle,
	ChatInputCommandInteraction,
	DiscordAPIError,
	Events,
	GuildMember,
	MessageFlags,
	PermissionFlagsBits,
	Routes,
	SlashCommandBuilder,
	type Client,
	type Interaction,
	type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_PERMISSIONS, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../fakes/discord/index.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';
import {
	ALICE,
	BOB,
	GUILD_ID,
	MOD,
	OWNER_ID,
	ROLE_HIGH,
	ROLE_LOW,
	ROLE_MANAGED,
	ROLE_MID,
	ROLE_MOD,
	loginReady,
	makeClient,
	seedGuild,
} from './helpers.js';

let fake: FakeDiscord;
let guild: FakeGuild;
let client: Client;
/** Each test installs the handler it needs. */
let onInteraction: (i: Interaction) => Promise<void> = async () => {};

const commands = [
	new SlashCommandBuilder()
		.setName('link')
		.setDescription('Link a member')
		.addStringOption((o) => o.setName('name').setDescription('Roblox name').setRequired(true).setAutocomplete(true))
		.addUserOption((o) => o.setName('member').setDescription('Who'))
		.addRoleOption((o) => o.setName('role').setDescription('Which role'))
		.addIntegerOption((o) => o.setName('count').setDescription('How many')),
	new SlashCommandBuilder()
		.setName('binding')
		.setDescription('Manage bindings')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((s) =>
			s
				.setName('add')
				.setDescription('Add a binding')
				.addRoleOption((o) => o.setName('role').setDescription('Role').setRequired(true))
				.addStringOption((o) => o.setName('asset').setDescription('Asset id').setRequired(true)),
		),
].map((c) => c.toJSON());

beforeAll(async () => {
	fake = await startFakeDiscord();
	guild = seedGuild(fake);
	client = makeClient(fake);
	client.on(Events.InteractionCreate, (i) => {
		void onInteraction(i).catch((e) => console.error('handler failed', e));
	});
	await loginReady(client, fake.token);
});

afterAll(async () => {
	await client?.destroy();
	await fake?.close();
});

describe('login and cache', () => {
	test('ready with the guild, its roles, members and channels cached', () => {
		const g = client.guilds.cache.get(GUILD_ID);
		expect(g).toBeDefined();
		expect(g!.name).toBe('Rolink Test');
		expect(g!.ownerId).toBe(OWNER_ID);
		expect(g!.roles.cache.get(ROLE_HIGH)?.rawPosition).toBe(200);
		expect(g!.roles.everyone.id).toBe(GUILD_ID);
		expect(g!.members.me?.id).toBe(fake.botUserId);
		expect(g!.members.me?.roles.highest.id).toBe(guild.botRole().id);
		expect(g!.members.me?.permissions.has(PermissionFlagsBits.ManageRoles)).toBe(true);
		expect(g!.members.cache.get(BOB)?.nickname).toBe('Bobby');
		expect(g!.channels.cache.get(guild.defaultChannelId)?.name).toBe('general');
		expect(client.user?.id).toBe(fake.botUserId);
		expect(client.application?.id).toBe(fake.applicationId);
		expect(fake.identifyCount).toBe(1);
	});

	test('commands registered through the client are stored with ids, shaped like Discord returns them', async () => {
		const bulk = (await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD_ID), {
			body: commands,
		})) as any[];
		expect(validateDiscordPayload('application-commands-bulk', commands)).toEqual([]);
		expect(bulk.map((c) => c.name)).toEqual(['link', 'binding']);
		const stored = fake.commands.guild.get(GUILD_ID)!;
		expect(stored[0]).toMatchObject({ name: 'link', application_id: fake.applicationId, guild_id: GUILD_ID, type: 1 });
		expect(stored[0].id).toMatch(/^\d+$/);
		const fetched = await client.guilds.cache.get(GUILD_ID)!.commands.fetch();
		expect(fetched.map((c) => c.name).sort()).toEqual(['binding', 'link']);
		// a second PUT keeps ids of commands with the same name
		await client.application!.commands.set([commands[0]!], GUILD_ID);
		expect(fake.commands.guild.get(GUILD_ID)!.map((c) => c.id)).toEqual([stored[0].id]);
		await client.application!.commands.set(commands, GUILD_ID);
		await client.application!.commands.set([commands[0]!]);
		expect(fake.commands.global.map((c) => c.name)).toEqual(['link']);
	});

	test('GET /guilds/{g}/members pages by user id; guild.members.fetch() asks the gateway', async () => {
		const page1 = (await client.rest.get(Routes.guildMembers(GUILD_ID), {
			query: new URLSearchParams({ limit: '2' }),
		})) as any[];
		const ids = guild
			.members()
			.map((m) => m.userId)
			.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
		expect(page1.map((m) => m.user.id)).toEqual(ids.slice(0, 2));
		const page2 = (await client.rest.get(Routes.guildMembers(GUILD_ID), {
			query: new URLSearchParams({ limit: '1000', after: page1[1].user.id }),
		})) as any[];
		expect(page2.map((m) => m.user.id)).toEqual(ids.slice(2));
		const all = await client.guilds.cache.get(GUILD_ID)!.members.fetch();
		expect(all.size).toBe(guild.members().length);
		// several ids: REQUEST_GUILD_MEMBERS with user_ids -> GUILD_MEMBERS_CHUNK
		const some = await client.guilds.cache.get(GUILD_ID)!.members.fetch({ user: [ALICE, BOB] });
		expect([...some.keys()].sort()).toEqual([ALICE, BOB]);
		await expect(
			client.guilds.cache.get(GUILD_ID)!.members.fetch({ user: '123456789012345678', force: true }),
		).rejects.toMatchObject({ code: 10007, status: 404 });
	});
});

describe('slash commands', () => {
	test('options (string, user with member, role, integer) arrive resolved and reply() is a type-4 callback', async () => {
		let seen: ChatInputCommandInteraction | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			seen = i;
			const member = i.options.getMember('member');
			await i.reply({
				content: `linked ${i.options.getString('name')} for ${(member as GuildMember).displayName} role=${i.options.getRole('role')?.name} n=${i.options.getInteger('count')}`,
				flags: MessageFlags.Ephemeral,
			});
		};
		const h = fake.runCommand({
			guildId: GUILD_ID,
			userId: ALICE,
			name: 'link',
			options: { name: 'Builderman', member: BOB, role: ROLE_MID, count: 3 },
		});
		const cb = await h.waitForCallback();
		expect(cb.type).toBe(4);
		expect(cb.data.content).toBe('linked Builderman for Bobby role=Mid n=3');
		expect(cb.data.flags).toBe(MessageFlags.Ephemeral);
		expect(cb.at - h.dispatchedAt).toBeLessThan(3000);
		expect(validateDiscordPayload('interaction-callback', { type: cb.type, data: cb.data })).toEqual([]);
		expect(seen).toBeInstanceOf(ChatInputCommandInteraction);
		expect(seen!.member).toBeInstanceOf(GuildMember);
		expect(seen!.options.getUser('member')?.username).toBe('bob');
		expect(seen!.commandId).toBe(fake.commands.guild.get(GUILD_ID)![0].id);
		expect(seen!.appPermissions.has(PermissionFlagsBits.ManageRoles)).toBe(true);
		expect(seen!.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
		const reply = await h.waitForReply();
		expect(reply.content).toContain('Builderman');
		expect(h.original()?.flags).toBe(MessageFlags.Ephemeral);
	});

	test('subcommands and memberPermissions override', async () => {
		let got: { sub: string; role?: string; asset: string; admin: boolean } | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			got = {
				sub: i.options.getSubcommand(),
				role: i.options.getRole('role', true).id,
				asset: i.options.getString('asset', true),
				admin: i.memberPermissions?.has(PermissionFlagsBits.Administrator) ?? false,
			};
			await i.reply('ok');
		};
		const h = fake.runCommand({
			guildId: GUILD_ID,
			userId: MOD,
			name: 'binding',
			subcommand: 'add',
			options: { role: ROLE_LOW, asset: '1234' },
			memberPermissions: ALL_PERMISSIONS,
		});
		await h.waitForReply((m) => m.content === 'ok');
		expect(got).toEqual({ sub: 'add', role: ROLE_LOW, asset: '1234', admin: true });
		// without a registered definition, `types` says which values are entities
		const h2 = fake.runCommand({
			guildId: GUILD_ID,
			userId: MOD,
			name: 'unregistered',
			options: { who: ALICE },
			types: { who: 'user' },
		});
		onInteraction = async (i) => {
			if (i.isChatInputCommand()) await i.reply(`who=${i.options.getUser('who')?.username}`);
		};
		expect((await h2.waitForReply()).content).toBe('who=alice');
	});

	test('deferReply + editReply is a type-5 callback then PATCH @original; followUp posts a webhook message', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.deferReply({ flags: MessageFlags.Ephemeral });
			await i.editReply({ content: 'done', embeds: [{ title: 'Result', description: 'all good' }] });
			await i.followUp({ content: 'more' });
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'link', options: { name: 'x' } });
		const cb = await h.waitForCallback();
		expect(cb.type).toBe(5);
		expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
		const reply = await h.waitForReply((m) => m.content === 'done');
		expect(reply.embeds[0].title).toBe('Result');
		const patch = await fake.waitForRequest(
			(r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${h.token}/messages/@original`,
		);
		expect(patch.status).toBe(200);
		expect(validateDiscordPayload('webhook-message-edit', patch.body)).toEqual([]);
		const follow = await fake.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${h.token}`,
		);
		expect(follow.query.wait).toBe('true');
		expect(validateDiscordPayload('webhook-execute', follow.body)).toEqual([]);
		expect(h.followUps.map((m) => m.content)).toEqual(['more']);
	});

	test('reply({ withResponse: true }) gets the callback response with the message', async () => {
		let messageId: string | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			const res = await i.reply({ content: 'with response', withResponse: true });
			messageId = res.resource?.message?.id;
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'link', options: { name: 'w' } });
		await expect.poll(() => messageId).toBeDefined();
		expect(messageId).toBe(h.original().id);
		expect(fake.requests.find((r) => r.path === `/interactions/${h.id}/${h.token}/callback`)?.query.with_response).toBe(
			'true',
		);
	});

	test('a DM command carries user instead of member, context 1', async () => {
		let dm: ChatInputCommandInteraction | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			dm = i;
			await i.reply('dm ok');
		};
		const h = fake.runCommand({ userId: ALICE, name: 'link', options: { name: 'y' } });
		await h.waitForReply();
		expect(h.payload.user.id).toBe(ALICE);
		expect(h.payload.member).toBeUndefined();
		expect(h.payload.context).toBe(1);
		expect(dm!.inGuild()).toBe(false);
		expect(dm!.user.id).toBe(ALICE);
	});

	test('a second acknowledgement is refused with 40060', async () => {
		let second: unknown;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply('first');
			// bypass discord.js's own "already replied" guard to reach the API
			second = await client.rest
				.post(Routes.interactionCallback(i.id, i.token), {
					body: { type: 4, data: { content: 'second' } },
					auth: false,
				})
				.catch((e) => e);
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'link', options: { name: 'z' } });
		await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${h.id}/`) && r.status === 400);
		await expect.poll(() => second).toBeDefined();
		expect(second).toBeInstanceOf(DiscordAPIError);
		expect((second as DiscordAPIError).code).toBe(40060);
		expect(h.callbacks).toHaveLength(1);
		expect(h.rejectedCallbacks[0]).toMatchObject({ status: 400, code: 40060 });
	});
});

describe('autocomplete', () => {
	test('typing arrives as an AutocompleteInteraction (type 4) with the focused text; respond() is a type-8 callback', async () => {
		let seen: AutocompleteInteraction | undefined;
		onInteraction = async (i) => {
			if (!i.isAutocomplete()) return;
			seen = i;
			const typed = i.options.getFocused();
			await i.respond([
				{ name: `${typed} one`, value: 'one' },
				{ name: `${typed} two`, value: 'two' },
			]);
		};
		const h = fake.autocomplete({
			guildId: GUILD_ID,
			userId: ALICE,
			name: 'link',
			options: { name: 'Buil', count: 3 },
			focused: 'name',
		});
		expect(await h.waitForChoices()).toEqual([
			{ name: 'Buil one', value: 'one' },
			{ name: 'Buil two', value: 'two' },
		]);
		expect(h.payload.type).toBe(4);
		expect(h.payload.data.resolved).toBeUndefined();
		expect(seen).toBeInstanceOf(AutocompleteInteraction);
		expect(seen!.options.getFocused(true)).toMatchObject({ name: 'name', value: 'Buil' });
		expect(seen!.options.getInteger('count')).toBe(3);
		expect(validateDiscordPayload('interaction-callback', h.callbacks[0])).toEqual([]);
	});

	test('more than 25 choices, a name over 100 characters, or another callback type are refused (50035)', async () => {
		const refused: unknown[] = [];
		onInteraction = async (i) => {
			if (!i.isAutocomplete()) return;
			const tooMany = Array.from({ length: 26 }, (_, k) => ({ name: `c${k}`, value: String(k) }));
			const tooLong = [{ name: 'x'.repeat(101), value: 'x' }];
			for (const choices of [tooMany, tooLong]) await i.respond(choices).catch((e: unknown) => refused.push(e));
			await client.rest
				.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'hi' } } })
				.catch((e: unknown) => refused.push(e));
			await i.respond([]);
		};
		const h = fake.autocomplete({
			guildId: GUILD_ID,
			userId: ALICE,
			name: 'link',
			options: { name: '' },
			focused: 'name',
		});
		expect(await h.waitForChoices()).toEqual([]);
		expect(refused).toHaveLength(3);
		for (const e of refused) expect(e).toMatchObject({ status: 400, code: 50035 });
		expect(h.callbacks).toHaveLength(1);
	});

	test('a command cannot be answered with an autocomplete result', async () => {
		let refused: unknown;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await client.rest
				.post(Routes.interactionCallback(i.id, i.token), { body: { type: 8, data: { choices: [] } } })
				.catch((e: unknown) => (refused = e));
			await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
		};
		const h = fake.runCommand({ guildId: GUILD_ID, userId: ALICE, name: 'link', options: { name: 'x' } });
		expect((await h.waitForReply()).content).toBe('ok');
		expect(refused).toMatchObject({ status: 400, code: 50035 });
	});
});

describe('buttons', () => {
	test('a button on a message the bot posted arrives as ButtonInteraction; update() is type 7 and edits the message', async () => {
		const channel = client.channels.cache.get(guild.defaultChannelId) as TextChannel;
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
		);
		const sent = await channel.send({ content: 'page 1', components: [row] });
		const post = await fake.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/channels/${guild.defaultChannelId}/messages`,
		);
		expect(validateDiscordPayload('channel-message-create', post.body)).toEqual([]);
		expect(guild.messages(guild.defaultChannelId).map((m) => m.content)).toEqual(['page 1']);

		let seen: ButtonInteraction | undefined;
		onInteraction = async (i) => {
			if (!i.isButton()) return;
			seen = i;
			await i.update({ content: 'page 2', components: [] });
		};
		const h = fake.pressButton({ guildId: GUILD_ID, userId: ALICE, customId: 'page:2', messageId: sent.id });
		const cb = await h.waitForCallback();
		expect(cb.type).toBe(7);
		expect(seen).toBeInstanceOf(ButtonInteraction);
		expect(seen!.customId).toBe('page:2');
		expect(seen!.message.id).toBe(sent.id);
		expect((await h.waitForReply()).content).toBe('page 2');
		expect(guild.messages(guild.defaultChannelId)[0].content).toBe('page 2');

		// edits through PATCH /channels/{c}/messages/{m} apply too
		await sent.edit({ content: 'page 3' });
		expect(guild.messages(guild.defaultChannelId)[0].content).toBe('page 3');
	});

	test('a button without a known message gets a plausible one; deferUpdate + editReply edits it', async () => {
		onInteraction = async (i) => {
			if (!i.isButton()) return;
			await i.deferUpdate();
			await i.editReply({ content: 'edited' });
		};
		const h = fake.pressButton({ guildId: GUILD_ID, userId: BOB, customId: 'x' });
		expect((await h.waitForCallback()).type).toBe(6);
		expect((await h.waitForReply((m) => m.content === 'edited')).id).toBe(h.payload.message.id);
	});
});

describe('member edits', () => {
	test('roles.add / roles.remove change state, record the audit-log reason and update the client cache', async () => {
		const g = client.guilds.cache.get(GUILD_ID)!;
		const alice = await g.members.fetch(ALICE);
		await alice.roles.add(ROLE_MID, 'verified: owns asset 1234');
		expect(guild.member(ALICE)!.roleIds).toEqual([ROLE_MID]);
		const put = fake.requests.find(
			(r) => r.method === 'PUT' && r.path === `/guilds/${GUILD_ID}/members/${ALICE}/roles/${ROLE_MID}`,
		)!;
		expect(put.status).toBe(204);
		expect(put.reason).toBe('verified: owns asset 1234');
		expect(put.headers['x-audit-log-reason']).toBe('verified: owns asset 1234');
		expect(guild.auditLog.at(-1)).toMatchObject({
			action: 'member_role_add',
			userId: ALICE,
			roleId: ROLE_MID,
			reason: 'verified: owns asset 1234',
		});
		// GUILD_MEMBER_UPDATE brings the cache along
		await expect.poll(() => g.members.cache.get(ALICE)?.roles.cache.has(ROLE_MID)).toBe(true);

		await g.members.cache.get(ALICE)!.roles.remove(ROLE_MID, 'no longer owns');
		expect(guild.member(ALICE)!.roleIds).toEqual([]);
		expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204, reason: 'no longer owns' });
	});

	test('member.edit({ roles, nick }) is one PATCH that applies both', async () => {
		const g = client.guilds.cache.get(GUILD_ID)!;
		const bob = await g.members.fetch(BOB);
		await bob.edit({ roles: [ROLE_MID], nick: 'Builderman', reason: 'sync' });
		expect(guild.member(BOB)).toMatchObject({ roleIds: [ROLE_MID], nick: 'Builderman' });
		const patch = fake.requests.at(-1)!;
		expect(patch).toMatchObject({
			method: 'PATCH',
			path: `/guilds/${GUILD_ID}/members/${BOB}`,
			status: 200,
			reason: 'sync',
		});
		expect(validateDiscordPayload('guild-member-modify', patch.body)).toEqual([]);
		await expect.poll(() => g.members.cache.get(BOB)?.nickname).toBe('Builderman');
		await bob.setNickname(null);
		expect(guild.member(BOB)!.nick).toBeNull();
	});

	test('a role above the bot, a managed role, or the owner nick → 403 50013 and nothing changes', async () => {
		const g = client.guilds.cache.get(GUILD_ID)!;
		const alice = await g.members.fetch(ALICE);
		const err = await alice.roles.add(ROLE_HIGH).catch((e) => e);
		expect(err).toBeInstanceOf(DiscordAPIError);
		expect(err).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
		expect(guild.member(ALICE)!.roleIds).toEqual([]);
		await expect(alice.roles.add(ROLE_MANAGED)).rejects.toMatchObject({ code: 50013 });
		await expect(alice.roles.add(guild.botRole().id)).rejects.toMatchObject({ code: 50013 }); // equal position, and managed
		await expect(alice.edit({ roles: [ROLE_LOW, ROLE_HIGH] })).rejects.toMatchObject({ code: 50013 });
		expect(guild.member(ALICE)!.roleIds).toEqual([]);
		const owner = await g.members.fetch(OWNER_ID);
		await expect(owner.setNickname('nope')).rejects.toMatchObject({ status: 403, code: 50013 });
		await expect(alice.roles.add('999999999999999999')).rejects.toMatchObject({ status: 404, code: 10011 });
		await expect(g.members.fetch({ user: '999999999999999999', force: true })).rejects.toMatchObject({ code: 10007 });
	});

	test('moving the bot role below a role (GUILD_ROLE_UPDATE) makes that role unmanageable', async () => {
		const g = client.guilds.cache.get(GUILD_ID)!;
		guild.setRolePosition(guild.botRole().id, 15);
		await expect.poll(() => g.members.me?.roles.highest.rawPosition).toBe(15);
		await expect(g.members.cache.get(ALICE)!.roles.add(ROLE_MID)).rejects.toMatchObject({ code: 50013 });
		await g.members.cache.get(ALICE)!.roles.add(ROLE_LOW);
		guild.setRolePosition(guild.botRole().id, 100);
		// without Manage Roles nothing works
		guild.setRolePermissions(guild.botRole().id, 0n);
		await expect(g.members.cache.get(ALICE)!.roles.remove(ROLE_LOW)).rejects.toMatchObject({ code: 50013 });
		expect(guild.member(ALICE)!.roleIds).toEqual([ROLE_LOW]);
		guild.setRolePermissions(guild.botRole().id, PermissionFlagsBits.Administrator);
		await g.members.cache.get(ALICE)!.roles.remove(ROLE_LOW);
		guild.setRolePermissions(guild.botRole().id, PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageNicknames);
		guild.deleteRole(ROLE_MOD);
		await expect.poll(() => g.roles.cache.has(ROLE_MOD)).toBe(false);
	});

	test('GUILD_MEMBER_ADD arrives as guildMemberAdd', async () => {
		const joined = new Promise<GuildMember>((resolve) => client.once(Events.GuildMemberAdd, resolve));
		fake.memberJoin(GUILD_ID, { userId: '900000000000000099', username: 'newbie' });
		const m = await joined;
		expect(m.user.username).toBe('newbie');
		expect(m.guild.id).toBe(GUILD_ID);
	});

	test('guilds added after READY arrive as GUILD_CREATE', async () => {
		const created = new Promise<string>((resolve) => client.once(Events.GuildCreate, (g) => resolve(g.id)));
		const g2 = fake.addGuild({ name: 'Second' });
		expect(await created).toBe(g2.id);
		expect(client.guilds.cache.get(g2.id)?.members.me).toBeTruthy();
	});

	test('DMs: createDM + send land in dmMessages', async () => {
		const user = await client.users.fetch(ALICE);
		await user.send('hello there');
		expect(fake.dmMessages(ALICE).map((m) => m.content)).toEqual(['hello there']);
	});

	test('unknown routes are 404 {message, code: 0}', async () => {
		const e = await client.rest.get('/nope/nothing').catch((x) => x);
		expect(e).toMatchObject({ status: 404, code: 0, message: '404: Not Found' });
	});
});

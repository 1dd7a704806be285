import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../fakes/discord/index.js';
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
import { answerOf, discordIdOf, UNEXPECTED } from './helpers.js';

/**
 * Bad input of every kind, across every command: each gets a clear ephemeral answer that is an expected problem (no
 * "Something went wrong", no error id) and changes nothing that is stored or any member's roles.
 */

const ROBLOX_ID = '7440001';
const BADGE = '2126001';
const STRANGER = '100000000000000999'; // a Discord user who is not in the server
const userFor = (i: number) => discordIdOf('70000000000000', i);
const DOUBLE = '100000000000000777';

interface Case {
	label: string;
	run: (w: World, userId: string) => InteractionHandle;
	expect: RegExp;
	/** Who runs it: a fresh plain member (default), or the admin. */
	as?: 'admin' | 'member' | 'mod';
}

const verify = (username: string): Pick<Case, 'run'> => ({
	run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'verify', options: { username } }),
});
const bindAdd = (options: (w: World) => Record<string, string | number | boolean>): Pick<Case, 'run' | 'as'> => ({
	as: 'admin',
	run: (w, userId) =>
		w.discord.runCommand({ guildId: w.guild.id, userId, name: 'bind', subcommand: 'add', options: options(w) }),
});
const settingsSet = (options: (w: World) => Record<string, string | number | boolean>): Pick<Case, 'run' | 'as'> => ({
	as: 'admin',
	run: (w, userId) =>
		w.discord.runCommand({ guildId: w.guild.id, userId, name: 'settings', subcommand: 'set', options: options(w) }),
});
const press = (
	customId: (w: World, userId: string) => string,
	as: Case['as'] = 'member',
): Pick<Case, 'run' | 'as'> => ({
	as,
	run: (w, userId) => w.discord.pressButton({ guildId: w.guild.id, userId, customId: customId(w, userId) }),
});

const INVALID_NAME = /not a valid Roblox username/;
const INVALID_ID = /whole numbers above 0/;
const INVALID_ITEM = /Item ids are whole numbers above 0/;

const CASES: Case[] = [
	// /verify: usernames and ids
	{ label: 'verify: too short', ...verify('ab'), expect: INVALID_NAME },
	{ label: 'verify: spaces and punctuation', ...verify('bad name!'), expect: INVALID_NAME },
	{ label: 'verify: only whitespace', ...verify('   '), expect: INVALID_NAME },
	{ label: 'verify: two underscores', ...verify('a_b_c'), expect: INVALID_NAME },
	{ label: 'verify: leading underscore', ...verify('_abc'), expect: INVALID_NAME },
	{ label: 'verify: Cyrillic look-alike "о"', ...verify('rоblox_fan'), expect: INVALID_NAME },
	{ label: 'verify: full-width digits', ...verify('１２３４５'), expect: INVALID_NAME },
	{ label: 'verify: zero-width space inside', ...verify('rob\u200blox'), expect: INVALID_NAME },
	{ label: 'verify: id 0', ...verify('0'), expect: INVALID_ID },
	{ label: 'verify: negative id', ...verify('-12'), expect: INVALID_ID },
	{ label: 'verify: id 2^63 (one over int64)', ...verify('9223372036854775808'), expect: INVALID_ID },
	{ label: 'verify: id far over 2^63', ...verify('99999999999999999999'), expect: INVALID_ID },
	{ label: 'verify: decimal id', ...verify('12.5'), expect: INVALID_ID },
	{ label: 'verify: exponent id', ...verify('1e5'), expect: INVALID_ID },
	{ label: 'verify: unknown account', ...verify('nobody_here'), expect: /no user with that name/ },
	{ label: 'verify: unknown id', ...verify('123456789'), expect: /no user with that name or id/ },
	// /bind add: ids and options
	{
		label: 'bind add: badge without id',
		...bindAdd((w) => ({ kind: 'badge', role: w.roles.badge.id })),
		expect: /Give the item id/,
	},
	{
		label: 'bind add: id 0',
		...bindAdd((w) => ({ kind: 'badge', id: '0', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: negative id',
		...bindAdd((w) => ({ kind: 'gamepass', id: '-5', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: decimal id',
		...bindAdd((w) => ({ kind: 'asset', id: '1.5', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: id over 2^63',
		...bindAdd((w) => ({ kind: 'asset', id: '99999999999999999999', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: Arabic-Indic digits',
		...bindAdd((w) => ({ kind: 'asset', id: '١٢٣', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: id with inner space',
		...bindAdd((w) => ({ kind: 'gamepass', id: '12 34', role: w.roles.badge.id })),
		expect: INVALID_ITEM,
	},
	{
		label: 'bind add: collectible with an id',
		...bindAdd((w) => ({ kind: 'collectible', id: '5', role: w.roles.badge.id })),
		expect: /leave `id` empty/,
	},
	{
		label: 'bind add: badge that does not exist',
		...bindAdd((w) => ({ kind: 'badge', id: '999', role: w.roles.badge.id })),
		expect: /no badge with id 999/,
	},
	{
		label: 'bind add: tampered kind',
		...bindAdd((w) => ({ kind: 'bogus', id: '5', role: w.roles.badge.id })),
		expect: /./,
	},
	{
		label: 'bind add: @everyone',
		...bindAdd((w) => ({ kind: 'badge', id: BADGE, role: w.guild.id })),
		expect: /@everyone/,
	},
	{
		label: 'bind add: role above the bot',
		...bindAdd((w) => ({ kind: 'badge', id: BADGE, role: w.roles.high.id })),
		expect: /above Rolink's highest role/,
	},
	{
		label: 'bind add: dangerous role without opt-in',
		...bindAdd((w) => ({ kind: 'badge', id: BADGE, role: w.roles.dangerous.id })),
		expect: /dangerous permissions/,
	},
	{
		label: 'bind remove: unknown binding id',
		as: 'admin',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'bind',
				subcommand: 'remove',
				options: { binding: 'nope' },
			}),
		expect: /No binding has that id/,
	},
	{
		label: 'bind remove: whitespace binding id',
		as: 'admin',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'bind',
				subcommand: 'remove',
				options: { binding: '   ' },
			}),
		expect: /No binding has that id/,
	},
	// /settings
	{
		label: 'settings: nickname template expanding past 32',
		...settingsSet(() => ({ 'nickname-template': '{display-name} the great {roblox-name}' })),
		expect: /can expand to \d+ characters/,
	},
	{
		label: 'settings: nickname template of 40 literal characters',
		...settingsSet(() => ({ 'nickname-template': 'x'.repeat(40) })),
		expect: /nickname template/,
	},
	{
		label: 'settings: unknown placeholder',
		...settingsSet(() => ({ 'nickname-template': '{password}' })),
		expect: /nickname template/,
	},
	{
		label: 'settings: verified role = @everyone',
		...settingsSet((w) => ({ 'verified-role': w.guild.id })),
		expect: /@everyone/,
	},
	{
		label: 'settings: unverified role above the bot',
		...settingsSet((w) => ({ 'unverified-role': w.roles.high.id })),
		expect: /above Rolink's highest role/,
	},
	{
		label: 'settings: dangerous verified role',
		...settingsSet((w) => ({ 'verified-role': w.roles.dangerous.id })),
		expect: /dangerous permissions/,
	},
	{
		label: 'settings clear: tampered setting name',
		as: 'admin',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'settings',
				subcommand: 'clear',
				options: { setting: 'bogus' },
			}),
		expect: /./,
	},
	// lookups and member options
	{
		label: 'lookup roblox: invalid name',
		as: 'mod',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'lookup',
				subcommand: 'roblox',
				options: { account: 'x!' },
			}),
		expect: INVALID_NAME,
	},
	{
		label: 'lookup roblox: id 0',
		as: 'mod',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'lookup',
				subcommand: 'roblox',
				options: { account: '0' },
			}),
		expect: INVALID_ID,
	},
	{
		label: 'lookup roblox: unlinked account',
		as: 'mod',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'lookup',
				subcommand: 'roblox',
				options: { account: 'input_ivy' },
			}),
		expect: /No member of this server is linked/,
	},
	{
		label: 'lookup member: not linked',
		as: 'mod',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'lookup',
				subcommand: 'member',
				options: { member: ADMIN_ID },
			}),
		expect: /has not linked/,
	},
	{
		label: 'update member: not in the server',
		as: 'mod',
		run: (w, userId) =>
			w.discord.runCommand({
				guildId: w.guild.id,
				userId,
				name: 'update',
				options: { member: STRANGER },
				types: { member: 'user' },
			}),
		expect: /no longer in this server/,
	},
	{
		label: 'update: not linked',
		run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'update' }),
		expect: /not linked/,
	},
	{
		label: 'unlink: not linked',
		run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'unlink' }),
		expect: /not linked/,
	},
	{
		label: 'verify: no username while unlinked',
		run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'verify' }),
		expect: /Run `\/verify username:/,
	},
	{
		label: 'inventory: someone not linked',
		run: (w, userId) =>
			w.discord.runCommand({ guildId: w.guild.id, userId, name: 'inventory', options: { member: ADMIN_ID } }),
		expect: /has not linked/,
	},
	{
		label: 'inventory: yourself, not linked',
		run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'inventory' }),
		expect: /not linked/,
	},
	{
		label: 'unknown command name',
		run: (w, userId) => w.discord.runCommand({ guildId: w.guild.id, userId, name: 'no-such-command' }),
		expect: /no longer available/,
	},
	// tampered or foreign components
	{
		label: 'button: verify:check for another user',
		...press(() => `verify:check:${MEMBER_ID}`),
		expect: /belongs to someone else/,
	},
	{
		label: 'button: unlink:confirm:123',
		...press(() => 'unlink:confirm:123'),
		expect: /belong to the person who ran the command/,
	},
	{
		label: 'button: unlink:confirm for the linked member, pressed by another',
		...press(() => `unlink:confirm:${MEMBER_ID}`),
		expect: /belong to the person who ran the command/,
	},
	{ label: 'button: update-all:stop:x by a non-admin', ...press(() => 'update-all:stop:x'), expect: /Manage Server/ },
	{
		label: 'button: update-all:stop:x by an admin, nothing running',
		...press(() => 'update-all:stop:x', 'admin'),
		expect: /No update is running/,
	},
	{ label: 'button: bogus:thing', ...press(() => 'bogus:thing'), expect: /old message/ },
	{ label: 'button: empty-ish id', ...press(() => ':::'), expect: /old message/ },
	{
		label: 'button: verify:unknown-action',
		...press((_, userId) => `verify:explode:${userId}`),
		expect: /old message/,
	},
	{
		label: 'button: inventory:nav:nonexistent:next',
		...press(() => 'inventory:nav:nonexistent:next'),
		expect: /inventory view has expired/,
	},
	{
		label: 'button: inventory:nav with a bad move',
		...press(() => 'inventory:nav:abc:explode:3'),
		expect: /old message/,
	},
	{
		label: 'button: bind:page of another user',
		...press(() => `bind:page:${ADMIN_ID}:1`),
		expect: /belong to the person who ran the command/,
	},
	// DMs
	{
		label: 'DM: /verify',
		run: (w, userId) => w.discord.runCommand({ userId, name: 'verify', options: { username: 'input_ivy' } }),
		expect: /works inside a server/,
	},
	{
		label: 'DM: /bind list',
		as: 'admin',
		run: (w, userId) => w.discord.runCommand({ userId, name: 'bind', subcommand: 'list' }),
		expect: /works inside a server/,
	},
	{
		label: 'DM: a button',
		run: (w, userId) => w.discord.pressButton({ userId, customId: `verify:check:${userId}` }),
		expect: /works inside a server/,
	},
];

describe('bad input is answered plainly and changes nothing', () => {
	let world: World;
	let bot: RunningBot;

	beforeAll(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'input_ivy' });
		world.roblox.addUser({ id: '7440002', name: 'linked_leo' });
		world.roblox.addBadge({ id: BADGE, name: 'Known' });
		world.discord.addUser({ id: STRANGER, username: 'stranger' });
		world.guild.addMember({ userId: DOUBLE, username: 'double' });
		world.roblox.addUser({ id: '7440003', name: 'double_dan' });
		CASES.forEach((_, i) =>
			world.guild.addMember({ userId: userFor(i), username: `case${i}`, roleIds: i % 2 ? [world.roles.pass.id] : [] }),
		);
		bot = await startBot(world);
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await links.save({
			discordId: MEMBER_ID,
			robloxId: '7440002',
			robloxName: 'linked_leo',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	});
	afterAll(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function snapshot() {
		const { guilds, links, pending } = bot.app.ctx.stores;
		const ids = [MEMBER_ID, ADMIN_ID, MOD_ID, ...CASES.map((_, i) => userFor(i))];
		return JSON.stringify({
			config: await guilds.get(world.guild.id),
			links: await Promise.all(ids.map((id) => links.getByDiscord(id))),
			reverse: await Promise.all([ROBLOX_ID, '7440002'].map((id) => links.getByRoblox(id))),
			pending: await Promise.all(ids.map((id) => pending.get(id))),
			run: await bot.app.ctx.stores.runs.get(world.guild.id),
			members: world.guild.members().map((m) => [m.userId, [...m.roleIds].sort(), m.nick]),
		});
	}

	it('has at least 30 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
	});

	it.each(CASES.map((c, i) => [c.label, c, i] as const))('%s', async (_label, c, i) => {
		const userId = c.as === 'admin' ? ADMIN_ID : c.as === 'mod' ? MOD_ID : userFor(i);
		const before = await snapshot();
		const requests = world.discord.requests.length;
		const handle = c.run(world, userId);
		const answer = await answerOf(handle);
		expect(answer.text).toMatch(c.expect);
		expect(answer.ephemeral, `answer to "${c.label}" is ephemeral`).toBe(true);
		expect(answer.text).not.toMatch(UNEXPECTED);
		expect(handle.rejectedCallbacks).toEqual([]);
		expect(await snapshot()).toBe(before);
		// No side effects on the guild: no member edits, no posts (audit or otherwise).
		const sideEffects = world.discord.requests
			.slice(requests)
			.filter((r) => !r.path.startsWith('/interactions/') && !r.path.startsWith('/webhooks/') && r.method !== 'GET');
		expect(sideEffects).toEqual([]);
		expect(bot.logs.filter((line) => /"interaction failed"/.test(line))).toEqual([]);
	});

	it('a Check pressed again after linking (a double click) does not tell a linked member their code expired', async () => {
		const verify = world.discord.runCommand({
			guildId: world.guild.id,
			userId: DOUBLE,
			name: 'verify',
			options: { username: 'double_dan' },
		});
		const prompt = await verify.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		world.roblox.setAbout('7440003', /```\n([a-z ]+)\n```/.exec(textOf(prompt))![1]!);
		const checkId = prompt.components[0].components[0].custom_id as string;
		const first = world.discord.pressButton({
			guildId: world.guild.id,
			userId: DOUBLE,
			customId: checkId,
			messageId: prompt.id,
		});
		await first.waitForReply((m) => /now linked/.test(m.content ?? ''));
		expect(await bot.app.ctx.stores.links.getByDiscord(DOUBLE)).toMatchObject({ robloxId: '7440003' });
		// The second click of a double click arrives after the first was handled.
		const second = world.discord.pressButton({
			guildId: world.guild.id,
			userId: DOUBLE,
			customId: checkId,
			messageId: prompt.id,
		});
		await second.waitForCallback();
		await new Promise((resolve) => setTimeout(resolve, 300));
		const shown = textOf(second.original()) + second.followUps.map((m) => textOf(m)).join('\n');
		expect(await bot.app.ctx.stores.links.getByDiscord(DOUBLE)).toMatchObject({ robloxId: '7440003' });
		expect(shown, 'what the linked member sees after the second click').not.toMatch(/expired/);
		expect(shown).toMatch(/linked/);
	});
});

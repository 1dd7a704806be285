import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, createWorld, MEMBER_ID, MOD_ID, startBot, type RunningBot, type World } from '../helpers/world.js';
import { answerOf, discordIdOf, runResult, UNEXPECTED, until } from './helpers.js';

/**
 * The fake lets anyone invoke any command: exactly what happens when a server admin overrides a command's default
 * permissions. Every privileged handler must refuse at run time, and change nothing.
 */

const BADGE = '2125001';
const ROBLOX_ID = '7330001';

describe('privileged commands are checked at run time', () => {
	let world: World;
	let bot: RunningBot;
	let bindingId: string;

	beforeAll(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'perm_pete' });
		world.roblox.addBadge({ id: BADGE, name: 'Gate' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		// Enough slow members that an /update-all is still running while someone presses its Stop button.
		for (let i = 0; i < 40; i++) {
			world.guild.addMember({ userId: discordIdOf('60000000000000', i), username: `p${i}` });
			world.roblox.addUser({ id: String(7_331_000 + i), name: `perm_${i}` });
		}
		bot = await startBot(world);
		const { guilds, links } = bot.app.ctx.stores;
		bindingId = (
			await guilds.addBinding(world.guild.id, {
				kind: 'badge',
				itemId: BADGE,
				roleId: world.roles.badge.id,
				addedBy: ADMIN_ID,
			})
		).binding.id;
		await guilds.updateSettings(world.guild.id, { verifiedRoleId: world.roles.verified.id });
		await links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'perm_pete',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		for (let i = 0; i < 40; i++) {
			await links.save({
				discordId: discordIdOf('60000000000000', i),
				robloxId: String(7_331_000 + i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		}
	});
	afterAll(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function snapshot() {
		const { guilds, links } = bot.app.ctx.stores;
		return JSON.stringify({
			config: await guilds.get(world.guild.id),
			link: await links.getByDiscord(MEMBER_ID),
			roles: world.guild.members().map((m) => [m.userId, [...m.roleIds].sort(), m.nick]),
			run: await bot.app.ctx.stores.runs.get(world.guild.id),
		});
	}

	it('registers every command with the intended default_member_permissions, guild-only', () => {
		const byName = new Map(world.discord.commands.global.map((c) => [c.name, c]));
		const expected: Record<string, string | null> = {
			bind: '32',
			settings: '32',
			'update-all': '32',
			lookup: '268435456',
			verify: null,
			update: null,
			unlink: null,
			inventory: null,
		};
		for (const [name, permissions] of Object.entries(expected)) {
			expect(byName.get(name), `/${name} registered`).toBeDefined();
			expect(byName.get(name).default_member_permissions, `/${name} default_member_permissions`).toBe(permissions);
			expect(byName.get(name).contexts, `/${name} contexts`).toEqual([0]);
		}
		expect([...byName.keys()].sort()).toEqual(Object.keys(expected).sort());
	});

	const refusals: [string, string, string | undefined, () => Record<string, string | number | boolean>, RegExp][] = [
		['member', 'bind', 'add', () => ({ kind: 'badge', id: BADGE, role: world.roles.pass.id }), /Manage Server/],
		['member', 'bind', 'remove', () => ({ binding: bindingId }), /Manage Server/],
		['member', 'bind', 'list', () => ({}), /Manage Server/],
		['member', 'settings', 'show', () => ({}), /Manage Server/],
		['member', 'settings', 'set', () => ({ 'auto-verify': false }), /Manage Server/],
		['member', 'settings', 'clear', () => ({ setting: 'verified-role' }), /Manage Server/],
		['member', 'update-all', undefined, () => ({}), /Manage Server/],
		['member', 'update', undefined, () => ({ member: ADMIN_ID }), /Manage Roles/],
		['member', 'lookup', 'member', () => ({ member: ADMIN_ID }), /Manage Roles/],
		['member', 'lookup', 'roblox', () => ({ account: 'perm_pete' }), /Manage Roles/],
		// A moderator (Manage Roles only) still may not touch server configuration.
		['moderator', 'bind', 'add', () => ({ kind: 'badge', id: BADGE, role: world.roles.pass.id }), /Manage Server/],
		['moderator', 'bind', 'remove', () => ({ binding: bindingId }), /Manage Server/],
		['moderator', 'settings', 'set', () => ({ 'verified-role': world.roles.pass.id }), /Manage Server/],
		['moderator', 'settings', 'clear', () => ({ setting: 'verified-role' }), /Manage Server/],
		['moderator', 'update-all', undefined, () => ({}), /Manage Server/],
	];

	it.each(refusals)(
		'a %s running /%s %s is refused and nothing changes',
		async (who, name, subcommand, options, permission) => {
			const before = await snapshot();
			const requests = world.discord.requests.length;
			const userId = who === 'member' ? MEMBER_ID : MOD_ID;
			const answer = await answerOf(
				world.discord.runCommand({
					guildId: world.guild.id,
					userId,
					name,
					...(subcommand ? { subcommand } : {}),
					options: options(),
				}),
			);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/You need the \*\*/);
			expect(answer.text).toMatch(permission);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(await snapshot()).toBe(before);
			// Nothing was posted or edited on the guild's behalf (only the interaction answer itself).
			const sideEffects = world.discord.requests
				.slice(requests)
				.filter((r) => !r.path.startsWith('/interactions/') && !r.path.startsWith('/webhooks/') && r.method !== 'GET');
			expect(sideEffects).toEqual([]);
			expect(bot.app.ctx.bulk.isRunning(world.guild.id)).toBe(false);
		},
	);

	it('the bind list page button re-checks the permission, even for the person it was made for', async () => {
		const answer = await answerOf(
			world.discord.pressButton({ guildId: world.guild.id, userId: MEMBER_ID, customId: `bind:page:${MEMBER_ID}:1` }),
		);
		expect(answer.ephemeral).toBe(true);
		expect(answer.text).toMatch(/Manage Server/);
	});

	it('the /update-all Stop button pressed by a member without Manage Server is refused and the run goes on', async () => {
		world.roblox.injectFault({ path: /inventory-items/, delayMs: 300, times: 1_000 });
		try {
			const run = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
			expect((await answerOf(run)).text).toMatch(/Started/);
			const state = await until(() => bot.app.ctx.bulk.get(world.guild.id), 5_000, 'the run');
			const stop = world.discord.pressButton({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				customId: `update-all:stop:${state.runId}`,
			});
			const answer = await answerOf(stop);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/Manage Server/);
			expect(bot.app.ctx.bulk.isRunning(world.guild.id)).toBe(true);
			const done = await runResult(bot, world.guild.id);
			expect(done.status).toBe('done');
		} finally {
			world.roblox.clearFaults();
		}
	});

	it('lookups and refreshes of someone else are answered only to the moderator (ephemeral)', async () => {
		const lookup = await answerOf(
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: MOD_ID,
				name: 'lookup',
				subcommand: 'member',
				options: { member: MEMBER_ID },
			}),
		);
		expect(lookup.ephemeral).toBe(true);
		expect(lookup.text).toMatch(/perm_pete/);
		const byRoblox = await answerOf(
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: MOD_ID,
				name: 'lookup',
				subcommand: 'roblox',
				options: { account: 'perm_pete' },
			}),
		);
		expect(byRoblox.ephemeral).toBe(true);
		expect(byRoblox.text).toMatch(new RegExp(MEMBER_ID));
		const update = await answerOf(
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: MOD_ID,
				name: 'update',
				options: { member: MEMBER_ID },
			}),
		);
		expect(update.ephemeral).toBe(true);
		const inventory = await answerOf(
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: ADMIN_ID,
				name: 'inventory',
				options: { member: MEMBER_ID },
			}),
		);
		expect(inventory.ephemeral).toBe(true);
		expect(inventory.text).toMatch(/perm_pete/);
	});
});

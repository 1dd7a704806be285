import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ADMIN_ID,
	createWorld,
	GUILD_ID,
	MEMBER_ID,
	MOD_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';

const ROBLOX_ID = '6670001';
const GROUP = '7001';
const ROLE = { member: '70011', officer: '70012', leader: '70013' };

describe('group rank bindings', () => {
	let world: World;
	let bot: RunningBot;
	let ranked: { id: string };
	let officer: { id: string };
	let guest: { id: string };

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'clan_cat', displayName: 'Cat' });
		world.roblox.addGroup({
			id: GROUP,
			name: 'Cat Clan',
			roles: [
				{ id: ROLE.member, name: 'Member', rank: 1 },
				{ id: ROLE.officer, name: 'Officer', rank: 100 },
				{ id: ROLE.leader, name: 'Leader', rank: 255 },
			],
		});
		ranked = world.guild.addRole({ name: 'Ranked', position: 8 });
		officer = world.guild.addRole({ name: 'Officers', position: 9 });
		guest = world.guild.addRole({ name: 'Visitors', position: 10 });
		bot = await startBot(world);
		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'clan_cat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const admin = (options: Record<string, string | number | boolean>) =>
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'bind', subcommand: 'add', options });
	const roleIds = () => world.guild.member(MEMBER_ID)!.roleIds;
	const update = async () =>
		textOf(
			await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply(),
		);

	async function bindAll() {
		expect(
			textOf(
				await admin({ kind: 'group', group: GROUP, 'min-rank': 50, 'max-rank': 200, role: ranked.id }).waitForReply(),
			),
		).toMatch(/^Members of group 7001 "Cat Clan" ranked 50 to 200 now get <@&\d+>\./);
		expect(
			textOf(await admin({ kind: 'group', group: GROUP, 'group-role': 'officer', role: officer.id }).waitForReply()),
		).toMatch(/^Members of group 7001 "Cat Clan" with the group role "Officer" now get/);
		expect(textOf(await admin({ kind: 'group', group: GROUP, guest: true, role: guest.id }).waitForReply())).toMatch(
			/^Linked members who are not in group 7001 "Cat Clan" now get/,
		);
	}

	it('grants and removes range, exact-role and guest roles as the rank changes, one memberships request a check', async () => {
		await bindAll();
		world.roblox.resetRequests();
		await update();
		expect(roleIds()).toContain(guest.id);
		expect(roleIds()).not.toContain(ranked.id);
		const memberships = () => world.roblox.requests.filter((r) => r.path.endsWith('/memberships'));
		expect(memberships()).toHaveLength(1);
		expect(memberships()[0]!.path).toBe('/cloud/v2/groups/-/memberships');
		expect(memberships()[0]!.query.filter).toBe(`user in ['users/${ROBLOX_ID}']`);
		// No inventory request: the guild has no inventory binding.
		expect(world.roblox.requests.filter((r) => r.path.includes('inventory-items'))).toHaveLength(0);

		world.roblox.setGroupRole(GROUP, ROBLOX_ID, ROLE.officer);
		await update();
		expect(roleIds()).toEqual(expect.arrayContaining([ranked.id, officer.id]));
		expect(roleIds()).not.toContain(guest.id);

		world.roblox.setGroupRole(GROUP, ROBLOX_ID, ROLE.leader);
		await update();
		expect(roleIds()).not.toContain(ranked.id);
		expect(roleIds()).not.toContain(officer.id);

		world.roblox.setGroupRole(GROUP, ROBLOX_ID, ROLE.member);
		await update();
		expect(roleIds()).not.toContain(guest.id);
		expect(roleIds()).not.toContain(ranked.id);

		world.roblox.setGroupRole(GROUP, ROBLOX_ID, null);
		await update();
		expect(roleIds()).toContain(guest.id);
	});

	it('keeps every group role through a 429 storm on groups', async () => {
		await bindAll();
		world.roblox.setGroupRole(GROUP, ROBLOX_ID, ROLE.officer);
		await update();
		expect(roleIds()).toEqual(expect.arrayContaining([ranked.id, officer.id]));
		// Out of the group now, but Roblox only answers 429.
		world.roblox.setGroupRole(GROUP, ROBLOX_ID, null);
		world.roblox.injectFault({ path: /\/groups\//, status: 429, times: 1_000, retryAfterSeconds: 0 });
		await update();
		expect(roleIds()).toEqual(expect.arrayContaining([ranked.id, officer.id]));
		expect(roleIds()).not.toContain(guest.id);
		world.roblox.clearFaults();
	});

	it('/lookup shows each group binding’s verdict from the planner', async () => {
		await bindAll();
		world.roblox.setGroupRole(GROUP, ROBLOX_ID, ROLE.officer);
		const reply = await world.discord
			.runCommand({
				guildId: GUILD_ID,
				userId: MOD_ID,
				name: 'lookup',
				subcommand: 'member',
				options: { member: MEMBER_ID },
			})
			.waitForReply();
		const text = textOf(reply);
		expect(text).toMatch(/rank 50–200 → <@&\d+>: ✅ owns \(rank 100 "Officer"\) · ⚠️ no role \(added at next update\)/);
		expect(text).toMatch(/role "Officer" → <@&\d+>: ✅ owns/);
		expect(text).toMatch(/not a member \(guest\) → <@&\d+>: ❌ does not own \(in the group\)/);
	});

	describe('/update-all reads the group by roster or by batches, whichever costs fewer requests', () => {
		const CREW = 200;
		const crewId = (i: number) => `3000000000000${String(i).padStart(5, '0')}`;
		const crewRoblox = (i: number) => String(9_100_000 + i);
		// Members 0–104 in the group (every 10th an officer), 105–199 not: a roster of 2 pages against 4 batches.
		const rankOf = (i: number) => (i >= 105 ? null : i % 10 === 0 ? ROLE.officer : ROLE.member);

		async function crewRun(fault?: RegExp) {
			for (let i = 0; i < CREW; i++) {
				// Each starts with the opposite of what it should have, so every role is given or taken by the run.
				world.guild.addMember({
					userId: crewId(i),
					username: `crew${i}`,
					roleIds: rankOf(i) === ROLE.officer ? [guest.id] : [officer.id],
				});
				world.roblox.addUser({ id: crewRoblox(i), name: `crew_${i}` });
				const role = rankOf(i);
				if (role) world.roblox.setGroupRole(GROUP, crewRoblox(i), role);
				await bot.app.ctx.stores.links.save({
					discordId: crewId(i),
					robloxId: crewRoblox(i),
					linkedAt: new Date().toISOString(),
					method: 'profile-code',
				});
			}
			await bindAll();
			// Every member's roles are wrong on purpose: the mass-removal breaker (test/e2e/breaker.test.ts) is off here.
			await bot.app.ctx.stores.guilds.updateSettings(GUILD_ID, { removalBreaker: { off: true } });
			world.roblox.resetRequests();
			if (fault) world.roblox.injectFault({ path: fault, status: 429, times: 1_000, retryAfterSeconds: 0 });
			await world.discord.runCommand({ guildId: GUILD_ID, userId: ADMIN_ID, name: 'update-all' }).waitForReply();
			expect(await bot.app.ctx.bulk.wait(GUILD_ID)).toMatchObject({ status: 'done', failed: 0 });
			for (let i = 0; i < CREW; i++) {
				const roles = world.guild.member(crewId(i))!.roleIds;
				expect(roles.includes(officer.id), `officer ${i}`).toBe(rankOf(i) === ROLE.officer);
				expect(roles.includes(guest.id), `guest ${i}`).toBe(rankOf(i) === null);
			}
			return world.roblox.requests.filter((r) => r.path.endsWith('/memberships') && r.status === 200);
		}

		it('reads the roster (cheaper), then checks every member from it', async () => {
			const reads = await crewRun();
			// The group's 105 members on 2 pages of 100, no batch, no single read.
			expect(reads.map((r) => r.path)).toEqual(Array(2).fill(`/cloud/v2/groups/${GROUP}/memberships`));
		});

		it('believes no half-read roster: a 429 on its second page means batches, and every role is right', async () => {
			const reads = await crewRun(new RegExp(`groups/${GROUP}/memberships\\?.*pageToken=`));
			expect(reads.filter((r) => r.path === '/cloud/v2/groups/-/memberships').length).toBeGreaterThanOrEqual(3);
		});
	});

	it('confirms a new group binding in words that fit it, in the member’s language', async () => {
		const add = (locale: string, options: Record<string, string | number | boolean>) =>
			world.discord
				.runCommand({ guildId: GUILD_ID, userId: ADMIN_ID, name: 'bind', subcommand: 'add', options, locale })
				.waitForReply()
				.then(textOf);
		expect(await add('pt-BR', { kind: 'group', group: GROUP, 'min-rank': 100, role: officer.id })).toMatch(
			/^Membros do grupo 7001 "Cat Clan" com patente 100 ou superior agora recebem <@&\d+>\./,
		);
		expect(await add('es-ES', { kind: 'group', group: GROUP, guest: true, role: guest.id })).toMatch(
			/^Los miembros vinculados que no están en el grupo 7001 "Cat Clan" ahora reciben <@&\d+>\./,
		);
		expect(await add('en-US', { kind: 'group', group: GROUP, role: ranked.id })).toMatch(
			/^Members of group 7001 "Cat Clan" now get <@&\d+>\./,
		);
		// /bind list reads the rule in the reader's language too.
		const list = await world.discord
			.runCommand({ guildId: GUILD_ID, userId: ADMIN_ID, name: 'bind', subcommand: 'list', locale: 'pt-BR' })
			.waitForReply()
			.then(textOf);
		expect(list).toMatch(/grupo 7001 "Cat Clan", patente ≥ 100/);
		expect(list).toMatch(/grupo 7001 "Cat Clan", fora do grupo \(visitante\)/);
		expect(list).toMatch(/grupo 7001 "Cat Clan", qualquer membro/);
	});

	describe('group-role autocomplete', () => {
		const KNIGHTS = '7002';
		const longName = `Knight of the ${'very '.repeat(25)}long name`;
		beforeEach(() => {
			world.roblox.addGroup({
				id: KNIGHTS,
				name: 'Knights',
				roles: [
					...Array.from({ length: 30 }, (_, i) => ({ id: String(72_000 + i), name: `Knight ${i + 1}`, rank: i + 1 })),
					{ id: '72100', name: longName, rank: 200 },
					{ id: '72101', name: 'Squire', rank: 250 },
				],
			});
		});
		const complete = (group: string | undefined, typed: string, locale?: string) => {
			const handle = world.discord.autocomplete({
				guildId: GUILD_ID,
				userId: ADMIN_ID,
				name: 'bind',
				subcommand: 'add',
				options: { kind: 'group', ...(group === undefined ? {} : { group }), 'group-role': typed },
				focused: 'group-role',
				...(locale ? { locale } : {}),
			});
			return { handle, choices: handle.waitForChoices() };
		};

		it('offers the group roles whose names hold what was typed, by role id', async () => {
			const { handle, choices } = complete(GROUP, 'FIC');
			expect(await choices).toEqual([{ name: 'Officer (rank 100)', value: ROLE.officer }]);
			// Discord's schema for the answer (type 8): checked by the fake on receipt and again here.
			expect(validateDiscordPayload('interaction-callback', handle.callbacks[0])).toEqual([]);
			expect(handle.rejectedCallbacks).toEqual([]);
			expect((await complete(GROUP, 'e').choices).map((c) => c.value)).toEqual([
				ROLE.member,
				ROLE.officer,
				ROLE.leader,
			]);
			expect(await complete(GROUP, 'e', 'pt-BR').choices).toContainEqual({
				name: 'Officer (patente 100)',
				value: ROLE.officer,
			});
			// The chosen value is what /bind add gets: the exact role.
			const reply = await admin({
				kind: 'group',
				group: GROUP,
				'group-role': ROLE.leader,
				role: officer.id,
			}).waitForReply();
			expect(textOf(reply)).toMatch(/with the group role "Leader"/);
		});

		it('answers at most 25 choices, names of at most 100 characters with the rank kept', async () => {
			const all = await complete(KNIGHTS, 'knight').choices;
			expect(all).toHaveLength(25);
			expect(all.every((c) => /knight/i.test(c.name) && [...c.name].length <= 100)).toBe(true);
			const long = await complete(KNIGHTS, 'very long').choices;
			expect(long).toHaveLength(1);
			expect([...long[0]!.name].length).toBe(100);
			expect(long[0]).toMatchObject({
				name: expect.stringMatching(/^Knight of the very .*… \(rank 200\)$/),
				value: '72100',
			});
			// Nothing typed yet: every role but the guest one (rank 0), up to 25.
			expect(await complete(KNIGHTS, '').choices).toHaveLength(25);
		});

		it('answers an empty list, not an error, for an unknown group, a bad id or no group yet', async () => {
			for (const group of ['999', 'not-a-number', undefined]) {
				const { handle, choices } = complete(group, 'knight');
				expect(await choices).toEqual([]);
				expect(handle.rejectedCallbacks).toEqual([]);
			}
			// Roblox down: still an empty list in time, the interaction is not left unanswered.
			world.roblox.injectFault({ path: /\/groups\//, status: 500, times: 1_000 });
			expect(await complete(KNIGHTS, 'knight').choices).toEqual([]);
			world.roblox.clearFaults();
		});
	});

	it('refuses unknown groups and roles, ranks outside 0–255 and min above max', async () => {
		expect(textOf(await admin({ kind: 'group', group: '999', role: ranked.id }).waitForReply())).toMatch(/no group/i);
		expect(
			textOf(await admin({ kind: 'group', group: GROUP, 'group-role': 'Captain', role: ranked.id }).waitForReply()),
		).toMatch(/no role "Captain"/);
		expect(
			textOf(await admin({ kind: 'group', group: GROUP, 'min-rank': 300, role: ranked.id }).waitForReply()),
		).toMatch(/0 and 255/);
		expect(
			textOf(
				await admin({ kind: 'group', group: GROUP, 'min-rank': 9, 'max-rank': 3, role: ranked.id }).waitForReply(),
			),
		).toMatch(/higher than/);
		expect((await bot.app.ctx.stores.guilds.get(GUILD_ID)).bindings).toHaveLength(0);
	});
});

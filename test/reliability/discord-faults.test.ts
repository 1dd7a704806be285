import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n.js';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';
import { answerOf, runResult, discordIdOf, memberEdits, sleep, UNEXPECTED, until } from './helpers.js';

/** Discord misbehaving: REST 5xx and 429s, a dropped gateway, a lost permission, a role moved mid-run. */

const BADGE = '4004';
const memberId = (i: number) => discordIdOf('30000000000000', i);
const robloxId = (i: number) => String(9_100_000 + i);

describe('Discord faults', () => {
	let world: World;
	let bot: RunningBot | undefined;
	let members = 0;

	/** `count` linked members; even ones own the badge, every third holds the role already. */
	async function setup(count: number, options: { rate?: { limit: number; windowMs: number } } = {}) {
		members = count;
		world = await createWorld({ roblox: { rateLimit: options.rate ?? { limit: 10_000, windowMs: 1_000 } } });
		for (let i = 0; i < count; i++) {
			world.guild.addMember({
				userId: memberId(i),
				username: `d${i}`,
				roleIds: i % 3 === 0 ? [world.roles.badge.id] : [],
			});
			world.roblox.addUser({ id: robloxId(i), name: `dplayer_${i}` });
			if (i % 2 === 0) world.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
		}
		world.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		bot = await startBot(
			world,
			{},
			{
				roblox: {
					inventoryRate: options.rate ?? { limit: 10_000, windowMs: 1_000 },
					retries: { max: 3, baseDelayMs: 20, maxDelayMs: 100 },
				},
				bulk: { reportEveryMs: 50, concurrency: 4, listAttempts: 3, listRetryBaseMs: 50 },
			},
		);
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		for (let i = 0; i < count; i++) {
			await links.save({
				discordId: memberId(i),
				robloxId: robloxId(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		}
	}

	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
		await world?.close();
	});

	const hasBadge = (i: number) => world.guild.member(memberId(i))!.roleIds.includes(world.roles.badge.id);
	const expectRolesCorrect = () => {
		const wrong = Array.from({ length: members }, (_, i) => i).filter((i) => hasBadge(i) !== (i % 2 === 0));
		expect(wrong, 'members whose badge role is wrong').toEqual([]);
	};
	const updateAll = async () => {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		expect((await answerOf(run)).text).toMatch(/Started/);
		return run;
	};

	it('REST 500s and 429s (with retry_after) on member edits during /update-all: the run completes with every role right', async () => {
		await setup(40);
		const edit = /^\/guilds\/\d+\/members\/\d+$/;
		world.discord.injectFault({ method: 'PATCH', path: edit, status: 500, times: 2 });
		world.discord.injectFault({ method: 'PATCH', path: edit, status: 429, retryAfter: 0.2, times: 3 });
		world.discord.injectFault({ method: 'PATCH', path: edit, status: 502, times: 1 });
		world.discord.injectFault({ method: 'GET', path: /^\/guilds\/\d+\/members$/, status: 500, times: 1 });
		await updateAll();
		const state = await runResult(bot!, world.guild.id);
		expect(state.status).toBe('done');
		expect(state.failed).toBe(0);
		expect(state.processed).toBeGreaterThanOrEqual(members);
		expectRolesCorrect();
		const faulted = world.discord.requests.filter((r) => r.method === 'PATCH' && edit.test(r.path) && r.status >= 429);
		expect(faulted.length).toBe(6);
		expect(textOf(world.guild.messages(world.guild.defaultChannelId).at(-1))).toMatch(/Update finished/);
	});

	it('a gateway disconnect + resume in the middle of /update-all: the run completes and the bot keeps answering', async () => {
		await setup(60, { rate: { limit: 30, windowMs: 1_000 } });
		await updateAll();
		await until(() => (bot!.app.ctx.bulk.get(world.guild.id)?.processed ?? 0) >= 10, 10_000, 'ten members processed');
		const resumes = world.discord.resumeCount;
		world.discord.dropGateway();
		// An interaction sent while the bot is disconnected is replayed on RESUME and still answered in time.
		const during = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'show',
		});
		await until(() => world.discord.resumeCount > resumes || world.discord.identifyCount > 1, 10_000, 'a resume');
		expect(world.discord.resumeCount, 'resumed, not re-identified').toBeGreaterThan(resumes);
		expect((await answerOf(during)).text).toMatch(/Auto-verify/);
		expect(during.rejectedCallbacks).toEqual([]);
		const state = await runResult(bot!, world.guild.id);
		expect(state.status).toBe('done');
		expect(state.failed).toBe(0);
		expectRolesCorrect();
		const after = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'show',
		});
		expect((await answerOf(after)).text).toMatch(/Auto-verify/);
	});

	it('without Manage Roles, /update explains the fix and changes nothing', async () => {
		await setup(2);
		// Member 1 (odd) holds nothing and owns nothing; give MEMBER a linked account that owns the badge but lacks the role.
		world.roblox.addUser({ id: '9199999', name: 'perm_paula' });
		world.roblox.giveItem('9199999', { kind: 'badge', id: BADGE });
		await bot!.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: '9199999',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		world.guild.setRolePermissions(world.guild.botRole().id, 0n);
		await sleep(100);
		const before = world.discord.requests.length;
		const answer = await answerOf(
			world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }),
		);
		expect(answer.ephemeral).toBe(true);
		expect(answer.text).toMatch(/Manage Roles/);
		expect(answer.text).toMatch(/Server Settings → Roles/);
		expect(answer.text).not.toMatch(UNEXPECTED);
		expect(memberEdits(world, before)).toHaveLength(0);
		expect(world.guild.member(MEMBER_ID)!.roleIds).toEqual([]);
	});

	it('a brief Discord outage while listing members is retried, and the run completes', async () => {
		await setup(5);
		// As many 500s as discord.js makes attempts (1 + 3 retries): the first listing fails, then Discord recovers.
		world.discord.injectFault({ method: 'GET', path: /^\/guilds\/\d+\/members$/, status: 500, times: 4 });
		await updateAll();
		const state = await runResult(bot!, world.guild.id);
		expect(state.status).toBe('done');
		expect(bot!.logs.join('')).toMatch(/listing members failed; retrying/);
		expectRolesCorrect();
	});

	it('Discord failing to list members for good ends the run visibly, and a new /update-all is possible without a restart', async () => {
		await setup(5);
		// Every attempt of every retry fails (3 listing attempts × 4 discord.js attempts).
		world.discord.injectFault({ method: 'GET', path: /^\/guilds\/\d+\/members$/, status: 500, times: 12 });
		await updateAll();
		await until(() => !bot!.app.ctx.bulk.isRunning(world.guild.id), 15_000, 'the run to end');
		const failedLists = world.discord.requests.filter(
			(r) => r.method === 'GET' && /^\/guilds\/\d+\/members$/.test(r.path) && r.status === 500,
		);
		expect(failedLists).toHaveLength(12);
		expect(bot!.logs.join('')).toMatch(/bulk run interrupted/);
		const ended = await bot!.app.ctx.stores.runs.get(world.guild.id);
		expect(ended!.status).toBe('stopped');
		const reason = ended!.failures.at(-1)!.reason;
		expect(typeof reason === 'string' ? reason : en.text(reason)).toMatch(/run \/update-all again/);
		// The admin is not left with a run that is "already running" but that nothing runs.
		const again = await answerOf(
			world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' }),
		);
		expect(again.text, 'a second /update-all after the interrupted one').toMatch(/Started/);
		const state = await runResult(bot!, world.guild.id);
		expect(state.status).toBe('done');
		expectRolesCorrect();
	});

	it('a member who leaves during /update-all is skipped, not counted as a failure', async () => {
		await setup(40, { rate: { limit: 20, windowMs: 1_000 } });
		await updateAll();
		await until(() => (bot!.app.ctx.bulk.get(world.guild.id)?.processed ?? 0) >= 2, 10_000, 'the run to start');
		// Members near the end of the (already listed) page leave before their turn; odd ones hold no role and own nothing,
		// so their check would otherwise be "unchanged": pick members that need a change (even: owners without the role).
		const leavers = [34, 38].map(memberId);
		for (const id of leavers) world.guild.memberLeave(id);
		const state = await runResult(bot!, world.guild.id);
		expect(state.status).toBe('done');
		expect(
			state.failures.filter((f) => leavers.includes(f.memberId)),
			'members who left, reported as failures',
		).toEqual([]);
		expect(state.failed).toBe(0);
	});

	it('a bound role moved above the bot during /update-all: the run goes on, and the blocked members are reported (progress + audit)', async () => {
		await setup(60, { rate: { limit: 30, windowMs: 1_000 } });
		const audit = world.guild.addChannel({ name: 'rolink-audit' });
		await bot!.app.ctx.stores.guilds.updateSettings(world.guild.id, { auditChannelId: audit.id });
		await updateAll();
		await until(
			() => (bot!.app.ctx.bulk.get(world.guild.id)?.processed ?? 0) >= 15,
			10_000,
			'fifteen members processed',
		);
		const editsBefore = memberEdits(world).length;
		world.guild.setRolePosition(world.roles.badge.id, 70);
		const state = await runResult(bot!, world.guild.id);
		// The run went on for everyone.
		expect(state.status).toBe('done');
		expect(state.processed).toBeGreaterThanOrEqual(members);
		// Members whose needed change could not be made after the move.
		const stuck = Array.from({ length: members }, (_, i) => i).filter((i) => hasBadge(i) !== (i % 2 === 0));
		expect(stuck.length).toBeGreaterThan(0);
		// No member edit touching the moved role went through after the move.
		const editsAfter = memberEdits(world)
			.slice(editsBefore)
			.filter((r) => r.status < 300);
		expect(editsAfter).toHaveLength(0);

		// Reported: as failures (Discord refused) or as blocked, in the run state, the progress message and the audit summary.
		const progress = textOf(world.guild.messages(world.guild.defaultChannelId).at(-1));
		expect(progress).toMatch(/Update finished/);
		expect(
			state.failed,
			'members that could not be updated must be counted, not reported as unchanged',
		).toBeGreaterThanOrEqual(stuck.length);
		expect(progress).toMatch(/Failed\n[1-9]|blocked/i);
		const summary = await world.discord.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path === `/channels/${audit.id}/messages` &&
				/Bulk update summary/.test(JSON.stringify(r.body)),
		);
		expect(JSON.stringify(summary.body)).toMatch(/[1-9]\d* failed|blocked/);
	});
});

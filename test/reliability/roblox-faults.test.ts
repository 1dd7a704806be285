import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n.js';
import { DiscordMemberPorts } from '../../src/bot/bulk-ports.js';
import { RobloxError } from '../../src/roblox/errors.js';
import { Sweeper } from '../../src/roles/sweep.js';
import type { FakeFault } from '../fakes/roblox/server.js';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';
import { answerOf, runResult, inventoryRequests, memberEdits, sleep, UNEXPECTED } from './helpers.js';

/**
 * Roblox misbehaving, on every path that checks a member. The member owns nothing any more (the item was removed
 * from the fake) but still holds the bound role: a *successful* check would remove it. Under a fault the check must
 * not succeed, so the role must stay, the person must be told in plain words, and retries must stay bounded.
 */

const ROBLOX_ID = '7770001';
const JOINER_ROBLOX_ID = '7770002';
const JOINER_ID = '100000000000000555';
const BADGE = '2124500';
const MAX_RETRIES = 2;
/** One logical call may cost at most the first attempt plus the retries. */
const PER_CALL = MAX_RETRIES + 1;

const FAULTS: [string, Omit<FakeFault, 'times' | 'path'>][] = [
	['500', { status: 500 }],
	['503', { status: 503 }],
	['slower than the timeout (hang)', { hang: true }],
	['connection reset', { reset: true }],
	['429 storm with retry-after', { status: 429, retryAfterSeconds: 0.05 }],
	['429 storm without retry-after', { status: 429 }],
	['malformed JSON', { malformed: true }],
];

describe('Roblox faults never cost a member a role', () => {
	let world: World;
	let bot: RunningBot | undefined;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'fault_fred' });
		world.roblox.addUser({ id: JOINER_ROBLOX_ID, name: 'fault_joan' });
		world.roblox.addBadge({ id: BADGE, name: 'Survivor' });
		// The member holds the bound role and the verified role: nothing should change unless Roblox answers fully.
		world.guild.member(MEMBER_ID)!.roleIds.push(world.roles.badge.id, world.roles.verified.id);
		bot = await startBot(
			world,
			{},
			{
				roblox: {
					retries: { max: MAX_RETRIES, baseDelayMs: 10, maxDelayMs: 50 },
					timeouts: { requestMs: 300, connectMs: 300 },
				},
				bulk: { reportEveryMs: 50 },
			},
		);
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await guilds.updateSettings(world.guild.id, { verifiedRoleId: world.roles.verified.id });
		await links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'fault_fred',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		await links.save({
			discordId: JOINER_ID,
			robloxId: JOINER_ROBLOX_ID,
			robloxName: 'fault_joan',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		world.roblox.resetRequests();
	});
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
		await world?.close();
	});

	const roles = (userId = MEMBER_ID) => world.guild.member(userId)?.roleIds ?? [];
	const inject = (fault: Omit<FakeFault, 'times' | 'path'>, times = 1_000) =>
		world.roblox.injectFault({ path: /inventory-items/, times, ...fault });
	const errorLogs = () => bot!.logs.filter((line) => /"level":(50|60)/.test(line));
	const sweeper = (options: Partial<ConstructorParameters<typeof Sweeper>[1]> = {}) => {
		const { client, ctx } = bot!.app;
		const ports = new DiscordMemberPorts(client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		return new Sweeper(
			{
				guildIds: () => ports.guildIds(),
				listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
				linkedAmong: (ids) => ports.linkedAmong(ids),
				checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
			},
			{ periodMs: 0, retryDelayMs: 30, maxRetries: 2, ...options },
		);
	};

	it('control: without a fault, /update does remove the role (so the tests below mean something)', async () => {
		const answer = await answerOf(
			world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }),
		);
		expect(answer.text).toMatch(/Removed/);
		expect(roles()).not.toContain(world.roles.badge.id);
		expect(inventoryRequests(world, ROBLOX_ID)).toHaveLength(1);
	});

	describe.each(FAULTS)('%s', (_label, fault) => {
		it('/update keeps the role, says so plainly, retries a bounded number of times', async () => {
			inject(fault);
			const edits = world.discord.requests.length;
			const answer = await answerOf(
				world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }),
			);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/no role was removed/i);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(roles()).toEqual(expect.arrayContaining([world.roles.badge.id, world.roles.verified.id]));
			expect(memberEdits(world, edits)).toHaveLength(0);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeGreaterThanOrEqual(1);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(PER_CALL);
			expect(errorLogs()).toEqual([]);
		});

		it('/verify (already linked) keeps the role and says so', async () => {
			inject(fault);
			const edits = world.discord.requests.length;
			const answer = await answerOf(
				world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify' }),
			);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/You are linked to \*\*fault_fred\*\*/);
			expect(answer.text).toMatch(/no role was removed/i);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(roles()).toContain(world.roles.badge.id);
			expect(memberEdits(world, edits)).toHaveLength(0);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(PER_CALL);
		});

		it('the join handler gives only what it knows (verified), never the bound role, with bounded retries', async () => {
			inject(fault);
			world.discord.memberJoin(world.guild.id, { userId: JOINER_ID, username: 'joan' });
			await world.discord.waitForRequest(
				(r) => r.method === 'PATCH' && r.path.endsWith(`/members/${JOINER_ID}`),
				8_000,
			);
			await sleep(50);
			expect(roles(JOINER_ID)).toEqual([world.roles.verified.id]);
			expect(inventoryRequests(world, JOINER_ROBLOX_ID).length).toBeGreaterThanOrEqual(1);
			expect(inventoryRequests(world, JOINER_ROBLOX_ID).length).toBeLessThanOrEqual(PER_CALL);
			expect(bot!.logs.join('')).not.toMatch(/join check failed/);
		});

		it('the sweep counts the member as failed, keeps the role, retries later, and stays bounded', async () => {
			inject(fault);
			const pass = await sweeper().runPass();
			expect(pass).toMatchObject({ failed: 3, retried: 2, changed: 0 });
			expect(roles()).toContain(world.roles.badge.id);
			// Three logical checks (first + two retries), each bounded.
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(3 * PER_CALL);
		});

		it('the sweep retries a failed member later in the pass and then converges', async () => {
			// Exactly one logical call's worth of failures: the first check fails, the retry gets a real answer.
			inject(fault, PER_CALL);
			const seenBeforeRetry: boolean[] = [];
			const pass = await sweeper({
				sleep: async (ms) => {
					seenBeforeRetry.push(roles().includes(world.roles.badge.id));
					await sleep(ms);
				},
			}).runPass();
			expect(pass).toMatchObject({ failed: 1, retried: 1, changed: 1 });
			expect(seenBeforeRetry).toEqual([true]);
			// Roblox answered on the retry: the member truly does not own the badge any more.
			expect(roles()).not.toContain(world.roles.badge.id);
			expect(roles()).toContain(world.roles.verified.id);
		});

		it('/update-all counts the member as failed, keeps the role, shows it, and a later sweep fixes it', async () => {
			inject(fault);
			const run = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
			expect((await answerOf(run)).text).toMatch(/Started/);
			const state = await runResult(bot!, world.guild.id);
			expect(state.status).toBe('done');
			expect(state.failed).toBe(1);
			expect(
				state.failures.map((f) => ({ ...f, reason: typeof f.reason === 'string' ? f.reason : en.text(f.reason) })),
			).toEqual([expect.objectContaining({ memberId: MEMBER_ID, reason: expect.stringMatching(/Roblox/) })]);
			expect(roles()).toContain(world.roles.badge.id);
			// Checked once, then again in each of the three retry rounds before the summary: bounded, no more.
			expect(state.retried).toBe(3);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeGreaterThanOrEqual(4);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(4 * PER_CALL);
			const progress = textOf(world.guild.messages(world.guild.defaultChannelId).at(-1));
			expect(progress).toMatch(/Update finished/);
			expect(progress).toMatch(/Failed\n1/);
			expect(progress).toMatch(/1 member still failed after 3 retries/);
			expect(progress).toMatch(new RegExp(`<@${MEMBER_ID}>`));

			world.roblox.clearFaults();
			const pass = await sweeper().runPass();
			expect(pass).toMatchObject({ failed: 0, changed: 1 });
			expect(roles()).not.toContain(world.roles.badge.id);
		});

		it('/inventory answers plainly (ephemeral), leaves nothing public, and stays bounded', async () => {
			inject(fault);
			const run = world.discord.runCommand({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				name: 'inventory',
				options: { kind: 'badges' },
			});
			const answer = await answerOf(run);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/Roblox is (not answering|rate-limiting)/);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(run.original()).toBeUndefined();
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(PER_CALL);
			expect(errorLogs()).toEqual([]);
		});
	});

	describe.each(FAULTS.filter(([label]) => !/429/.test(label)))('linking while Roblox fails (%s)', (_label, fault) => {
		const NEWCOMER = '100000000000000556';
		const NEW_ROBLOX = '7770009';

		beforeEach(() => {
			world.guild.addMember({ userId: NEWCOMER, username: 'newcomer' });
			world.roblox.addUser({ id: NEW_ROBLOX, name: 'new_nina' });
		});

		it('/verify username: answers plainly, stores nothing, bounded retries', async () => {
			world.roblox.injectFault({ path: /\/v1\/usernames\/users|\/v1\/users/, times: 1_000, ...fault });
			const answer = await answerOf(
				world.discord.runCommand({
					guildId: world.guild.id,
					userId: NEWCOMER,
					name: 'verify',
					options: { username: 'new_nina' },
				}),
			);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/Roblox is not answering/);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(await bot!.app.ctx.stores.pending.get(NEWCOMER)).toBeNull();
			const calls = world.roblox.requests.filter((r) => r.path === '/v1/usernames/users');
			expect(calls.length).toBeGreaterThanOrEqual(1);
			expect(calls.length).toBeLessThanOrEqual(PER_CALL);
			expect(errorLogs()).toEqual([]);
		});

		it('Check: answers plainly, links nothing, keeps the code; the same code works once Roblox is back', async () => {
			const run = world.discord.runCommand({
				guildId: world.guild.id,
				userId: NEWCOMER,
				name: 'verify',
				options: { username: 'new_nina' },
			});
			const prompt = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
			world.roblox.setAbout(NEW_ROBLOX, /```\n([a-z ]+)\n```/.exec(textOf(prompt))![1]!);
			const checkId = prompt.components[0].components[0].custom_id as string;
			world.roblox.injectFault({ path: new RegExp(`/cloud/v2/users/${NEW_ROBLOX}$`), times: 1_000, ...fault });
			const press = world.discord.pressButton({
				guildId: world.guild.id,
				userId: NEWCOMER,
				customId: checkId,
				messageId: prompt.id,
			});
			const answer = await answerOf(press);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/Roblox is not answering/);
			expect(answer.text).not.toMatch(UNEXPECTED);
			expect(await bot!.app.ctx.stores.links.getByDiscord(NEWCOMER)).toBeNull();
			expect(await bot!.app.ctx.stores.pending.get(NEWCOMER)).not.toBeNull();
			expect(
				world.roblox.requests.filter((r) => r.path === `/cloud/v2/users/${NEW_ROBLOX}`).length,
			).toBeLessThanOrEqual(PER_CALL);

			world.roblox.clearFaults();
			const again = world.discord.pressButton({
				guildId: world.guild.id,
				userId: NEWCOMER,
				customId: checkId,
				messageId: prompt.id,
			});
			await again.waitForReply((m) => /now linked/.test(m.content ?? ''));
			expect(await bot!.app.ctx.stores.links.getByDiscord(NEWCOMER)).toMatchObject({ robloxId: NEW_ROBLOX });
		});
	});

	describe('an answer cut off mid-pagination', () => {
		const items = Array.from({ length: 150 }, (_, i) => ({ kind: 'asset' as const, id: String(i + 1) }));

		it('checkOwnership needs every page: a cut-off second page fails the whole answer (no partial "not owned")', async () => {
			for (const item of items) world.roblox.giveItem(ROBLOX_ID, { kind: 'asset', id: item.id });
			const roblox = bot!.app.ctx.roblox;
			const full = await roblox.checkOwnership(ROBLOX_ID, items, { priority: 'interactive', fresh: true });
			expect(full.owned.size).toBe(150);
			expect(inventoryRequests(world, ROBLOX_ID)).toHaveLength(2);

			world.roblox.resetRequests();
			world.roblox.injectFault({ truncateAfterPage: 1, times: 100 });
			const error = await roblox
				.checkOwnership(ROBLOX_ID, items, { priority: 'interactive', fresh: true })
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(RobloxError);
			expect((error as RobloxError).code).toBe('unavailable');
			// Page 1 once, page 2 at most once per attempt.
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(1 + PER_CALL);
		});

		it('/inventory paging into a cut-off source page answers plainly and keeps the view', async () => {
			for (const item of items) world.roblox.giveItem(ROBLOX_ID, { kind: 'asset', id: item.id });
			const run = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'inventory' });
			const first = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
			const next = first.components[0].components.find((c: any) => /:next:/.test(c.custom_id)).custom_id as string;
			const beyond = next.replace(/:next:\d+$/, ':next:10');
			world.roblox.resetRequests();
			world.roblox.injectFault({ truncateAfterPage: 1, times: 100 });
			const press = world.discord.pressButton({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				customId: beyond,
				messageId: first.id,
			});
			const answer = await answerOf(press);
			expect(answer.ephemeral).toBe(true);
			expect(answer.text).toMatch(/Roblox is not answering/);
			expect(answer.text).not.toMatch(UNEXPECTED);
			// The view the member had is still there, on page 1.
			expect(textOf(run.original())).toMatch(/Page 1/);
			expect(inventoryRequests(world, ROBLOX_ID).length).toBeLessThanOrEqual(PER_CALL);
			expect(errorLogs()).toEqual([]);
		});
	});
});

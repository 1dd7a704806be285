import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordMemberPorts } from '../../src/bot/bulk-ports.js';
import { Sweeper } from '../../src/roles/sweep.js';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';
import { until } from '../reliability/helpers.js';

const MEMBERS = 100;
const BADGE = '6006';
const PASS = '6007';
const memberId = (i: number) => `3000000000000${String(i).padStart(5, '0')}`;
const robloxId = (i: number) => String(9_100_000 + i);
/** Every member holds the badge role; only even ones own the badge, so a run would strip it from half the guild. */
const ownsBadge = (i: number) => i % 2 === 0;
/** Every fourth member owns the game pass and lacks its role: the run adds those. */
const ownsPass = (i: number) => i % 4 === 0;

/**
 * The mass-removal breaker, end to end: /update-all through the real discord.js client against the fake Discord and
 * the fake Roblox, the held removals in the SQLite store, Apply and Discard pressed on the notices.
 */
describe('mass-removal breaker', () => {
	let world: World;
	let bot: RunningBot | undefined;
	let auditId: string;
	const rate = { limit: 200, windowMs: 1_000 };
	const start = () =>
		startBot(world, {}, { roblox: { inventoryRate: rate }, bulk: { reportEveryMs: 100, retryRounds: 0 } });

	beforeEach(async () => {
		world = await createWorld({ roblox: { rateLimit: rate } });
		auditId = world.guild.addChannel({ name: 'audit' }).id;
		for (let i = 0; i < MEMBERS; i++) {
			world.guild.addMember({ userId: memberId(i), username: `b${i}`, roleIds: [world.roles.badge.id] });
			world.roblox.addUser({ id: robloxId(i), name: `breaker_${i}` });
			if (ownsBadge(i)) world.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
			if (ownsPass(i)) world.roblox.giveItem(robloxId(i), { kind: 'gamepass', id: PASS });
		}
		world.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		bot = await start();
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.updateSettings(world.guild.id, { auditChannelId: auditId });
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await guilds.addBinding(world.guild.id, {
			kind: 'gamepass',
			itemId: PASS,
			roleId: world.roles.pass.id,
			addedBy: ADMIN_ID,
		});
		for (let i = 0; i < MEMBERS; i++)
			await links.save({
				discordId: memberId(i),
				robloxId: robloxId(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const hasBadgeRole = (i: number) => world.guild.member(memberId(i))!.roleIds.includes(world.roles.badge.id);
	const hasPassRole = (i: number) => world.guild.member(memberId(i))!.roleIds.includes(world.roles.pass.id);
	const badgeHolders = () => Array.from({ length: MEMBERS }, (_, i) => i).filter(hasBadgeRole).length;

	async function runUpdateAll() {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		expect((await run.waitForReply()).content).toMatch(/Started/);
		await until(() => bot!.app.ctx.bulk.get(world.guild.id), 5_000, 'the run');
		const state = await bot!.app.ctx.bulk.wait(world.guild.id);
		expect(state).toMatchObject({ status: 'done', failed: 0 });
		return state!;
	}

	const progressMessage = () =>
		world.guild.messages(world.guild.defaultChannelId).find((m) => /Update finished/.test(textOf(m)));
	const heldNotice = () =>
		until(
			() => world.guild.messages(auditId).find((m) => /Mass role removal held/.test(textOf(m))),
			5_000,
			'the audit notice',
		);
	const buttonOf = (message: any, action: 'held-apply' | 'held-discard') =>
		message.components[0].components.find((c: any) => c.custom_id.startsWith(`update-all:${action}:`)).custom_id;
	const press = (userId: string, customId: string, message: any, channelId: string) =>
		world.discord.pressButton({ guildId: world.guild.id, userId, customId, messageId: message.id, channelId });

	async function expectHeld() {
		const state = await runUpdateAll();
		// Additions went through; no bound role was removed.
		expect(badgeHolders()).toBe(MEMBERS);
		for (let i = 0; i < MEMBERS; i++) expect(hasPassRole(i), `member ${i}`).toBe(ownsPass(i));
		expect(state.held).toMatchObject({ kind: 'held', losing: MEMBERS / 2 });
		const notice = await heldNotice();
		const text = textOf(notice);
		// Counts (the 4 unlinked world members are checked too), the role with its binding, a sample, the buttons.
		expect(text).toMatch(/50 of 104 members checked \(48\.1%\) would lose bound roles in this \/update-all/);
		expect(text).toMatch(/more than 10% and at least 20 members/);
		expect(text).toContain(`<@&${world.roles.badge.id}>: 50 members (given by \``);
		expect(text).toContain(`<@${memberId(1)}>`);
		expect(text).toMatch(/…and 35 more/);
		expect(notice.components[0].components.map((c: any) => c.label)).toEqual([
			'Apply removals',
			'Discard (keep roles)',
		]);
		const progress = progressMessage();
		expect(textOf(progress)).toMatch(/50 of 104 members would lose bound roles: more than this server's limit/);
		expect(buttonOf(progress, 'held-apply')).toBe(buttonOf(notice, 'held-apply'));
		// Kept in the store (the runs namespace) for a press after a restart.
		const stored = await bot!.app.ctx.stores.held.load(world.guild.id, 'bulk', 'pending');
		expect(stored?.members.size).toBe(MEMBERS / 2);
		return { notice, progress };
	}

	it('holds the removals of a run that would strip half the guild, and applies them only on an admin press', async () => {
		const { notice, progress } = await expectHeld();
		const apply = buttonOf(notice, 'held-apply');

		// A member without Manage Server is refused privately, and nothing changes.
		const refused = press(MEMBER_ID, apply, notice, auditId);
		const answer = await refused.waitForCallback();
		expect(answer.data.content).toMatch(/Manage Server/);
		expect(answer.data.flags & 64).toBe(64);
		expect(badgeHolders()).toBe(MEMBERS);

		// A newer check says member 1 should keep the role (they got the badge since): Apply leaves them alone.
		world.roblox.giveItem(robloxId(1), { kind: 'badge', id: BADGE });
		await world.discord.runCommand({ guildId: world.guild.id, userId: memberId(1), name: 'update' }).waitForReply();
		expect(hasBadgeRole(1)).toBe(true);

		const inventoryBefore = world.roblox.inventoryRequests();
		const applied = press(ADMIN_ID, apply, progress, world.guild.defaultChannelId);
		const reply = await applied.waitForReply((m) => /Applied/.test(m.content ?? ''), 20_000);
		expect(reply.content).toBe('Applied: 49 members lost bound roles.');
		for (let i = 0; i < MEMBERS; i++) expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i) || i === 1);
		// Applying asks Roblox nothing: it makes what the checks decided.
		expect(world.roblox.inventoryRequests()).toBe(inventoryBefore);
		expect(await bot!.app.ctx.stores.held.load(world.guild.id, 'bulk', 'pending')).toBeNull();
		await until(
			() => world.guild.messages(auditId).find((m) => /Held role removals applied/.test(textOf(m))),
			5_000,
			'the audit entry',
		);
		// The progress message says who applied it and has no buttons left.
		const after = world.guild.messages(world.guild.defaultChannelId).find((m) => m.id === progress.id);
		expect(textOf(after)).toMatch(/applied the held removals: 49 members lost bound roles/);
		expect(after.components ?? []).toHaveLength(0);
		// The other notice's button now answers privately that it is done.
		const again = press(ADMIN_ID, apply, notice, auditId);
		expect((await again.waitForReply((m) => (m.content ?? '') !== '')).content).toMatch(/already applied, discarded/);
	});

	it('Discard keeps every role', async () => {
		const { notice } = await expectHeld();
		const discard = press(ADMIN_ID, buttonOf(notice, 'held-discard'), notice, auditId);
		expect((await discard.waitForReply((m) => /Discarded/.test(m.content ?? ''))).content).toBe(
			'Discarded: every role was kept.',
		);
		expect(badgeHolders()).toBe(MEMBERS);
		expect(await bot!.app.ctx.stores.held.load(world.guild.id, 'bulk', 'pending')).toBeNull();
		await until(
			() => world.guild.messages(auditId).find((m) => /Held role removals discarded/.test(textOf(m))),
			5_000,
			'the audit entry',
		);
		const edited = world.guild.messages(auditId).find((m) => m.id === notice.id);
		expect(edited.components ?? []).toHaveLength(0);
		expect(textOf(edited)).toMatch(/discarded the held removals: every role was kept/);
	});

	it('a held set survives a restart: a new bot on the same store applies it on the press', async () => {
		const { notice } = await expectHeld();
		await bot!.stop();
		bot = await start();
		const applied = press(ADMIN_ID, buttonOf(notice, 'held-apply'), notice, auditId);
		expect((await applied.waitForReply((m) => /Applied/.test(m.content ?? ''), 20_000)).content).toBe(
			'Applied: 50 members lost bound roles.',
		);
		for (let i = 0; i < MEMBERS; i++) expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i));
	});

	it('refuses to apply when the bindings changed since the removals were held', async () => {
		const { notice } = await expectHeld();
		await bot!.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: '6008',
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		const applied = press(ADMIN_ID, buttonOf(notice, 'held-apply'), notice, auditId);
		expect((await applied.waitForReply((m) => (m.content ?? '') !== '')).content).toMatch(/bindings changed/);
		expect(badgeHolders()).toBe(MEMBERS);
	});

	const settings = (options: Record<string, string | number | boolean>) =>
		world.discord
			.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'settings', subcommand: 'set', options })
			.waitForReply();

	it('under a raised threshold the run removes as before, at its end', async () => {
		const reply = await settings({ 'removal-limit-percent': 60, 'removal-limit-minimum': 5 });
		expect(textOf(reply)).toMatch(/more than 60% of the members checked, and at least 5, would lose bound roles/);
		const state = await runUpdateAll();
		expect(state.held).toMatchObject({ kind: 'applied', losing: 50, removed: 50 });
		for (let i = 0; i < MEMBERS; i++) {
			expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i));
			expect(hasPassRole(i), `member ${i}`).toBe(ownsPass(i));
		}
		expect(textOf(progressMessage())).toMatch(/Made at the end of the run .*: 50 members lost bound roles/);
		expect(progressMessage().components ?? []).toHaveLength(0);
		expect(world.guild.messages(auditId).some((m) => /Mass role removal held/.test(textOf(m)))).toBe(false);
		// One inventory request per linked member: applying at the end asks Roblox nothing more.
		expect(world.roblox.inventoryRequests()).toBe(MEMBERS);
	});

	it('turned off, the run removes as before; turned on again, the defaults hold', async () => {
		expect(textOf(await settings({ 'removal-breaker': false }))).toMatch(/Mass-removal breaker\noff/);
		await runUpdateAll();
		for (let i = 0; i < MEMBERS; i++) expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i));
		expect(world.guild.messages(auditId).some((m) => /Mass role removal held/.test(textOf(m)))).toBe(false);

		const on = await world.discord
			.runCommand({
				guildId: world.guild.id,
				userId: ADMIN_ID,
				name: 'settings',
				subcommand: 'clear',
				options: { setting: 'removal-breaker' },
			})
			.waitForReply();
		expect(textOf(on)).toMatch(/more than 10% of the members checked, and at least 20/);
	});

	/** One sweep pass over the guild, wired as the app wires it; records the badge holders when the pass ends. */
	async function sweepPass() {
		const ctx = bot!.app.ctx;
		const ports = new DiscordMemberPorts(
			ctx.client,
			ctx.members,
			ctx.stores.links,
			ctx.members.audit,
			ctx.logger,
			ctx.held,
		).forSweep(ctx.stores.runs);
		let holdersAtPassEnd = -1;
		const sweeper = new Sweeper(
			{
				...ports,
				guildIds: () => [world.guild.id],
				passEnded: () => ((holdersAtPassEnd = badgeHolders()), ports.passEnded!()),
			},
			{ periodMs: 200 },
		);
		const result = await sweeper.runPass();
		expect(result).toMatchObject({ checked: MEMBERS, failed: 0 });
		return holdersAtPassEnd;
	}

	it('the sweep holds a pass that would strip half the guild, asks in the audit channel, and applies on the press', async () => {
		// Nothing was removed while the pass went on; the decision came at its end.
		expect(await sweepPass()).toBe(MEMBERS);
		expect(badgeHolders()).toBe(MEMBERS);
		for (let i = 0; i < MEMBERS; i++) expect(hasPassRole(i), `member ${i}`).toBe(ownsPass(i));
		const notice = await heldNotice();
		expect(textOf(notice)).toMatch(
			/50 of 100 members checked \(50%\) would lose bound roles in the background re-check/,
		);
		expect(buttonOf(notice, 'held-apply')).toMatch(/^update-all:held-apply:sweep:/);
		const applied = press(ADMIN_ID, buttonOf(notice, 'held-apply'), notice, auditId);
		expect((await applied.waitForReply((m) => /Applied/.test(m.content ?? ''), 20_000)).content).toBe(
			'Applied: 50 members lost bound roles.',
		);
		for (let i = 0; i < MEMBERS; i++) expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i));
	});

	it('under the threshold, the sweep makes its removals at the end of the pass and says so in the audit channel', async () => {
		await settings({ 'removal-limit-percent': 75 });
		expect(await sweepPass()).toBe(MEMBERS);
		for (let i = 0; i < MEMBERS; i++) expect(hasBadgeRole(i), `member ${i}`).toBe(ownsBadge(i));
		const post = await until(
			() => world.guild.messages(auditId).find((m) => /Roles removed by the background re-check/.test(textOf(m))),
			5_000,
			'the audit entry',
		);
		expect(textOf(post)).toMatch(/50 members lost bound roles they no longer earn/);
		expect(world.guild.messages(auditId).some((m) => /Mass role removal held/.test(textOf(m)))).toBe(false);
	});
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/index.js';
import { ADMIN_ID, createWorld, EPHEMERAL, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const MEMBERS = 300;
const BADGE = '4004';
const memberId = (i: number) => `2000000000000${String(i).padStart(5, '0')}`;
const robloxId = (i: number) => String(8_000_000 + i);

/** /update-all over a few hundred members, inside a scaled-up Roblox budget (100 requests a second). */
describe('/update-all', () => {
	let world: World;
	let bot: RunningBot | undefined;
	const rate = { limit: 100, windowMs: 1_000 };
	const start = () =>
		startBot(
			world,
			{},
			{
				roblox: { inventoryRate: rate, retries: { max: 3, baseDelayMs: 20, maxDelayMs: 200 } },
				bulk: { reportEveryMs: 200 },
			},
		);

	beforeEach(async () => {
		world = await createWorld({ roblox: { rateLimit: rate } });
		for (let i = 0; i < MEMBERS; i++) {
			world.guild.addMember({
				userId: memberId(i),
				username: `m${i}`,
				roleIds: i % 3 === 0 ? [world.roles.badge.id] : [],
			});
			world.roblox.addUser({ id: robloxId(i), name: `player_${i}` });
			if (i % 2 === 0) world.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
		}
		world.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		bot = await start();
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		// One member in six loses the role: over the default mass-removal limit (10%), whose holding
		// test/e2e/breaker.test.ts shows. Here the limit is raised, so the run removes (at its end).
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { removalBreaker: { percent: 20 } });
		for (let i = 0; i < MEMBERS; i++) {
			await bot.app.ctx.stores.links.save({
				discordId: memberId(i),
				robloxId: robloxId(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		}
		world.roblox.resetRequests();
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const expectRolesCorrect = () => {
		for (let i = 0; i < MEMBERS; i++) {
			const has = world.guild.member(memberId(i))!.roleIds.includes(world.roles.badge.id);
			expect(has, `member ${i}`).toBe(i % 2 === 0);
		}
	};

	it('re-checks every member with one Roblox request each, shows progress, and finishes with correct roles', async () => {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		const reply = await run.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.content).toMatch(/Started/);
		const state = await bot!.app.ctx.bulk.wait(world.guild.id);
		expect(state).toMatchObject({ status: 'done', failed: 0 });
		expect(state!.processed).toBeGreaterThanOrEqual(MEMBERS);
		expectRolesCorrect();
		// One inventory request per linked member: no per-binding requests, no retries needed inside the budget.
		expect(world.roblox.inventoryRequests()).toBe(MEMBERS);
		expect(world.roblox.requests.filter((r) => r.status === 429)).toHaveLength(0);
		// The progress message ends as a summary without the Stop button.
		const channel = world.guild.defaultChannelId;
		const progress = world.guild.messages(channel).at(-1);
		expect(textOf(progress)).toMatch(/Update finished/);
		expect(textOf(progress)).toMatch(new RegExp(`${state!.processed} / \\d+ members`));
		expect(progress.components ?? []).toHaveLength(0);
		// A second run at once is allowed after the first ended, but not while one runs.
		const edits = world.discord.requests.filter(
			(r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${channel}/messages/`),
		);
		expect(edits.length).toBeGreaterThanOrEqual(1);
	});

	it('refuses a second run while one is going', async () => {
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		await world.discord.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/channels/${world.guild.defaultChannelId}/messages`,
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const second = world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		expect((await second.waitForReply()).content).toMatch(/already running/);
		await bot!.app.ctx.bulk.wait(world.guild.id);
	});

	it('stops on the Stop button and keeps what was done', async () => {
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		const post = await world.discord.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/channels/${world.guild.defaultChannelId}/messages`,
		);
		const messageId = post.response.id;
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'PATCH' &&
				r.path === `/channels/${world.guild.defaultChannelId}/messages/${messageId}` &&
				/stop/.test(JSON.stringify(r.body.components ?? [])),
		);
		const stopId = world.guild.messages(world.guild.defaultChannelId).find((m) => m.id === messageId).components[0]
			.components[0].custom_id;
		const press = world.discord.pressButton({ guildId: world.guild.id, userId: ADMIN_ID, customId: stopId, messageId });
		expect((await press.waitForReply()).content).toMatch(/Stopped/);
		const state = await bot!.app.ctx.stores.runs.get(world.guild.id);
		expect(state!.status).toBe('stopped');
		expect(state!.processed).toBeLessThan(MEMBERS);
	});

	it('resumes after a restart midway and still ends with every role right', async () => {
		world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'update-all' });
		const deadline = Date.now() + 20_000;
		while ((bot!.app.ctx.bulk.get(world.guild.id)?.processed ?? 0) < 100 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		await bot!.stop();
		bot = undefined;
		// Read what the stopped process left on disk, as the next process will.
		const stores = await openStores(world.databaseUrl, { error() {}, warn() {}, info() {} });
		const saved = await stores.runs.get(world.guild.id);
		await stores.close();
		expect(saved!.status).toBe('running');
		expect(saved!.processed).toBeGreaterThanOrEqual(100);
		expect(saved!.processed).toBeLessThan(MEMBERS);

		bot = await start();
		const resumed = await bot.app.ctx.bulk.wait(world.guild.id);
		expect(resumed).toMatchObject({ status: 'done', failed: 0 });
		expect(resumed!.resumedAt).toBeDefined();
		expectRolesCorrect();
		// Work done before the restart is not repeated: a graceful stop saves exactly who was done. (The restarted
		// process may meet the fake's still-full one-second window at first: those 429s are not checks.)
		const answered = world.roblox.requests.filter((r) => /inventory-items$/.test(r.path) && r.status !== 429);
		expect(answered).toHaveLength(MEMBERS);
	});
});

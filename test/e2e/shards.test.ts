import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/index.js';
import type { FakeGuild } from '../fakes/discord/index.js';
import { FAKE_DISCORD_USER_COOKIE } from '../fakes/discord/oauth.js';
import { FAKE_ROBLOX_USER_COOKIE } from '../fakes/roblox/oauth.js';
import { Browser, consent, webEnv } from '../helpers/web.js';
import { createWorld, GUILD_ID, OWNER_ID, spawnBot, type BotProcess, type World } from '../helpers/world.js';
import { discordIdOf, sleep, until } from '../reliability/helpers.js';
import { botWorkers, isAlive, killTree } from '../reliability/process-tree.js';

/**
 * `npm start` with DISCORD_SHARDS: a ShardingManager process and one Rolink process per shard, on one SQLite file,
 * against the fake Discord (which routes each guild's events to its shard) and the fake Roblox.
 */

const quiet = { error() {}, warn() {}, info() {} };
const SHARDS = 2;
const BADGE = '8008';
const PER_GUILD = 12;

interface Line {
	msg?: string;
	shard?: number;
	pid?: number;
	guildId?: string;
	command?: string;
}

/** The bot's JSON log lines (pino), from the manager and every shard. */
const lines = (bot: BotProcess): Line[] =>
	bot
		.output()
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Line);

/** Two guilds, one on each shard, each with a badge binding and PER_GUILD linked members (even ones own the badge). */
async function shardedWorld(rateLimit = 10_000) {
	const world = await createWorld({
		discord: { shards: SHARDS, maxConcurrency: 16 },
		roblox: { rateLimit: { limit: rateLimit, windowMs: 60_000 } },
	});
	const shardOf = (id: string) => world.discord.shardOf(id, SHARDS);
	let otherId = BigInt(GUILD_ID);
	do otherId += 1n << 22n;
	while (shardOf(String(otherId)) === shardOf(GUILD_ID));
	const other = world.discord.addGuild({ id: String(otherId), ownerId: OWNER_ID, name: 'Other Fans' });
	const badgeRoles = new Map<FakeGuild, string>([
		[world.guild, world.roles.badge.id],
		[other, other.addRole({ name: 'Badge Holder', position: 3 }).id],
	]);
	world.roblox.addBadge({ id: BADGE, name: 'Veteran' });
	const members: { guild: FakeGuild; discordId: string; robloxId: string; owns: boolean }[] = [];
	[world.guild, other].forEach((guild, g) => {
		for (let i = 0; i < PER_GUILD; i++) {
			const discordId = discordIdOf(`8${g}000000000000`, i);
			const robloxId = String(8_100_000 + g * 1000 + i);
			guild.addMember({ userId: discordId, username: `s${g}_${i}` });
			world.roblox.addUser({ id: robloxId, name: `shard_${g}_${i}` });
			if (i % 2 === 0) world.roblox.giveItem(robloxId, { kind: 'badge', id: BADGE });
			members.push({ guild, discordId, robloxId, owns: i % 2 === 0 });
		}
	});
	const seed = await openStores(world.databaseUrl, quiet);
	for (const [guild, roleId] of badgeRoles)
		await seed.guilds.addBinding(guild.id, { kind: 'badge', itemId: BADGE, roleId, addedBy: OWNER_ID });
	for (const m of members)
		await seed.links.save({
			discordId: m.discordId,
			robloxId: m.robloxId,
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
	await seed.close();
	const runOf = async (guildId: string) => {
		const stores = await openStores(world.databaseUrl, quiet);
		try {
			return await stores.runs.get(guildId);
		} finally {
			await stores.close();
		}
	};
	const waitDone = async (guildId: string, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		let state = await runOf(guildId);
		while (state?.status !== 'done' && Date.now() < deadline) {
			await sleep(200);
			state = await runOf(guildId);
		}
		return state;
	};
	return { world, other, guilds: [world.guild, other], shardOf, members, badgeRoles, runOf, waitDone };
}

/** Waits until every shard has started; each shard's pid, as the manager logged it at the last spawn. */
async function shardPids(bot: BotProcess): Promise<Map<number, number>> {
	await bot.waitFor(/all shards ready/, 60_000);
	// Ready to Discord is not yet started: each shard logs 'Rolink is ready' after registration and resumed runs.
	await until(() => lines(bot).filter((l) => l.msg === 'Rolink is ready').length >= SHARDS, 20_000, 'every shard');
	return latestPids(bot);
}

function latestPids(bot: BotProcess): Map<number, number> {
	const pids = new Map<number, number>();
	for (const l of lines(bot)) if (l.msg === 'shard process started') pids.set(l.shard!, l.pid!);
	return pids;
}

describe('npm start with DISCORD_SHARDS=2 (and one-click linking)', () => {
	let w: Awaited<ReturnType<typeof shardedWorld>>;
	let web: Awaited<ReturnType<typeof webEnv>>;
	let bot: BotProcess | undefined;
	beforeAll(async () => {
		w = await shardedWorld();
		web = await webEnv(w.world);
	});
	afterAll(async () => {
		await killTree(bot);
		await w?.world.close();
	});

	it('runs two shard processes that IDENTIFY with [0, 2] and [1, 2]; commands are registered once', async () => {
		bot = spawnBot(w.world.env({ ...web.env, DISCORD_SHARDS: 'auto', LOG_LEVEL: 'debug' }));
		const pids = await shardPids(bot);
		expect(new Set(pids.values()).size).toBe(SHARDS);
		expect(botWorkers(bot).sort()).toEqual([...pids.values()].sort());
		expect([...w.world.discord.identifiedShards].sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		const registrations = w.world.discord.requests.filter((r) => /^\/applications\/\d+\/commands$/.test(r.path));
		expect(registrations.filter((r) => r.method === 'PUT')).toHaveLength(1);
		expect(registrations.filter((r) => r.method === 'GET')).toHaveLength(1);
	}, 60_000);

	it("each guild's /verify is answered once, by the guild's own shard", async () => {
		const runs = w.guilds.map((guild, g) => {
			const userId = discordIdOf('8900000000000', g);
			guild.addMember({ userId, username: `newcomer${g}` });
			w.world.roblox.addUser({ id: String(8_900_000 + g), name: `newcomer_${g}` });
			return w.world.discord.runCommand({
				guildId: guild.id,
				userId,
				name: 'verify',
				options: { username: `newcomer_${g}` },
			});
		});
		for (const run of runs) {
			const reply = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0, 10_000);
			expect(reply.embeds.length).toBeGreaterThan(0);
		}
		await sleep(200);
		for (const run of runs) {
			expect(run.callbacks).toHaveLength(1);
			expect(run.rejectedCallbacks).toEqual([]);
		}
		const handled = lines(bot!).filter((l) => l.msg === 'command' && l.command === 'verify');
		expect(handled.map((l) => [l.guildId, l.shard]).sort()).toEqual(
			w.guilds.map((g) => [g.id, w.shardOf(g.id)]).sort(),
		);
	});

	it("/update-all in one guild runs in that guild's shard only: one inventory request per member", async () => {
		const [, other] = w.guilds;
		const before = w.world.roblox.inventoryRequests();
		const run = w.world.discord.runCommand({ guildId: other!.id, userId: OWNER_ID, name: 'update-all' });
		expect((await run.waitForReply(undefined, 10_000)).content).toMatch(/Started/);
		expect(await w.waitDone(other!.id)).toMatchObject({ status: 'done', failed: 0 });
		for (const m of w.members) {
			const expected = m.guild === other ? 1 : 0;
			expect(w.world.roblox.inventoryRequests(m.robloxId), m.discordId).toBe(expected);
			if (m.guild === other)
				expect(m.guild.member(m.discordId)!.roleIds.includes(w.badgeRoles.get(other)!)).toBe(m.owns);
		}
		expect(w.world.roblox.inventoryRequests() - before).toBe(PER_GUILD);
		expect(await w.runOf(w.world.guild.id)).toBeNull();
		// The command, and so the run, was handled by the guild's own shard process.
		const handled = lines(bot!).filter((l) => l.msg === 'command' && l.command === 'update-all');
		expect(handled.map((l) => [l.guildId, l.shard])).toEqual([[other!.id, w.shardOf(other!.id)]]);
	});

	it("a link removed in one shard's guild takes the member's roles in the other shard's guild too", async () => {
		const userId = discordIdOf('8800000000000', 1);
		const robloxId = '8800001';
		w.world.roblox.addUser({ id: robloxId, name: 'both_servers' });
		w.world.roblox.giveItem(robloxId, { kind: 'badge', id: BADGE });
		for (const guild of w.guilds) guild.addMember({ userId, username: 'both' });
		const seed = await openStores(w.world.databaseUrl, quiet);
		await seed.links.save({ discordId: userId, robloxId, linkedAt: new Date().toISOString(), method: 'profile-code' });
		await seed.close();
		for (const guild of w.guilds) {
			await w.world.discord.runCommand({ guildId: guild.id, userId, name: 'update' }).waitForReply(undefined, 10_000);
			expect(guild.member(userId)!.roleIds).toContain(w.badgeRoles.get(guild));
		}
		const [here, there] = w.guilds as [FakeGuild, FakeGuild];
		const confirm = await w.world.discord
			.runCommand({ guildId: here.id, userId, name: 'unlink' })
			.waitForReply(undefined, 10_000);
		const unlink = w.world.discord.pressButton({
			guildId: here.id,
			userId,
			customId: confirm.components[0].components[0].custom_id,
		});
		await unlink.waitForReply((m) => /Unlinked/.test(m.content ?? ''), 10_000);
		expect(here.member(userId)!.roleIds).not.toContain(w.badgeRoles.get(here));
		// The other guild is another process's: the unlink reached it through the manager.

		await until(() => !there.member(userId)!.roleIds.includes(w.badgeRoles.get(there)!), 10_000, 'the role to go');
	});

	it("links a member who started in shard 1's guild through the web service in shard 0's process, and grants the roles there", async () => {
		// One web service for the bot, in shard 0's process (a second would fail on the same port).
		const listening = lines(bot!).filter((l) => l.msg === 'web service listening');
		expect(listening.map((l) => l.shard)).toEqual([0]);

		const remote = w.guilds.find((g) => w.shardOf(g.id) === 1)!;
		const userId = discordIdOf('8700000000000', 1);
		const robloxId = '8700001';
		remote.addMember({ userId, username: 'web_newcomer' });
		w.world.roblox.addUser({ id: robloxId, name: 'web_newcomer_rbx' });
		w.world.roblox.giveItem(robloxId, { kind: 'badge', id: BADGE });
		const reply = await w.world.discord
			.runCommand({ guildId: remote.id, userId, name: 'verify' })
			.waitForReply((m) => (m.components?.length ?? 0) > 0, 10_000);
		const button = reply.components[0].components[0].url as string;
		expect(button.startsWith(`${web.publicUrl}/link?t=`)).toBe(true);
		const handled = lines(bot!).filter((l) => l.msg === 'command' && l.command === 'verify');
		expect(handled.at(-1)).toMatchObject({ guildId: remote.id, shard: 1 });

		const browser = new Browser();
		browser.cookies.set(FAKE_DISCORD_USER_COOKIE, userId);
		browser.cookies.set(FAKE_ROBLOX_USER_COOKIE, robloxId);
		const start = await browser.get(button);
		expect(start.status, start.text).toBe(302);
		const afterDiscord = await browser.get(await consent(browser, start.location!));
		expect(afterDiscord.status, afterDiscord.text).toBe(302);
		const done = await browser.get(await consent(browser, afterDiscord.location!));
		expect(done.status, done.text).toBe(200);
		// The page's roles line came from shard 1's process, which holds the guild.
		expect(done.text).toContain(`Your roles in ${remote.name} were updated: Badge Holder.`);
		expect(remote.member(userId)!.roleIds).toContain(w.badgeRoles.get(remote));
		const stores = await openStores(w.world.databaseUrl, quiet);
		try {
			expect(await stores.links.getByDiscord(userId)).toMatchObject({ robloxId, method: 'oauth' });
		} finally {
			await stores.close();
		}
		// The ticket was single use across processes.
		const again = await new Browser().get(button);
		expect(again.status).toBe(400);
		expect(again.text).toMatch(/already been used or has expired/);
	});

	it('SIGTERM to the manager stops both shards within 8 s, exit code 0', async () => {
		const workers = botWorkers(bot!);
		expect(workers).toHaveLength(SHARDS);
		const signalledAt = Date.now();
		bot!.kill('SIGTERM');
		const code = await bot!.exited;
		expect(Date.now() - signalledAt).toBeLessThan(8_000);
		expect(code).toBe(0);
		for (const pid of workers) expect(isAlive(pid)).toBe(false);
		bot = undefined;
	});
});

describe('bulk runs of sharded Rolink across a stop and a crash', () => {
	let w: Awaited<ReturnType<typeof shardedWorld>>;
	let bot: BotProcess | undefined;
	const BUDGET = 8;
	beforeAll(async () => {
		w = await shardedWorld();
	});
	afterAll(async () => {
		await killTree(bot);
		await w?.world.close();
	});
	const requestsIn = (guild: FakeGuild) =>
		w.members.filter((m) => m.guild === guild).reduce((n, m) => n + w.world.roblox.inventoryRequests(m.robloxId), 0);

	it("after a stop mid-run, each shard resumes its own guild's run only; every member is checked exactly once", async () => {
		// Less budget than members: after a few checks each run waits in its shard's limiter.
		bot = spawnBot(w.world.env({ DISCORD_SHARDS: '2', ROBLOX_INVENTORY_RATE_PER_MINUTE: String(BUDGET) }));
		await shardPids(bot);
		for (const guild of w.guilds) {
			const run = w.world.discord.runCommand({ guildId: guild.id, userId: OWNER_ID, name: 'update-all' });
			expect((await run.waitForReply(undefined, 10_000)).content).toMatch(/Started/);
		}
		await until(() => w.guilds.every((g) => requestsIn(g) >= 3), 20_000, 'checks in both guilds');
		bot.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		for (const guild of w.guilds) expect(await w.runOf(guild.id)).toMatchObject({ status: 'running', failed: 0 });
		const checkedBefore = w.guilds.map(requestsIn);
		expect(checkedBefore.every((n) => n < PER_GUILD)).toBe(true);
		// One Roblox budget for the bot: each shard process spends its share (budget ÷ 2; ROBLOX_BUDGET_PROCESSES, set
		// by the manager), so together they stay within the key's minute.
		for (const n of checkedBefore) expect(n).toBeLessThanOrEqual(BUDGET / SHARDS);
		expect(checkedBefore[0]! + checkedBefore[1]!).toBeLessThanOrEqual(BUDGET);

		bot = spawnBot(w.world.env({ DISCORD_SHARDS: '2', ROBLOX_INVENTORY_RATE_PER_MINUTE: '10000' }));
		await shardPids(bot);
		for (const guild of w.guilds) expect(await w.waitDone(guild.id)).toMatchObject({ status: 'done', failed: 0 });
		const resumed = lines(bot).filter((l) => l.msg === 'resuming bulk run');
		expect(resumed.map((l) => [l.guildId, l.shard]).sort()).toEqual(
			w.guilds.map((g) => [g.id, w.shardOf(g.id)]).sort(),
		);
		for (const m of w.members) {
			expect(w.world.roblox.inventoryRequests(m.robloxId), m.discordId).toBe(1);
			expect(m.guild.member(m.discordId)!.roleIds.includes(w.badgeRoles.get(m.guild)!)).toBe(m.owns);
		}
	}, 90_000);

	it('a shard process that crashes is started again, and the run it had resumes there', async () => {
		const [, other] = w.guilds;
		const shard = w.shardOf(other!.id);
		const before = latestPids(bot!);
		const checkedBefore = requestsIn(other!);
		// Slow answers: the whole run is in flight when the process dies.
		w.world.roblox.injectFault({ path: /inventory-items/, delayMs: 1_500, times: PER_GUILD });
		const run = w.world.discord.runCommand({ guildId: other!.id, userId: OWNER_ID, name: 'update-all' });
		expect((await run.waitForReply(undefined, 10_000)).content).toMatch(/Started/);
		await until(() => requestsIn(other!) > checkedBefore, 10_000, 'the run to start checking');
		const resumesBefore = lines(bot!).filter((l) => l.msg === 'resuming bulk run').length;
		process.kill(before.get(shard)!, 'SIGKILL');
		await bot!.waitFor(/shard process died; starting it again/, 10_000);
		await until(() => latestPids(bot!).get(shard) !== before.get(shard), 20_000, 'a new shard process');
		expect(await w.waitDone(other!.id, 40_000)).toMatchObject({ status: 'done', failed: 0 });
		// Resumed once, by the new process of the guild's shard.
		const resumed = lines(bot!)
			.filter((l) => l.msg === 'resuming bulk run')
			.slice(resumesBefore);
		expect(resumed.map((l) => [l.guildId, l.shard])).toEqual([[other!.id, shard]]);
		// The other shard went on untouched.
		expect(latestPids(bot!).get(1 - shard)).toBe(before.get(1 - shard));
		expect(isAlive(before.get(1 - shard)!)).toBe(true);
		for (const m of w.members.filter((x) => x.guild === other))
			expect(m.guild.member(m.discordId)!.roleIds.includes(w.badgeRoles.get(other!)!)).toBe(m.owns);
		bot!.kill('SIGTERM');
		expect(await bot!.exited).toBe(0);
		bot = undefined;
	}, 90_000);
});

describe('a sharded start that cannot work', () => {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	afterEach(async () => {
		await killTree(bot);
		bot = undefined;
		await world?.close();
		world = undefined;
	});

	it('a wrong token: the manager says so and exits 1, no shard process started', async () => {
		world = await createWorld({ discord: { shards: SHARDS } });
		bot = spawnBot(world.env({ DISCORD_SHARDS: 'auto', DISCORD_TOKEN: 'wrong.token.value' }));
		expect(await bot.exited).toBe(1);
		expect(bot.output()).toMatch(/Discord rejected DISCORD_TOKEN \(HTTP 401\)/);
		expect(bot.output()).not.toMatch(/shard process started/);
		expect(world.discord.identifyCount).toBe(0);
	});

	it('a refused Server Members intent: the shards say why, and the manager stops instead of restarting them', async () => {
		world = await createWorld({ discord: { shards: SHARDS, maxConcurrency: 16, allowedIntents: 0 } });
		bot = spawnBot(world.env({ DISCORD_SHARDS: '2' }));
		expect(await bot.exited).toBe(1);
		expect(bot.output()).toMatch(/Discord refused the Server Members intent/);
		expect(bot.output()).toMatch(/A shard did not start/);
		expect(bot.output()).not.toMatch(/starting it again/);
		await sleep(500);
		// Each shard tried once: nothing restarted them.
		expect(world.discord.requests.filter((r) => r.path === '/gateway/bot').length).toBeLessThanOrEqual(1 + SHARDS);
	});
});

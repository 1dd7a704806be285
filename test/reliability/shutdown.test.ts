import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/index.js';
import { ADMIN_ID, createWorld, spawnBot, type BotProcess, type World } from '../helpers/world.js';
import { discordIdOf, until } from './helpers.js';
import { killTree } from './process-tree.js';

/** SIGTERM (what Docker and systemd send) in the middle of /update-all, then a restart on the same SQLite file. */

const quiet = { error() {}, warn() {}, info() {} };

describe('graceful stop (SIGTERM) during /update-all', () => {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	afterEach(async () => {
		await killTree(bot);
		bot = undefined;
		await world?.close();
		world = undefined;
	});

	it('exits 0 within 8 s, saves the exact place, and the resumed run checks every member exactly once', async () => {
		const COUNT = 60;
		const BUDGET = 40;
		const BADGE = '7007';
		const memberId = (i: number) => discordIdOf('70000000000000', i);
		const robloxId = (i: number) => String(7_100_000 + i);
		const owns = (i: number) => i % 2 === 0;
		// More members than one minute of Roblox budget: after 40 checks the rest wait in the limiter.
		world = await createWorld({ roblox: { rateLimit: { limit: BUDGET, windowMs: 60_000 } } });
		const w = world;
		for (let i = 0; i < COUNT; i++) {
			w.guild.addMember({ userId: memberId(i), username: `t${i}`, roleIds: i % 3 === 0 ? [w.roles.badge.id] : [] });
			w.roblox.addUser({ id: robloxId(i), name: `term_${i}` });
			if (owns(i)) w.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
		}
		w.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		// Answers take a while, so some checks are in flight when the signal comes: they must finish and count.
		w.roblox.injectFault({ path: /inventory-items/, delayMs: 300, times: 100_000 });
		const seed = await openStores(w.databaseUrl, quiet);
		await seed.guilds.addBinding(w.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: w.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		for (let i = 0; i < COUNT; i++)
			await seed.links.save({
				discordId: memberId(i),
				robloxId: robloxId(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		await seed.close();

		bot = spawnBot(w.env({ LOG_LEVEL: 'info', ROBLOX_INVENTORY_RATE_PER_MINUTE: String(BUDGET) }));
		await bot.waitFor(/Rolink is ready/);
		const run = w.discord.runCommand({ guildId: w.guild.id, userId: ADMIN_ID, name: 'update-all' });
		expect((await run.waitForReply(undefined, 10_000)).content).toMatch(/Started/);
		await until(() => w.roblox.inventoryRequests() >= BUDGET - 5, 20_000, 'most of the first minute of budget');

		const signalledAt = Date.now();
		bot.kill('SIGTERM');
		const code = await bot.exited;
		const tookMs = Date.now() - signalledAt;
		bot = undefined;
		expect(code).toBe(0);
		expect(tookMs).toBeLessThan(8_000);

		const before = new Set(
			w.roblox.requests.filter((r) => /inventory-items$/.test(r.path)).map((r) => /users\/(\d+)\//.exec(r.path)![1]!),
		);
		expect(before.size).toBeLessThanOrEqual(BUDGET);
		const mid = await openStores(w.databaseUrl, quiet);
		const saved = await mid.runs.get(w.guild.id);
		await mid.close();
		expect(saved).toMatchObject({ status: 'running', failed: 0 });
		// Exactly the members Roblox answered for are counted: nobody waiting on the limiter counted as failed, and
		// every check in flight at the signal finished and was saved.
		expect(saved!.processed - saved!.skipped).toBe(before.size);

		// A fresh minute of budget for the restart.
		w.roblox.setRateLimit({ limit: 10_000, windowMs: 60_000 });
		bot = spawnBot(w.env({ LOG_LEVEL: 'info', ROBLOX_INVENTORY_RATE_PER_MINUTE: '10000' }));
		await bot.waitFor(/resuming bulk run/, 20_000);
		const finished = async () => {
			const stores = await openStores(w.databaseUrl, quiet);
			try {
				return await stores.runs.get(w.guild.id);
			} finally {
				await stores.close();
			}
		};
		let state = await finished();
		const deadline = Date.now() + 30_000;
		while (state?.status === 'running' && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			state = await finished();
		}
		expect(state).toMatchObject({ status: 'done', failed: 0 });
		// Every member exactly once over both processes: no repeat, no one skipped.
		for (let i = 0; i < COUNT; i++) expect(w.roblox.inventoryRequests(robloxId(i)), `member ${i}`).toBe(1);
		expect(w.roblox.inventoryRequests()).toBe(COUNT);
		const wrong = Array.from({ length: COUNT }, (_, i) => i).filter(
			(i) => w.guild.member(memberId(i))!.roleIds.includes(w.roles.badge.id) !== owns(i),
		);
		expect(wrong).toEqual([]);
	});
});

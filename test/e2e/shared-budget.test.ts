/**
 * The bot on a redis:// store spends its Roblox inventory budget from the window it shares with every other process
 * on the API key (src/roblox/shared-limiter.ts): while another process holds the whole window, the bot's /update
 * reaches the fake Roblox only once those starts have left it.
 */
import { createClient } from '@redis/client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openBudgets } from '../../src/roblox/shared-limiter.js';
import { freshRedisUrl } from '../helpers/servers.js';
import { ADMIN_ID, createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const redisUrl = inject('redisUrl');
const ROBLOX_ID = '6670001';
const BADGE = '2124771';
const RATE = { limit: 3, windowMs: 3_000 };

describe.skipIf(redisUrl === null)('one Roblox budget across processes (redis:// store)', () => {
	let world: World | undefined;
	let bot: RunningBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	it("waits for another process's inventory starts in the shared window before asking Roblox", async () => {
		const url = await freshRedisUrl(redisUrl!);
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'shared_budget_cat' });
		world.roblox.addBadge({ id: BADGE, name: 'Shared' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		bot = await startBot(
			world,
			{ DATABASE_URL: url, ROBLOX_BUDGET_PROCESSES: '2' },
			{ roblox: { inventoryRate: RATE } },
		);
		const { stores } = bot.app.ctx;
		await stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		await stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'shared_budget_cat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});

		// Another process on the same key spends the whole inventory window.
		const other = await openBudgets(url, 2);
		const limiter = other.limiter('inventory', RATE);
		for (let i = 0; i < RATE.limit; i++) (await limiter.acquire('background'))();
		const fullAt = Date.now();
		world.roblox.resetRequests();

		const reply = await world.discord
			.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' })
			.waitForReply(undefined, 15_000);
		expect(textOf(reply)).toMatch(/Added/);
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		const inventory = world.roblox.requests.filter((r) => /\/inventory-items$/.test(r.path));
		expect(inventory).toHaveLength(1);
		expect(inventory[0]!.at - fullAt).toBeGreaterThanOrEqual(RATE.windowMs - 100);

		// The bot's own request is in the shared log, dated after the other process's three had left the window. (Those
		// three may still be in the set: Redis prunes a slot only when a later start finds it a whole window old.)
		const redis = createClient({ url });
		await redis.connect();
		try {
			const sinceWindow = fullAt + RATE.windowMs - 100;
			expect(await redis.zCount('rolink:budget:{inventory}', sinceWindow, '+inf')).toBe(1);
			expect(await redis.zCount('rolink:budget:{inventory}', '-inf', sinceWindow)).toBeLessThanOrEqual(RATE.limit);
		} finally {
			redis.destroy();
		}
		limiter.close();
		await other.close();
	});
});

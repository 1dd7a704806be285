import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../fakes/discord/index.js';
import { ADMIN_ID, createWorld, startBot, type RunningBot, type World } from '../helpers/world.js';
import { answerOf, discordIdOf, sleep, UNEXPECTED } from './helpers.js';

/** 200 interactions in about two seconds at the in-process bot (the full 1,000 is `npm run bench`). */

const TOTAL = 200;
const BADGE = '2127001';
const userFor = (i: number) => discordIdOf('80000000000000', i);
const robloxFor = (i: number) => String(7_550_000 + i);

describe('load', () => {
	let world: World;
	let bot: RunningBot;

	beforeAll(async () => {
		world = await createWorld();
		world.roblox.addBadge({ id: BADGE, name: 'Busy' });
		for (let i = 0; i < TOTAL; i++) {
			world.guild.addMember({ userId: userFor(i), username: `load${i}` });
			world.roblox.addUser({ id: robloxFor(i), name: `load_${i}` });
			if (i % 2 === 0) world.roblox.giveItem(robloxFor(i), { kind: 'badge', id: BADGE });
		}
		bot = await startBot(world);
		const { guilds, links } = bot.app.ctx.stores;
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		// Every fifth member is linked and runs /update (one Roblox request each: 40, inside the 100/min budget).
		for (let i = 0; i < TOTAL; i += 5)
			await links.save({
				discordId: userFor(i),
				robloxId: robloxFor(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
	});
	afterAll(async () => {
		await bot?.stop();
		await world?.close();
	});

	const fire = (i: number): InteractionHandle => {
		const guildId = world.guild.id;
		const userId = userFor(i);
		switch (i % 5) {
			case 0:
				return world.discord.runCommand({ guildId, userId, name: 'update' });
			case 1:
				return world.discord.runCommand({ guildId, userId, name: 'verify' });
			case 2:
				return world.discord.runCommand({ guildId, userId: ADMIN_ID, name: 'settings', subcommand: 'show' });
			case 3:
				return world.discord.pressButton({ guildId, userId, customId: 'bogus:thing' });
			default:
				return world.discord.runCommand({ guildId, userId, name: 'verify', options: { username: 'bad name!' } });
		}
	};

	it('answers every one of 200 interactions within 3 s, drops none, and memory settles', async () => {
		// Warm up (first-use costs: module caches, connection pools) before measuring memory.
		await answerOf(
			world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'settings', subcommand: 'show' }),
		);
		const rssBefore = process.memoryUsage().rss;

		const handles: InteractionHandle[] = [];
		const started = Date.now();
		for (let batch = 0; batch < 20; batch++) {
			for (let k = 0; k < 10; k++) handles.push(fire(batch * 10 + k));
			await sleep(100);
		}
		const firedIn = Date.now() - started;
		expect(firedIn).toBeLessThan(3_500);

		const answers = await Promise.all(handles.map((h) => answerOf(h, 10_000)));
		const late = handles.map((h) => h.callbacks[0]!.at - h.dispatchedAt).filter((ms) => ms > 3_000);
		expect(late, 'first callbacks later than 3 s').toEqual([]);
		expect(handles.flatMap((h) => h.rejectedCallbacks)).toEqual([]);
		expect(handles.every((h) => h.callbacks.length === 1)).toBe(true);
		for (const [i, answer] of answers.entries()) {
			expect(answer.text, `interaction ${i}`).not.toMatch(UNEXPECTED);
			expect(answer.text.length, `interaction ${i} answered with text`).toBeGreaterThan(0);
		}
		// The /update answers did real work: linked owners got the role, non-owners did not.
		for (let i = 0; i < TOTAL; i += 5)
			expect(world.guild.member(userFor(i))!.roleIds.includes(world.roles.badge.id), `member ${i}`).toBe(i % 2 === 0);
		const slowest = Math.max(...handles.map((h) => h.callbacks[0]!.at - h.dispatchedAt));
		expect(slowest).toBeLessThan(3_000);

		await sleep(500);
		const rssAfter = process.memoryUsage().rss;
		expect(rssAfter - rssBefore, `RSS grew by ${Math.round((rssAfter - rssBefore) / 1e6)} MB`).toBeLessThan(
			150 * 1024 * 1024,
		);
	});
});

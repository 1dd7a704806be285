import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/index.js';
import type { InteractionHandle } from '../fakes/discord/index.js';
import { ADMIN_ID, createWorld, spawnBot, textOf, type BotProcess, type World } from '../helpers/world.js';
import { discordIdOf, until } from './helpers.js';
import { killTree } from './process-tree.js';

/** SIGKILL (no shutdown hook runs) at the worst moments, then a restart on the same SQLite file. */

const quiet = { error() {}, warn() {}, info() {} };

describe('crash safety (SIGKILL)', () => {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	afterEach(async () => {
		await killTree(bot);
		bot = undefined;
		await world?.close();
		world = undefined;
	});

	it('killed while links are being written: every reported link survives, and forward/reverse entries agree', async () => {
		const COUNT = 24;
		const memberId = (i: number) => discordIdOf('40000000000000', i);
		const robloxId = (i: number) => String(6_100_000 + i);
		world = await createWorld();
		const w = world;
		for (let i = 0; i < COUNT; i++) {
			w.guild.addMember({ userId: memberId(i), username: `c${i}` });
			w.roblox.addUser({ id: robloxId(i), name: `crash_u${i}` });
		}
		bot = spawnBot(w.env({ LOG_LEVEL: 'info' }));
		await bot.waitFor(/Rolink is ready/);

		// Everyone starts /verify and puts the code in their About.
		const checkIds = await Promise.all(
			Array.from({ length: COUNT }, async (_, i) => {
				const run = w.discord.runCommand({
					guildId: w.guild.id,
					userId: memberId(i),
					name: 'verify',
					options: { username: `crash_u${i}` },
				});
				const reply = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0, 15_000);
				const code = /```\n([a-z ]+)\n```/.exec(textOf(reply))![1]!;
				w.roblox.setAbout(robloxId(i), `hello\n${code}`);
				return reply.components[0].components[0].custom_id as string;
			}),
		);

		// All press Check at once; kill the bot as soon as the first links are reported.
		const presses: InteractionHandle[] = checkIds.map((customId, i) =>
			w.discord.pressButton({ guildId: w.guild.id, userId: memberId(i), customId }),
		);
		const linked = () =>
			presses.map((p, i) => (/now linked/.test(p.original()?.content ?? '') ? i : -1)).filter((i) => i >= 0);
		await until(() => linked().length >= 3, 15_000, 'three reported links');
		await killTree(bot);
		bot = undefined;
		const reported = linked();
		expect(reported.length).toBeGreaterThanOrEqual(3);

		const stores = await openStores(w.databaseUrl, quiet);
		const linkedAfterCrash = new Set<number>();
		try {
			let present = 0;
			for (let i = 0; i < COUNT; i++) {
				const forward = await stores.links.getByDiscord(memberId(i));
				if (reported.includes(i))
					expect(forward, `reported link ${i}`).toMatchObject({ discordId: memberId(i), robloxId: robloxId(i) });
				if (forward) {
					present++;
					linkedAfterCrash.add(i);
					expect(forward.robloxId, `member ${i} linked to someone else's account`).toBe(robloxId(i));
					expect((await stores.links.getByRoblox(forward.robloxId))?.discordId, `reverse of ${i}`).toBe(memberId(i));
				}
				const reverse = await stores.links.getByRoblox(robloxId(i));
				if (reverse)
					expect((await stores.links.getByDiscord(reverse.discordId))?.robloxId, `forward of roblox ${i}`).toBe(
						robloxId(i),
					);
				else expect(forward).toBeNull();
			}
			expect(present).toBeGreaterThanOrEqual(reported.length);
		} finally {
			await stores.close();
		}

		// Restart on the same file: reported links answer as linked; everyone not linked can finish with the same code
		// (their pending code was never deleted: it goes only after the link is saved).
		bot = spawnBot(w.env({ LOG_LEVEL: 'info' }));
		await bot.waitFor(/Rolink is ready/);
		const again = w.discord.runCommand({ guildId: w.guild.id, userId: memberId(reported[0]!), name: 'verify' });
		expect((await again.waitForReply(undefined, 15_000)).content).toMatch(/You are linked to \*\*crash_u/);
		const retries = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !linkedAfterCrash.has(i));
		await Promise.all(
			retries.map(async (i) => {
				const press = w.discord.pressButton({ guildId: w.guild.id, userId: memberId(i), customId: checkIds[i]! });
				await press.waitForReply((m) => /now linked/.test(m.content ?? ''), 15_000);
			}),
		);
		await killTree(bot);
		bot = undefined;
		const after = await openStores(w.databaseUrl, quiet);
		try {
			for (let i = 0; i < COUNT; i++) {
				expect(await after.links.getByDiscord(memberId(i)), `member ${i} after recovery`).toMatchObject({
					robloxId: robloxId(i),
				});
				expect(await after.links.getByRoblox(robloxId(i)), `roblox ${i} after recovery`).toMatchObject({
					discordId: memberId(i),
				});
			}
		} finally {
			await after.close();
		}
	});

	it('killed in the middle of /update-all: the restart resumes, finishes, every role right, no role flipped wrongly', async () => {
		const COUNT = 320;
		const BADGE = '5005';
		const memberId = (i: number) => discordIdOf('50000000000000', i);
		const robloxId = (i: number) => String(6_500_000 + i);
		const owns = (i: number) => i % 2 === 0;
		world = await createWorld({ roblox: { rateLimit: { limit: 100_000, windowMs: 60_000 } } });
		const w = world;
		for (let i = 0; i < COUNT; i++) {
			w.guild.addMember({ userId: memberId(i), username: `u${i}`, roleIds: i % 3 === 0 ? [w.roles.badge.id] : [] });
			w.roblox.addUser({ id: robloxId(i), name: `bulk_${i}` });
			if (owns(i)) w.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
		}
		w.roblox.addBadge({ id: BADGE, name: 'Veteran' });
		// Every inventory answer takes 150 ms, so the run lasts a few seconds at 16 workers.
		w.roblox.injectFault({ path: /inventory-items/, delayMs: 150, times: 100_000 });
		const seed = await openStores(w.databaseUrl, quiet);
		await seed.guilds.addBinding(w.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: w.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		// One member in six loses the role: under a raised mass-removal limit the run holds those removals until its
		// end and then makes them, so the held set must survive the SIGKILL too.
		await seed.guilds.updateSettings(w.guild.id, { removalBreaker: { percent: 20 } });
		for (let i = 0; i < COUNT; i++)
			await seed.links.save({
				discordId: memberId(i),
				robloxId: robloxId(i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});
		await seed.close();

		const env = w.env({ LOG_LEVEL: 'info', ROBLOX_INVENTORY_RATE_PER_MINUTE: '100000' });
		bot = spawnBot(env);
		await bot.waitFor(/Rolink is ready/);
		const run = w.discord.runCommand({ guildId: w.guild.id, userId: ADMIN_ID, name: 'update-all' });
		expect((await run.waitForReply(undefined, 10_000)).content).toMatch(/Started/);
		await until(() => w.roblox.inventoryRequests() >= 130, 20_000, '130 inventory requests');
		await killTree(bot);
		bot = undefined;
		const requestsBeforeRestart = w.roblox.inventoryRequests();

		const mid = await openStores(w.databaseUrl, quiet);
		const saved = await mid.runs.get(w.guild.id);
		await mid.close();
		expect(saved).toMatchObject({ status: 'running' });
		expect(saved!.processed).toBeGreaterThan(0);
		expect(saved!.processed).toBeLessThan(COUNT);

		bot = spawnBot(env);
		// The dead process still holds the run's claim: it is taken over once its 10 s lease runs out (checked every 5 s).
		await bot.waitFor(/resuming bulk run/, 40_000);
		const channel = w.guild.defaultChannelId;
		await until(
			() =>
				/Update (finished|stopped)/.test(
					textOf(w.guild.messages(channel).find((m) => m.id === saved!.progressMessageId)),
				),
			30_000,
			'the run to finish',
		);
		const progress = textOf(w.guild.messages(channel).find((m) => m.id === saved!.progressMessageId));
		expect(progress).toMatch(/Update finished/);
		expect(progress).toMatch(/resumed after a restart/);

		const wrong = Array.from({ length: COUNT }, (_, i) => i).filter(
			(i) => w.guild.member(memberId(i))!.roleIds.includes(w.roles.badge.id) !== owns(i),
		);
		expect(wrong, 'members with a wrong badge role').toEqual([]);
		// Every member edit Discord recorded: an owner never lost the role, a non-owner never gained it.
		const flips: string[] = [];
		for (const entry of w.guild.auditLog) {
			const i = Number(entry.userId.slice(-5));
			const old: string[] = entry.changes?.roles?.old ?? [];
			const now: string[] = entry.changes?.roles?.new ?? [];
			const had = old.includes(w.roles.badge.id);
			const has = now.includes(w.roles.badge.id);
			if (entry.action === 'member_update' && owns(i) && had && !has) flips.push(`owner ${i} lost the role`);
			if (entry.action === 'member_update' && !owns(i) && !had && has) flips.push(`non-owner ${i} got the role`);
			if (entry.action === 'member_role_remove' && owns(i)) flips.push(`owner ${i} lost a role (DELETE)`);
			if (entry.action === 'member_role_add' && !owns(i)) flips.push(`non-owner ${i} got a role (PUT)`);
		}
		expect(flips).toEqual([]);
		// The run did not start over: after the restart only the members from the persisted cursor on are checked
		// (the cursor trails the finished count by at most the 16 workers in flight).
		expect(w.roblox.inventoryRequests() - requestsBeforeRestart).toBeLessThanOrEqual(COUNT - saved!.processed + 16);
	}, 60_000); // two bot start-ups, and the restart takes the dead process's run claim only after its 10 s lease
});

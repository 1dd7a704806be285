import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../fakes/discord/index.js';
import { until } from './helpers.js';
import { createWorld, MEMBER_ID, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

/** Two members pressing Check for the same Roblox account at the same instant. */

const ROBLOX_ID = '5660001';
const RIVAL = '100000000000000021';
const EARLIER = '100000000000000022';

describe('the /verify Check race on one Roblox account', () => {
	let world: World;
	let bot: RunningBot;
	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'twin_tess', about: 'hi' });
		world.guild.addMember({ userId: RIVAL, username: 'rival' });
		world.guild.addMember({ userId: EARLIER, username: 'earlier' });
		const audit = world.guild.addChannel({ name: 'audit' });
		bot = await startBot(world);
		await bot.app.ctx.stores.guilds.updateSettings(world.guild.id, { auditChannelId: audit.id });
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function codeAndCheck(userId: string): Promise<{ code: string; checkId: string }> {
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId,
			name: 'verify',
			options: { username: 'twin_tess' },
		});
		const reply = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		const code = /```\n([a-z ]+)\n```/.exec(textOf(reply))![1]!;
		return { code, checkId: reply.components[0].components[0].custom_id as string };
	}

	async function race(): Promise<{ answers: Record<string, string> }> {
		const a = await codeAndCheck(MEMBER_ID);
		const b = await codeAndCheck(RIVAL);
		world.roblox.setAbout(ROBLOX_ID, `${a.code}\n${b.code}`);
		const [pa, pb] = [
			world.discord.pressButton({ guildId: world.guild.id, userId: MEMBER_ID, customId: a.checkId }),
			world.discord.pressButton({ guildId: world.guild.id, userId: RIVAL, customId: b.checkId }),
		];
		const [ta, tb] = await Promise.all([finalAnswer(pa), finalAnswer(pb)]);
		return { answers: { [MEMBER_ID]: ta, [RIVAL]: tb } };
	}

	/** The Check answer: the edited message (linked) or an ephemeral follow-up (not linked). */
	const finalAnswer = (handle: InteractionHandle) =>
		until(
			() =>
				[handle.original(), ...handle.followUps]
					.map((m) => textOf(m))
					.find((text) => /now linked|not linked/.test(text)),
			8_000,
			'the Check answer',
		);

	const auditText = (channelId: string) => JSON.stringify(world.guild.messages(channelId));

	it('gives one link, and each member an answer that matches what the store holds afterwards', async () => {
		const { answers } = await race();
		const links = bot.app.ctx.stores.links;
		const holder = await links.getByRoblox(ROBLOX_ID);
		expect(holder).not.toBeNull();
		const loser = holder!.discordId === MEMBER_ID ? RIVAL : MEMBER_ID;
		expect(await links.getByDiscord(loser)).toBeNull();
		expect(holder).toMatchObject({ method: 'profile-code' });
		expect(answers[holder!.discordId]).toMatch(/You are now linked to \*\*twin_tess\*\*/);
		expect(answers[holder!.discordId]).not.toMatch(/linked to another Discord account before/);
		expect(answers[loser]).not.toMatch(/You are now linked/);
		expect(answers[loser]).toMatch(/at the same moment, so you were not linked/);
		const settings = (await bot.app.ctx.stores.guilds.get(world.guild.id)).settings;
		const audit = auditText(settings.auditChannelId!);
		expect(audit).toMatch(/Account proved twice at once/);
		expect(audit).toContain(`Kept the link of <@${holder!.discordId}>`);
		expect(audit).not.toMatch(/Account taken over/);

		// Pressing again later is an ordinary takeover, recorded as one.
		const again = world.discord.pressButton({
			guildId: world.guild.id,
			userId: loser,
			customId: `verify:check:${loser}`,
		});
		expect(await finalAnswer(again)).toMatch(/linked to another Discord account before; that link was removed/);
		expect(await links.getByRoblox(ROBLOX_ID)).toMatchObject({ discordId: loser, method: 'takeover' });
		expect(await links.getByDiscord(holder!.discordId)).toBeNull();
	});

	it('records a takeover as a takeover when the account had an earlier holder before the race', async () => {
		await bot.app.ctx.stores.links.save({
			discordId: EARLIER,
			robloxId: ROBLOX_ID,
			robloxName: 'twin_tess',
			linkedAt: new Date(Date.now() - 86_400_000).toISOString(),
			method: 'profile-code',
		});
		const { answers } = await race();
		const holder = await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID);
		expect(holder).toMatchObject({ method: 'takeover' });
		expect(holder!.discordId).not.toBe(EARLIER);
		expect(await bot.app.ctx.stores.links.getByDiscord(EARLIER)).toBeNull();
		const loser = holder!.discordId === MEMBER_ID ? RIVAL : MEMBER_ID;
		expect(await bot.app.ctx.stores.links.getByDiscord(loser)).toBeNull();
		expect(answers[holder!.discordId]).toMatch(/linked to another Discord account before; that link was removed/);
		expect(answers[loser]).toMatch(/so you were not linked/);
	});
});

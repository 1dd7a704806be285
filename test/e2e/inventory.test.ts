import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkComponentLimits, checkEmbedLimits } from '../../src/ui/embed-limits.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';
import {
	createWorld,
	EPHEMERAL,
	GUILD_ID,
	MEMBER_ID,
	MOD_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';
import type { InteractionHandle } from '../fakes/discord/types.js';
import { sessionsFor } from '../../commands/inventory.js';

const ROBLOX_ID = '5550001';
const OTHER_ROBLOX_ID = '5550002';
const OTHER_MEMBER = '100000000000000020';

const footer = (message: any): string => message?.embeds?.[0]?.footer?.text ?? '';
const buttons = (message: any): any[] => message?.components?.[0]?.components ?? [];
const button = (message: any, action: string) => buttons(message).find((b) => b.custom_id.split(':')[3] === action);

/** An ephemeral follow-up (how the public /inventory answers a problem privately). */
async function followUp(run: InteractionHandle, timeoutMs = 5000): Promise<any> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const message = run.followUps[0];
		if (message) return message;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('no follow-up message');
}

describe('/inventory', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'builder_bob', displayName: 'Bob' });
		world.roblox.addUser({ id: OTHER_ROBLOX_ID, name: 'other_olly', displayName: 'Olly' });
		world.guild.addMember({ userId: OTHER_MEMBER, username: 'other' });
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	const link = (discordId: string, robloxId: string) =>
		bot.app.ctx.stores.links.save({ discordId, robloxId, linkedAt: new Date().toISOString(), method: 'profile-code' });

	function giveBadges(count: number, userId = ROBLOX_ID) {
		for (let i = 1; i <= count; i++) {
			const id = String(2_124_000 + i);
			world.roblox.addBadge({ id, name: `Badge Number ${i}` });
			world.roblox.giveItem(userId, { kind: 'badge', id, addTime: '2024-05-01T12:00:00Z' });
		}
	}

	const run = (userId: string, options: Record<string, string> = {}) =>
		world.discord.runCommand({ guildId: GUILD_ID, userId, name: 'inventory', options });
	const press = (userId: string, customId: string, messageId: string) =>
		world.discord.pressButton({ guildId: GUILD_ID, userId, customId, messageId });

	/** Every payload the bot sent for interactions validates against Discord's OpenAPI and the embed limits. */
	function expectValidPayloads() {
		let checked = 0;
		for (const request of world.discord.requests) {
			let kind: 'interaction-callback' | 'webhook-message-edit' | 'webhook-execute' | null = null;
			if (request.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(request.path))
				kind = 'interaction-callback';
			else if (request.method === 'PATCH' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(request.path))
				kind = 'webhook-message-edit';
			else if (request.method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(request.path)) kind = 'webhook-execute';
			if (!kind) continue;
			checked++;
			expect(validateDiscordPayload(kind, request.body), `${kind} ${JSON.stringify(request.body)}`).toEqual([]);
			const message = kind === 'interaction-callback' ? request.body?.data : request.body;
			for (const embed of message?.embeds ?? []) expect(checkEmbedLimits(embed)).toEqual([]);
			if (message?.components) expect(checkComponentLimits(message.components)).toEqual([]);
		}
		expect(checked).toBeGreaterThan(0);
	}

	it('pages through 25 badges with one Roblox request, and only the owner can turn pages', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		giveBadges(25);
		const cmd = run(MEMBER_ID, { kind: 'badges' });
		const reply = await cmd.waitForReply((m) => footer(m) !== '');
		// Your own inventory is shown in the channel.
		expect(cmd.callbacks[0]!.type).toBe(5);
		expect((cmd.callbacks[0]!.data?.flags ?? 0) & EPHEMERAL).toBe(0);
		expect(reply.flags & EPHEMERAL).toBe(0);
		const embed = reply.embeds[0];
		expect(embed.title).toBe('Bob (@builder_bob)');
		expect(embed.url).toBe(`https://www.roblox.com/users/${ROBLOX_ID}/profile`);
		expect(embed.thumbnail?.url).toMatch(/^https:\/\//);
		expect(footer(reply)).toBe('Page 1 of 3');
		expect(embed.description).toContain('[🏅 Badge Number 1](https://www.roblox.com/badges/2124001)');
		expect(embed.description).toContain('Badge Number 10');
		expect(embed.description).not.toContain('Badge Number 11');
		expect(embed.description).toMatch(/obtained <t:\d+:d>/);
		expect(buttons(reply).map((b) => [b.label, b.disabled])).toEqual([
			['First', true],
			['Previous', true],
			['Next', false],
			['Last', false],
		]);

		const go = async (action: string, expected: string) => {
			const before = structuredClone(reply);
			const p = press(MEMBER_ID, button(before, action).custom_id, reply.id);
			const message = await p.waitForReply((m) => footer(m) === expected && !p.callbacks.some((c) => c.type === 4));
			expect(p.callbacks[0]!.type).toBe(6);
			return message;
		};

		let page = await go('next', 'Page 2 of 3');
		expect(textOf(page)).toContain('Badge Number 11');
		expect(textOf(page)).toContain('Badge Number 20');
		page = await go('next', 'Page 3 of 3');
		expect(textOf(page)).toContain('Badge Number 25');
		expect(buttons(page).map((b) => [b.label, b.disabled])).toEqual([
			['First', false],
			['Previous', false],
			['Next', true],
			['Last', true],
		]);
		page = await go('prev', 'Page 2 of 3');
		page = await go('first', 'Page 1 of 3');
		expect(textOf(page)).toContain('Badge Number 1]');
		page = await go('last', 'Page 3 of 3');

		// Someone else pressing gets an ephemeral refusal and the message stays as it was.
		const before = world.discord.requests.length;
		const snapshot = JSON.stringify(reply);
		const foreign = press(OTHER_MEMBER, button(reply, 'first').custom_id, reply.id);
		const refusal = await foreign.waitForCallback();
		expect(refusal.type).toBe(4);
		expect(refusal.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(refusal.data.content).toMatch(/belong to the person who ran the command/);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(JSON.stringify(reply)).toBe(snapshot);
		expect(world.discord.requests.slice(before).filter((r) => r.method === 'PATCH')).toEqual([]);

		// One Roblox page held all 25 badges; paging back and forth cost nothing.
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		const inventory = world.roblox.requests.find((r) => r.path.endsWith('/inventory-items'))!;
		expect(inventory.query.maxPageSize).toBe('100');
		expect(inventory.query.filter).toBe('badges=true');
		expectValidPayloads();
	});

	it('fetches the next Roblox page only when the reader gets there, and keeps it', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		for (let i = 1; i <= 105; i++) world.roblox.giveItem(ROBLOX_ID, { kind: 'gamepass', id: String(700_000 + i) });
		const cmd = run(MEMBER_ID, { kind: 'gamepasses' });
		const reply = await cmd.waitForReply((m) => footer(m) !== '');
		expect(footer(reply)).toBe('Page 1');
		expect(button(reply, 'last')).toBeUndefined();
		expect(reply.embeds[0].description).toContain('[🎟️ Game pass 700001](https://www.roblox.com/game-pass/700001)');
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		for (let n = 2; n <= 10; n++) {
			const p = press(MEMBER_ID, button(reply, 'next').custom_id, reply.id);
			await p.waitForReply((m) => footer(m).startsWith(`Page ${n}`));
		}
		expect(footer(reply)).toBe('Page 10');
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(1);
		const p = press(MEMBER_ID, button(reply, 'next').custom_id, reply.id);
		await p.waitForReply((m) => footer(m) === 'Page 11 of 11');
		expect(textOf(reply)).toContain('Game pass 700105');
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(2);
		const first = press(MEMBER_ID, button(reply, 'first').custom_id, reply.id);
		await first.waitForReply((m) => footer(m) === 'Page 1 of 11');
		expect(world.roblox.inventoryRequests(ROBLOX_ID)).toBe(2);
		expectValidPayloads();
	});

	it('shows every kind in plain words on a single page without buttons', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		world.roblox.giveItem(ROBLOX_ID, {
			kind: 'asset',
			id: '1365767',
			assetType: 'HAT',
			collectible: { serialNumber: 160 },
		});
		world.roblox.giveItem(ROBLOX_ID, { kind: 'asset', id: '1000001', assetType: 'CLASSIC_TSHIRT' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'gamepass', id: '424242' });
		world.roblox.addBadge({ id: '2124999', name: 'Welcome *Badge*' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: '2124999' });
		const cmd = run(MEMBER_ID);
		const reply = await cmd.waitForReply((m) => footer(m) !== '');
		const text = reply.embeds[0].description;
		expect(text).toContain('[🧩 Hat 1365767](https://www.roblox.com/catalog/1365767) · #160');
		expect(text).toContain('Classic T-Shirt 1000001');
		expect(text).toContain('https://www.roblox.com/game-pass/424242');
		expect(text).toContain('Welcome \\*Badge\\*');
		expect(footer(reply)).toBe('Page 1 of 1');
		expect(reply.components).toEqual([]);
		const filter = world.roblox.requests.find((r) => r.path.endsWith('/inventory-items'))!.query.filter;
		expect(filter).toBe('inventoryItemAssetTypes=*;badges=true;gamePasses=true');

		const collectibles = run(MEMBER_ID, { kind: 'collectibles' });
		const only = await collectibles.waitForReply((m) => footer(m) !== '');
		expect(only.embeds[0].description).toContain('Hat 1365767');
		expect(only.embeds[0].description).not.toContain('1000001');
		expectValidPayloads();
	});

	it("shows another member's inventory only to the person who asked", async () => {
		await link(OTHER_MEMBER, OTHER_ROBLOX_ID);
		giveBadges(3, OTHER_ROBLOX_ID);
		const cmd = run(MOD_ID, { member: OTHER_MEMBER, kind: 'badges' });
		const reply = await cmd.waitForReply((m) => footer(m) !== '');
		expect(cmd.callbacks[0]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.embeds[0].title).toBe('Olly (@other_olly)');
		expect(reply.embeds[0].description).toContain('Badge Number 3');
	});

	it('answers a private inventory plainly and privately, saying whose and how to fix it', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		await link(OTHER_MEMBER, OTHER_ROBLOX_ID);
		world.roblox.setInventoryPublic(ROBLOX_ID, false);
		world.roblox.setInventoryPublic(OTHER_ROBLOX_ID, false);

		const own = run(MEMBER_ID);
		const answer = await followUp(own);
		expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(answer.content).toMatch(/Your Roblox inventory is private/);
		expect(answer.content).toContain('Who can see my inventory?');
		expect(answer.embeds).toEqual([]);
		// The public "thinking…" placeholder is gone: nothing was said in the channel. It was resolved before the
		// follow-up (Discord gives the first follow-up after a deferral the deferral's visibility), then deleted.
		expect(own.original()).toBeUndefined();
		const steps = world.discord.requests
			.filter((r) => r.path.includes(own.token) && r.path.startsWith('/webhooks/'))
			.map((r) => `${r.method} ${r.path.endsWith('@original') ? '@original' : 'follow-up'}`);
		expect(steps).toEqual(['PATCH @original', 'DELETE @original', 'POST follow-up']);

		const other = run(MEMBER_ID, { member: OTHER_MEMBER });
		const reply = await other.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.content).toMatch(/\*\*other_olly\*\*'s Roblox inventory is private/);
		expect(reply.content).toContain('Everyone');
		expectValidPayloads();
	});

	it('answers unlinked members plainly and privately', async () => {
		const own = run(MEMBER_ID);
		const answer = await followUp(own);
		expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(answer.content).toMatch(/not linked.*\/verify/);

		const other = run(MEMBER_ID, { member: OTHER_MEMBER });
		const reply = await other.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.content).toBe(`<@${OTHER_MEMBER}> has not linked a Roblox account.`);
		expect(world.roblox.inventoryRequests()).toBe(0);
	});

	it('answers an empty inventory for that kind plainly', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		giveBadges(2);
		const own = run(MEMBER_ID, { kind: 'gamepasses' });
		const answer = await followUp(own);
		expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(answer.content).toMatch(/You have no game passes on Roblox/);

		await link(OTHER_MEMBER, OTHER_ROBLOX_ID);
		const other = run(MEMBER_ID, { member: OTHER_MEMBER, kind: 'wearables' });
		const reply = await other.waitForReply();
		expect(reply.content).toMatch(/other_olly\*\* has no accessories or clothing on Roblox/);
	});

	it('disables the buttons when the browser expires, and answers later presses as expired', async () => {
		await link(MEMBER_ID, ROBLOX_ID);
		giveBadges(15);
		const cmd = run(MEMBER_ID, { kind: 'badges' });
		const reply = await cmd.waitForReply((m) => footer(m) !== '');
		const next = button(reply, 'next').custom_id;
		const turned = press(MEMBER_ID, next, reply.id);
		await turned.waitForReply((m) => footer(m) === 'Page 2 of 2');
		const sessionId = next.split(':')[2];
		// What ten idle minutes do (the timing itself is unit-tested with an injected clock).
		expect(sessionsFor(bot.app.ctx).expire(sessionId)).toBe(true);
		await turned.waitForReply((m) => buttons(m).length === 4 && buttons(m).every((b) => b.disabled));
		expect(footer(reply)).toBe('Page 2 of 2');
		expect(textOf(reply)).toContain('Badge Number 15');
		const late = press(MEMBER_ID, button(reply, 'first').custom_id, reply.id);
		const cb = await late.waitForCallback();
		expect(cb.type).toBe(4);
		expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(cb.data.content).toMatch(/expired/);
		expectValidPayloads();
	});

	it('answers a button whose session is unknown (as after a restart) as expired', async () => {
		const p = press(MEMBER_ID, 'inventory:nav:AbCdEfGh:next:1', '');
		const cb = await p.waitForCallback();
		expect(cb.type).toBe(4);
		expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(cb.data.content).toBe('This inventory view has expired. Run `/inventory` again.');
		expect(bot.logs.join('')).not.toMatch(/interaction failed/);
	});
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_DISCORD_USER_COOKIE } from '../fakes/discord/oauth.js';
import { FAKE_ROBLOX_USER_COOKIE, INVENTORY_SCOPE } from '../fakes/roblox/oauth.js';
import { Browser, consent, ROBLOX_CLIENT_ID, webEnv } from '../helpers/web.js';
import { createWorld, MEMBER_ID, startBot, type RunningBot, type World } from '../helpers/world.js';

const ROBLOX_ID = '5550301';
const BADGE = '41414';

/** Members who grant the inventory scope: their token, kept encrypted, rotated once per refresh, revoked on /unlink. */
describe('one-click linking with the inventory scope', () => {
	let world: World;
	let bot: RunningBot;

	beforeEach(async () => {
		world = await createWorld();
		// A private inventory: the API key cannot read it, the member's own token can.
		world.roblox.addUser({ id: ROBLOX_ID, name: 'private_pat', displayName: 'Pat', inventoryPublic: false });
		world.roblox.addBadge({ id: BADGE, name: 'Secret' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		const web = await webEnv(world, { inventoryScope: true });
		bot = await startBot(world, web.env, { web: { rateLimitPerMinute: 1_000 } });
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: MEMBER_ID,
		});
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function signIn(): Promise<string> {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify' });
		const reply = await run.waitForReply((m) => (m.components?.length ?? 0) > 0);
		const browser = new Browser();
		browser.cookies.set(FAKE_DISCORD_USER_COOKIE, MEMBER_ID);
		browser.cookies.set(FAKE_ROBLOX_USER_COOKIE, ROBLOX_ID);
		const start = await browser.get(reply.components[0].components[0].url as string);
		const afterDiscord = await browser.get(await consent(browser, start.location!));
		expect(new URL(afterDiscord.location!).searchParams.get('scope')).toBe(`openid profile ${INVENTORY_SCOPE}`);
		const done = await browser.get(await consent(browser, afterDiscord.location!));
		expect(done.status, done.text).toBe(200);
		return done.text;
	}

	/** A member who linked earlier with the scope (the fake hands out the token as its sign-in would). */
	async function linkedWithToken(discordId = MEMBER_ID) {
		const { refreshToken, authorizationId } = world.roblox.oauth.grant(ROBLOX_CLIENT_ID, ROBLOX_ID, [
			'openid',
			'profile',
			INVENTORY_SCOPE,
		]);
		await bot.app.ctx.stores.links.save({
			discordId,
			robloxId: ROBLOX_ID,
			robloxName: 'private_pat',
			linkedAt: new Date().toISOString(),
			method: 'oauth',
		});
		await bot.app.ctx.stores.tokens.put({
			discordId,
			robloxId: ROBLOX_ID,
			refreshToken,
			scopes: ['openid', 'profile', INVENTORY_SCOPE],
		});
		return { refreshToken, authorizationId };
	}

	it('keeps the refresh token encrypted and reads the private inventory with the member token and budget', async () => {
		const page = await signIn();
		expect(page).toContain('Your roles in Roblox Fans were updated: Badge Holder.');
		expect(page).toContain('your roles also work with a private inventory');
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		const inventory = world.roblox.requests.filter((r) => r.path === `/cloud/v2/users/${ROBLOX_ID}/inventory-items`);
		expect(inventory.length).toBeGreaterThan(0);
		for (const r of inventory)
			expect({ bearer: r.sentBearer, key: r.sentApiKey }).toEqual({ bearer: true, key: false });

		const stored = await bot.app.ctx.stores.tokens.get(MEMBER_ID);
		expect(stored).toMatchObject({ robloxId: ROBLOX_ID, scopes: expect.arrayContaining([INVENTORY_SCOPE]) });
		expect(world.roblox.oauth.liveRefreshTokens()).toEqual([stored!.refreshToken]);
		// At rest it is AES-256-GCM ciphertext: the database files never hold the token itself.
		for (const file of await readdir(world.dir)) {
			const bytes = (await readFile(join(world.dir, file))).toString('latin1');
			expect(bytes.includes(stored!.refreshToken), file).toBe(false);
		}
	});

	it('rotates the refresh token on every refresh, once even when many checks ask at the same moment', async () => {
		const { refreshToken } = await linkedWithToken();
		const tokens = bot.app.ctx.memberTokens!;
		const auths = await Promise.all(Array.from({ length: 8 }, () => tokens.authFor(MEMBER_ID, ROBLOX_ID)));
		expect(world.roblox.oauth.stats.refreshes).toBe(1);
		expect(new Set(auths.map((a) => a?.accessToken)).size).toBe(1);
		const first = (await bot.app.ctx.stores.tokens.get(MEMBER_ID))!.refreshToken;
		expect(first).not.toBe(refreshToken);
		expect(world.roblox.oauth.liveRefreshTokens()).toEqual([first]);

		tokens.invalidate(MEMBER_ID);
		await Promise.all([tokens.authFor(MEMBER_ID, ROBLOX_ID), tokens.authFor(MEMBER_ID, ROBLOX_ID)]);
		expect(world.roblox.oauth.stats.refreshes).toBe(2);
		const second = (await bot.app.ctx.stores.tokens.get(MEMBER_ID))!.refreshToken;
		expect(second).not.toBe(first);
		expect(world.roblox.oauth.liveRefreshTokens()).toEqual([second]);
		expect(world.roblox.oauth.stats.refusedGrants).toBe(0);
	});

	it('drops the token when Roblox says it is revoked, and falls back to the API key without removing roles', async () => {
		const { authorizationId } = await linkedWithToken();
		await world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' }).waitForReply();
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);

		world.roblox.oauth.revokeAuthorization(authorizationId); // the member revoked the app on Roblox
		bot.app.ctx.memberTokens!.invalidate(MEMBER_ID);
		const reply = await world.discord
			.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'update' })
			.waitForReply((m) => /private/i.test(m.content ?? ''));
		expect(reply.content).toMatch(/private/i);
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).toBeNull();
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		expect(bot.logs.join('')).toMatch(/roblox token revoked/);
	});

	it('revokes the token at Roblox on /unlink', async () => {
		const { authorizationId } = await linkedWithToken();
		const confirm = await world.discord
			.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'unlink' })
			.waitForReply();
		await world.discord
			.pressButton({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				customId: confirm.components[0].components[0].custom_id,
			})
			.waitForReply((m) => /Unlinked/.test(m.content ?? ''));
		expect(world.roblox.oauth.stats.revocations).toBe(1);
		expect(world.roblox.oauth.authorizations().find((a) => a.id === authorizationId)!.revoked).toBe(true);
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).toBeNull();
	});

	it("takes an account over by the same rule as the profile code, revoking the earlier holder's token", async () => {
		const OTHER = '100000000000000040';
		world.guild.addMember({ userId: OTHER, username: 'earlier', roleIds: [world.roles.badge.id] });
		const earlier = await linkedWithToken(OTHER);
		const page = await signIn();
		expect(page).toContain('was linked to another Discord account before; that link was removed');
		expect(await bot.app.ctx.stores.links.getByDiscord(OTHER)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toMatchObject({ method: 'takeover' });
		expect(await bot.app.ctx.stores.tokens.get(OTHER)).toBeNull();
		expect(world.roblox.oauth.authorizations().find((a) => a.id === earlier.authorizationId)!.revoked).toBe(true);
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).not.toBeNull();
		// The earlier holder loses the role the account gave them, the prover gets it.
		await world.discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${OTHER}`));
		expect(world.guild.member(OTHER)!.roleIds).not.toContain(world.roles.badge.id);
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
	});

	it('keeps no token when Roblox does not grant the inventory scope', async () => {
		world.roblox.oauth.refusedScopes.add(INVENTORY_SCOPE);
		world.roblox.setInventoryPublic(ROBLOX_ID, true);
		const page = await signIn();
		expect(page).not.toContain('private inventory');
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toMatchObject({ method: 'oauth' });
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).toBeNull();
		expect(world.roblox.oauth.liveRefreshTokens()).toHaveLength(0);
	});
});

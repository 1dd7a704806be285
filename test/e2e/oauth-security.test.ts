import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_DISCORD_USER_COOKIE } from '../fakes/discord/oauth.js';
import { FAKE_ROBLOX_USER_COOKIE, type IdTokenTamper } from '../fakes/roblox/oauth.js';
import { Browser, consent, webEnv } from '../helpers/web.js';
import { createWorld, MEMBER_ID, spawnBot, startBot, textOf, type RunningBot, type World } from '../helpers/world.js';

const ROBLOX_ID = '5550201';
const OTHER_MEMBER = '100000000000000030';

describe('one-click linking refuses what it must', () => {
	let world: World;
	let bot: RunningBot;
	let clock = 0;

	beforeEach(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'builder_bob', displayName: 'Bob' });
		world.guild.addMember({ userId: OTHER_MEMBER, username: 'other' });
		const web = await webEnv(world);
		clock = 0;
		bot = await startBot(world, web.env, { web: { now: () => Date.now() + clock, rateLimitPerMinute: 1_000 } });
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	async function linkButton(userId = MEMBER_ID): Promise<string> {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId, name: 'verify' });
		const reply = await run.waitForReply((m) => (m.components?.length ?? 0) > 0);
		return reply.components[0].components[0].url as string;
	}

	function browserAs(discordId: string, robloxId = ROBLOX_ID): Browser {
		const b = new Browser();
		b.cookies.set(FAKE_DISCORD_USER_COOKIE, discordId);
		b.cookies.set(FAKE_ROBLOX_USER_COOKIE, robloxId);
		return b;
	}

	/** Up to Roblox's consent: returns the Roblox authorize URL the bot sent the browser to. */
	async function throughDiscord(browser: Browser, button: string): Promise<string> {
		const start = await browser.get(button);
		expect(start.status, start.text).toBe(302);
		const discordCallback = await consent(browser, start.location!);
		const afterDiscord = await browser.get(discordCallback);
		expect(afterDiscord.status, afterDiscord.text).toBe(302);
		return afterDiscord.location!;
	}

	async function expectRefused(res: { status: number; text: string }, pattern: RegExp) {
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.text).toContain('<h1 role="alert">Nothing was linked</h1>');
		expect(res.text).toMatch(pattern);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByDiscord(OTHER_MEMBER)).toBeNull();
		expect(await bot.app.ctx.stores.links.getByRoblox(ROBLOX_ID)).toBeNull();
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).toBeNull();
	}

	it('sets the session cookie HttpOnly and SameSite=Lax, and follows no redirect it was given', async () => {
		const browser = browserAs(MEMBER_ID);
		const start = await browser.get(
			`${await linkButton()}&redirect_uri=https://evil.example/&next=https://evil.example/`,
		);
		expect(start.status).toBe(302);
		expect(new URL(start.location!).origin).toBe(world.discord.oauthUrl);
		expect(new URL(start.location!).searchParams.get('redirect_uri')).toMatch(/\/callback\/discord$/);
		const cookie = browser.setCookies.find((c) => c.startsWith('rolink_flow='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).toMatch(/Max-Age=600/);
		const page = await browser.get(
			`${new URL(start.location!).searchParams.get('redirect_uri')!.replace('/callback/discord', '')}/nowhere?next=https://evil.example/`,
		);
		expect(page.status).toBe(404);
		expect(page.location).toBeUndefined();
	});

	it('refuses a second use of the same link', async () => {
		const button = await linkButton();
		expect((await browserAs(MEMBER_ID).get(button)).status).toBe(302);
		await expectRefused(await browserAs(MEMBER_ID).get(button), /already been used or has expired/);
	});

	it("never attaches another browser's Roblox account to the sender's Discord account", async () => {
		const button = await linkButton(MEMBER_ID);
		// The link is sent to someone else, who signs in to Discord as themselves.
		const victim = browserAs(OTHER_MEMBER);
		const start = await victim.get(button);
		const callback = await consent(victim, start.location!);
		const res = await victim.get(callback);
		expect(res.status).toBe(403);
		await expectRefused(res, /made for another Discord account/);
		expect(world.roblox.requests.some((r) => r.path === '/oauth/v1/authorize')).toBe(false);
	});

	it('refuses a Roblox callback without the Discord step, and one without any session', async () => {
		const browser = browserAs(MEMBER_ID);
		const start = await browser.get(await linkButton());
		const publicUrl = new URL(start.location!).searchParams.get('redirect_uri')!.replace('/callback/discord', '');
		await expectRefused(
			await browser.get(`${publicUrl}/callback/roblox?code=abc&state=def`),
			/sign in to Discord first/,
		);
		await expectRefused(
			await new Browser().get(`${publicUrl}/callback/roblox?code=abc&state=def`),
			/did not start in this browser/,
		);
		await expectRefused(
			await new Browser().get(`${publicUrl}/callback/discord?code=abc&state=def`),
			/did not start in this browser/,
		);
	});

	it('refuses a replayed state (Discord and Roblox callbacks used twice)', async () => {
		const browser = browserAs(MEMBER_ID);
		const start = await browser.get(await linkButton());
		const discordCallback = await consent(browser, start.location!);
		const afterDiscord = await browser.get(discordCallback);
		expect(afterDiscord.status).toBe(302);
		// The same Discord callback again: its state was used.
		const replayDiscord = await browser.get(discordCallback);
		expect(replayDiscord.status).toBe(400);
		expect(replayDiscord.text).toMatch(/Nothing was linked/);
		// The refusal ended the session; a fresh one completes, then its Roblox callback is replayed after /unlink.
		const second = browserAs(MEMBER_ID);
		const robloxAuthorize = await throughDiscord(second, await linkButton());
		const robloxCallback = await consent(second, robloxAuthorize);
		expect((await second.get(robloxCallback)).status).toBe(200);
		expect(await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID)).not.toBeNull();
		await bot.app.ctx.stores.links.remove(MEMBER_ID);
		const cookieBefore = new Map(second.cookies);
		await expectRefused(await second.get(robloxCallback), /did not start in this browser/);
		// Even with the old session cookie put back by hand.
		const forged = new Browser();
		for (const [k, v] of cookieBefore) forged.cookies.set(k, v);
		await expectRefused(await forged.get(robloxCallback), /did not start in this browser/);
	});

	it('refuses an expired state (more than 10 minutes after the link was opened)', async () => {
		const browser = browserAs(MEMBER_ID);
		const robloxAuthorize = await throughDiscord(browser, await linkButton());
		const callback = await consent(browser, robloxAuthorize);
		clock = 10 * 60_000 + 1_000;
		await expectRefused(await browser.get(callback), /took longer than 10 minutes/);
	});

	it('refuses a code issued for another PKCE challenge (a stolen or injected code)', async () => {
		const browser = browserAs(MEMBER_ID);
		const robloxAuthorize = new URL(await throughDiscord(browser, await linkButton()));
		// The attacker's own authorization request: same client and state, their code challenge.
		robloxAuthorize.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
		const callback = await consent(browser, robloxAuthorize.href);
		const refusedBefore = world.roblox.oauth.stats.refusedGrants;
		await expectRefused(await browser.get(callback), /Roblox did not confirm your sign-in/);
		expect(world.roblox.oauth.stats.refusedGrants).toBe(refusedBefore + 1);
	});

	for (const tamper of ['bad-signature', 'wrong-aud', 'wrong-iss', 'expired', 'other-nonce'] as IdTokenTamper[]) {
		it(`refuses an ID token with ${tamper.replace('-', ' ')}`, async () => {
			const browser = browserAs(MEMBER_ID);
			const robloxAuthorize = await throughDiscord(browser, await linkButton());
			world.roblox.oauth.tamperNextIdToken(tamper);
			const callback = await consent(browser, robloxAuthorize);
			await expectRefused(await browser.get(callback), /Roblox did not confirm your sign-in/);
			const logs = bot.logs.join('');
			expect(logs).toMatch(/roblox sign-in refused/);
		});
	}

	it('still offers the profile code on request', async () => {
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'builder_bob' },
		});
		const reply = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(textOf(reply)).toMatch(/```\n[a-z ]+\n```/);
	});
});

describe('web service configuration at start-up', () => {
	it('stops with one line naming the missing variable when OAuth is half configured', async () => {
		const world = await createWorld();
		try {
			const web = await webEnv(world);
			const { ROBLOX_OAUTH_CLIENT_SECRET: _dropped, ...rest } = web.env;
			const bot = spawnBot(world.env(rest));
			expect(await bot.exited).toBe(1);
			const lines = bot.output().trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/^Configuration error: ROBLOX_OAUTH_CLIENT_SECRET is missing\./);
		} finally {
			await world.close();
		}
	}, 30_000);
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_DISCORD_USER_COOKIE } from '../fakes/discord/oauth.js';
import { FAKE_ROBLOX_USER_COOKIE } from '../fakes/roblox/oauth.js';
import { browserTestsEnabled, launchBrowser, TEST_OUTPUT, webEnv } from '../helpers/web.js';
import { createWorld, EPHEMERAL, MEMBER_ID, startBot, type RunningBot, type World } from '../helpers/world.js';

const ROBLOX_ID = '5550101';
const BADGE = '31337';

/**
 * One-click linking in a real browser: the member presses "Link with Roblox" from /verify in the fake Discord,
 * Chromium goes through Discord's and Roblox's consent pages and lands on the success page.
 */
describe.runIf(browserTestsEnabled())('one-click linking in Chromium', () => {
	let world: World;
	let bot: RunningBot;
	let browser: Awaited<ReturnType<typeof launchBrowser>>;

	beforeAll(async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'builder_bob', displayName: 'Bob', inventoryPublic: true });
		world.roblox.addBadge({ id: BADGE, name: 'Welcome' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		const web = await webEnv(world);
		bot = await startBot(world, web.env);
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: BADGE,
			roleId: world.roles.badge.id,
			addedBy: MEMBER_ID,
		});
		browser = await launchBrowser();
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
		await bot?.stop();
		await world?.close();
	});

	it('links both proven accounts, grants the roles at once, keeps no token, and says so on the page', async () => {
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify' });
		const reply = await run.waitForReply((m) => (m.components?.length ?? 0) > 0);
		expect(run.callbacks[0]!.data.flags & EPHEMERAL).toBe(EPHEMERAL);
		const button = reply.components[0].components[0];
		expect(button).toMatchObject({ type: 2, style: 5, label: 'Link with Roblox' });
		expect(reply.content).toMatch(/sign in to Discord, then to Roblox/);

		const { context } = browser!;
		// Who the browser is signed in as on each site (the fakes read these cookies).
		await context.addCookies([
			{ name: FAKE_DISCORD_USER_COOKIE, value: MEMBER_ID, domain: '127.0.0.1', path: '/' },
			{ name: FAKE_ROBLOX_USER_COOKIE, value: ROBLOX_ID, domain: '127.0.0.1', path: '/' },
		]);
		const page = await context.newPage();
		await page.goto(button.url as string);
		expect(await page.locator('h1').innerText()).toBe('Authorize access to your account');
		await page.getByRole('button', { name: 'Authorize' }).click();
		await page.getByRole('button', { name: 'Allow' }).waitFor();
		expect(await page.locator('main').innerText()).toMatch(/openid, profile/);
		await page.getByRole('button', { name: 'Allow' }).click();
		await page.locator('h1', { hasText: 'Accounts linked' }).waitFor();
		const text = await page.locator('main').innerText();
		await page.screenshot({ path: join(TEST_OUTPUT, 'oauth-linked.png'), fullPage: true });

		expect(text).toContain('Your Discord account @member is now linked to the Roblox account Bob (@builder_bob)');
		expect(text).toContain(`user id ${ROBLOX_ID}`);
		expect(text).toContain('Your roles in Roblox Fans were updated: Badge Holder.');
		expect(text).toContain('You can close this tab now.');
		const link = await bot.app.ctx.stores.links.getByDiscord(MEMBER_ID);
		expect(link).toMatchObject({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'builder_bob',
			method: 'oauth',
		});
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		expect(
			world.guild.auditLog.some((entry) => entry.userId === MEMBER_ID && entry.reason === 'Rolink: account linked'),
		).toBe(true);
		// Identity scopes only: no Roblox token kept (here or at Roblox), the Discord token revoked.
		expect(await bot.app.ctx.stores.tokens.get(MEMBER_ID)).toBeNull();
		expect(world.roblox.oauth.liveRefreshTokens()).toHaveLength(0);
		expect(world.discord.oauth.liveTokens()).toHaveLength(0);
		// The session cookie is gone, and it was HttpOnly + SameSite=Lax while it lived.
		const cookies = await context.cookies();
		expect(cookies.find((c) => c.name === 'rolink_flow')).toBeUndefined();

		// The same button a second time: refused, nothing changes.
		const again = await context.newPage();
		await again.goto(button.url as string);
		expect(await again.locator('h1').innerText()).toBe('Nothing was linked');
		expect(await again.locator('main').innerText()).toMatch(/already been used or has expired/);
	}, 60_000);
});

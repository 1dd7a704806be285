import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { request } from 'undici';
import { expect } from 'vitest';
import { FAKE_DISCORD_CLIENT_SECRET } from '../fakes/discord/oauth.js';
import type { World } from './world.js';
import { ROOT } from './world.js';

export const ROBLOX_CLIENT_ID = '7700112233445566778';
export const ROBLOX_CLIENT_SECRET = 'RBX-fake-oauth-client-secret-0123456789';
export const TOKEN_KEY = randomBytes(32).toString('base64');

/** A port nobody listens on right now (the web service needs its public URL before it starts). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Environment for the web service against the fakes; registers the redirect URIs with both fake providers. */
export async function webEnv(
	world: World,
	opts: { inventoryScope?: boolean } = {},
): Promise<{ env: Record<string, string>; publicUrl: string }> {
	const port = await freePort();
	const publicUrl = `http://127.0.0.1:${port}`;
	world.discord.oauth.redirectUris.push(`${publicUrl}/callback/discord`);
	world.roblox.oauth.addClient({
		clientId: ROBLOX_CLIENT_ID,
		clientSecret: ROBLOX_CLIENT_SECRET,
		redirectUris: [`${publicUrl}/callback/roblox`],
	});
	return {
		publicUrl,
		env: {
			PUBLIC_URL: publicUrl,
			WEB_HOST: '127.0.0.1',
			WEB_PORT: String(port),
			DISCORD_CLIENT_ID: world.discord.applicationId,
			DISCORD_CLIENT_SECRET: FAKE_DISCORD_CLIENT_SECRET,
			DISCORD_OAUTH_URL: world.discord.oauthUrl,
			ROBLOX_OAUTH_CLIENT_ID: ROBLOX_CLIENT_ID,
			ROBLOX_OAUTH_CLIENT_SECRET: ROBLOX_CLIENT_SECRET,
			ROBLOX_OAUTH_DISCOVERY_URL: `${world.roblox.url}/oauth/.well-known/openid-configuration`,
			...(opts.inventoryScope ? { ROBLOX_OAUTH_INVENTORY_SCOPE: 'true', TOKEN_ENCRYPTION_KEY: TOKEN_KEY } : {}),
		},
	};
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const TEST_OUTPUT = join(ROOT, 'test-output');

/**
 * Headless Chromium from the system package (playwright's own download is unreachable here), in a fresh profile.
 * Missing browser: one line and null (the caller skips), except under CI=true, where it is a failure.
 */
export async function launchBrowser() {
	if (!existsSync(CHROMIUM_PATH)) {
		const line = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium): browser tests skipped.`;
		if (process.env.CI === 'true') throw new Error(line.replace('skipped', 'required in CI'));
		console.log(line);
		return null;
	}
	const { chromium } = await import('playwright-core');
	const profile = await mkdtemp(join(tmpdir(), 'rolink-chromium-'));
	await mkdir(TEST_OUTPUT, { recursive: true });
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	return {
		context,
		async close() {
			await context.close().catch(() => undefined);
			await rm(profile, { recursive: true, force: true });
		},
	};
}

/**
 * For describe.runIf: whether the browser tests run. Without Chromium they say so in one line and are skipped, except
 * under CI=true, where they run and fail in launchBrowser.
 */
export function browserTestsEnabled(): boolean {
	if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return true;
	console.log(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium): browser tests skipped.`);
	return false;
}

/** A tiny browser over undici: one cookie jar for 127.0.0.1 (cookies ignore ports), no automatic redirects. */
export class Browser {
	readonly cookies = new Map<string, string>();
	readonly setCookies: string[] = [];

	async get(url: string) {
		return this.#send('GET', url);
	}

	async post(url: string, form: URLSearchParams) {
		return this.#send('POST', url, form.toString());
	}

	async #send(method: 'GET' | 'POST', url: string, body?: string) {
		const headers: Record<string, string> = {};
		if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
		const res = await request(url, { method, headers, ...(body === undefined ? {} : { body }) });
		const text = await res.body.text();
		const raw = res.headers['set-cookie'];
		for (const line of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
			this.setCookies.push(line);
			const [pair] = line.split(';');
			const [name, value = ''] = pair!.split('=');
			if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name!.trim());
			else this.cookies.set(name!.trim(), value);
		}
		const location = res.headers.location;
		return { status: res.statusCode, text, location: typeof location === 'string' ? location : undefined };
	}
}

/** The consent page's form, submitted as the fake provider's "Authorize"/"Allow" button would. */
export async function consent(browser: Browser, authorizeUrl: string): Promise<string> {
	const page = await browser.get(authorizeUrl);
	expect(page.status, page.text).toBe(200);
	const target = new URL(authorizeUrl);
	const res = await browser.post(`${target.origin}${target.pathname}`, target.searchParams);
	expect(res.status, res.text).toBe(302);
	return res.location!;
}

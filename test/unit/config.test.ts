import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, parseConfig } from '../../src/config.js';

const valid = {
	DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz',
	ROBLOX_API_KEY: 'roblox-key-123456',
};

describe('parseConfig', () => {
	it('applies the documented defaults', () => {
		const config = parseConfig(valid);
		expect(config.discordApiUrl).toBe('https://discord.com/api');
		expect(config.robloxOpenCloudUrl).toBe('https://apis.roblox.com');
		expect(config.robloxUsersUrl).toBe('https://users.roblox.com');
		expect(config.robloxBadgesUrl).toBe('https://badges.roblox.com');
		expect(config.robloxThumbnailsUrl).toBe('https://thumbnails.roblox.com');
		expect(config.databaseUrl).toBe('sqlite://data/rolink.sqlite');
		expect(config.robloxInventoryRatePerMinute).toBe(100);
		expect(config.logLevel).toBe('info');
		expect(config.devGuildId).toBeUndefined();
		expect(config.shards).toBeUndefined();
	});

	it('DISCORD_SHARDS: auto or a whole number of shards', () => {
		expect(parseConfig({ ...valid, DISCORD_SHARDS: 'auto' }).shards).toBe('auto');
		expect(parseConfig({ ...valid, DISCORD_SHARDS: ' 4 ' }).shards).toBe(4);
	});

	it.each([
		[{}, 'DISCORD_TOKEN'],
		[{ DISCORD_TOKEN: valid.DISCORD_TOKEN }, 'ROBLOX_API_KEY'],
		[{ ...valid, DISCORD_TOKEN: `Bot ${valid.DISCORD_TOKEN}` }, 'DISCORD_TOKEN'],
		[{ ...valid, DISCORD_API_URL: 'discord' }, 'DISCORD_API_URL'],
		[{ ...valid, ROBLOX_OPEN_CLOUD_URL: 'ftp://x' }, 'ROBLOX_OPEN_CLOUD_URL'],
		[{ ...valid, DEV_GUILD_ID: 'my server' }, 'DEV_GUILD_ID'],
		[{ ...valid, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
		[{ ...valid, DATABASE_URL: 'data.sqlite' }, 'DATABASE_URL'],
		[{ ...valid, ROBLOX_INVENTORY_RATE_PER_MINUTE: '0' }, 'ROBLOX_INVENTORY_RATE_PER_MINUTE'],
		[{ ...valid, SWEEP_INTERVAL_HOURS: '-1' }, 'SWEEP_INTERVAL_HOURS'],
		[{ ...valid, DISCORD_SHARDS: '0' }, 'DISCORD_SHARDS'],
		[{ ...valid, DISCORD_SHARDS: '1.5' }, 'DISCORD_SHARDS'],
	])('names the variable in one line: %j', (env, variable) => {
		try {
			parseConfig(env);
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			expect((error as ConfigError).variable).toBe(variable);
			expect((error as Error).message).toContain(variable);
			expect((error as Error).message).not.toContain('\n');
		}
	});

	it('never echoes a secret in its errors', () => {
		const secret = 'Bot super-secret-token-value';
		expect(() => parseConfig({ ...valid, DISCORD_TOKEN: secret })).toThrow(/DISCORD_TOKEN/);
		try {
			parseConfig({ ...valid, DISCORD_TOKEN: secret });
		} catch (error) {
			expect((error as Error).message).not.toContain('super-secret');
		}
	});
});

describe('parseConfig: one-click linking', () => {
	const web = {
		PUBLIC_URL: 'https://rolink.example.com/',
		DISCORD_CLIENT_ID: '110000000000000001',
		DISCORD_CLIENT_SECRET: 'discord-secret',
		ROBLOX_OAUTH_CLIENT_ID: '7700112233',
		ROBLOX_OAUTH_CLIENT_SECRET: 'roblox-secret',
	};
	const key = Buffer.alloc(32, 7).toString('base64');

	it('is off without its variables, and on with all of them', () => {
		expect(parseConfig(valid).web).toBeUndefined();
		const config = parseConfig({ ...valid, ...web });
		expect(config.web).toMatchObject({
			publicUrl: 'https://rolink.example.com',
			secureCookies: true,
			port: 8080,
			inventoryScope: false,
			robloxDiscoveryUrl: 'https://apis.roblox.com/oauth/.well-known/openid-configuration',
			discordOAuthUrl: 'https://discord.com',
		});
		expect(parseConfig({ ...valid, ...web, PUBLIC_URL: 'http://localhost:3000' }).web?.secureCookies).toBe(false);
	});

	it('works with sharding (the web service runs in shard 0; tickets are in the store)', () => {
		const config = parseConfig({ ...valid, ...web, DISCORD_SHARDS: '2' });
		expect(config.shards).toBe(2);
		expect(config.web?.publicUrl).toBe('https://rolink.example.com');
	});

	it.each([
		[{ ...web, PUBLIC_URL: '' }, 'PUBLIC_URL'],
		[{ ...web, PUBLIC_URL: 'http://rolink.example.com' }, 'PUBLIC_URL'],
		[{ ...web, PUBLIC_URL: 'rolink.example.com' }, 'PUBLIC_URL'],
		[{ ...web, PUBLIC_URL: 'https://rolink.example.com/?x=1' }, 'PUBLIC_URL'],
		[{ ...web, DISCORD_CLIENT_ID: '' }, 'DISCORD_CLIENT_ID'],
		[{ ...web, DISCORD_CLIENT_ID: 'abc' }, 'DISCORD_CLIENT_ID'],
		[{ ...web, DISCORD_CLIENT_SECRET: '' }, 'DISCORD_CLIENT_SECRET'],
		[{ ...web, ROBLOX_OAUTH_CLIENT_ID: '' }, 'ROBLOX_OAUTH_CLIENT_ID'],
		[{ ...web, ROBLOX_OAUTH_CLIENT_SECRET: 'two words' }, 'ROBLOX_OAUTH_CLIENT_SECRET'],
		[{ DISCORD_CLIENT_SECRET: 'x' }, 'PUBLIC_URL'],
		[{ ...web, ROBLOX_OAUTH_INVENTORY_SCOPE: 'true' }, 'TOKEN_ENCRYPTION_KEY'],
		[{ ...web, ROBLOX_OAUTH_INVENTORY_SCOPE: 'true', TOKEN_ENCRYPTION_KEY: 'short' }, 'TOKEN_ENCRYPTION_KEY'],
		[{ ...web, ROBLOX_OAUTH_INVENTORY_SCOPE: 'maybe', TOKEN_ENCRYPTION_KEY: key }, 'ROBLOX_OAUTH_INVENTORY_SCOPE'],
		[{ ...web, WEB_PORT: '70000' }, 'WEB_PORT'],
		[{ ...web, ROBLOX_OAUTH_DISCOVERY_URL: 'ftp://x' }, 'ROBLOX_OAUTH_DISCOVERY_URL'],
		[{ ...web, ROBLOX_OAUTH_DISCOVERY_URL: 'http://evil.example/.well-known/x' }, 'ROBLOX_OAUTH_DISCOVERY_URL'],
	])('names the variable in one line: %o', (extra, variable) => {
		let error: unknown;
		try {
			parseConfig({ ...valid, ...extra });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).variable).toBe(variable);
		expect((error as Error).message).not.toContain('\n');
	});

	it('takes a 32-byte key as base64 or hex, and lists every secret for the logger to scrub', () => {
		const hex = Buffer.alloc(32, 9).toString('hex');
		for (const k of [key, hex]) {
			const config = parseConfig({ ...valid, ...web, ROBLOX_OAUTH_INVENTORY_SCOPE: 'true', TOKEN_ENCRYPTION_KEY: k });
			expect(config.web?.tokenEncryptionKey?.length).toBe(32);
			expect(configSecrets(config)).toEqual(expect.arrayContaining(['discord-secret', 'roblox-secret', k]));
		}
	});
});

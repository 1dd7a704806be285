import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

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

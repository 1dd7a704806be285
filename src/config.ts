import { existsSync } from 'node:fs';

/**
 * Configuration is read once, at start-up, from the environment (and `.env`). Every problem becomes a ConfigError
 * whose message is one line naming the variable and what to do; main prints it without a stack trace.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
	discordToken: string;
	/** REST base without the version, passed to discord.js as `rest.api`. */
	discordApiUrl: string;
	/** When set, commands are registered to this guild only (instant updates while developing). */
	devGuildId?: string;
	robloxApiKey: string;
	robloxOpenCloudUrl: string;
	robloxUsersUrl: string;
	robloxBadgesUrl: string;
	robloxThumbnailsUrl: string;
	/** Inventory requests per minute the bot may spend (Roblox allows 100 per API-key owner). */
	robloxInventoryRatePerMinute: number;
	/**
	 * How many bot processes (or shards) spend the Roblox budgets of this API key. With a Redis store they share one
	 * window and this is only the safe share while Redis is down (each budget ÷ this); without Redis, always the share.
	 */
	robloxBudgetProcesses: number;
	databaseUrl: string;
	logLevel: LogLevel;
	/** Hours between two re-verification sweeps of a member; 0 switches the sweep off. */
	sweepIntervalHours: number;
	/** Register slash commands at start-up when they differ from Discord's copy. */
	registerCommands: boolean;
	/**
	 * DISCORD_SHARDS: run discord.js sharding, one process per shard (src/shards.ts); 'auto' takes Discord's
	 * recommended count. Absent: one process, no sharding.
	 */
	shards?: 'auto' | number;
	/** One-click linking through Discord's and Roblox's OAuth; absent when the operator did not configure it. */
	web?: WebConfig;
}

export interface WebConfig {
	/** Where members' browsers reach the web service (no trailing slash); redirect URIs are built from it. */
	publicUrl: string;
	/** Cookies get `Secure` when the public URL is HTTPS. */
	secureCookies: boolean;
	host: string;
	port: number;
	discordClientId: string;
	discordClientSecret: string;
	/** Origin of Discord's OAuth2 pages and API (https://discord.com). */
	discordOAuthUrl: string;
	robloxClientId: string;
	robloxClientSecret: string;
	/** Roblox's OIDC discovery document. */
	robloxDiscoveryUrl: string;
	/** Ask for user.inventory-item:read too (Roblox may refuse it to account-linking apps). */
	inventoryScope: boolean;
	/** 32 bytes for AES-256-GCM; required with the inventory scope (refresh tokens are kept, encrypted). */
	tokenEncryptionKey?: Buffer;
}

export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		message: string,
	) {
		super(`Configuration error: ${variable} ${message}`);
		this.name = 'ConfigError';
	}
}

export const DEFAULT_DATABASE_URL = 'sqlite://data/rolink.sqlite';

type Env = Record<string, string | undefined>;

const SNOWFLAKE = /^\d{17,20}$/;
// Discord bot tokens are three dot-separated base64url parts; a pasted "Bot " prefix or quotes are common mistakes.
const DISCORD_TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

function read(env: Env, name: string): string | undefined {
	const value = env[name]?.trim();
	return value === undefined || value === '' ? undefined : value;
}

function required(env: Env, name: string, help: string): string {
	const value = read(env, name);
	if (value === undefined) throw new ConfigError(name, `is missing. ${help}`);
	return value;
}

function url(env: Env, name: string, fallback: string): string {
	const value = read(env, name) ?? fallback;
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw new ConfigError(name, `must be an http(s) URL such as ${fallback}; got something that is not a URL.`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new ConfigError(name, `must start with http:// or https:// (default ${fallback}).`);
	}
	return value.replace(/\/+$/, '');
}

function positiveNumber(env: Env, name: string, fallback: number, { allowZero = false, integer = false } = {}): number {
	const raw = read(env, name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
	if (!ok) {
		throw new ConfigError(
			name,
			`must be a ${integer ? 'whole ' : ''}number ${allowZero ? '0 or more' : 'above 0'} (default ${fallback}); got "${raw}".`,
		);
	}
	return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
	const raw = read(env, name)?.toLowerCase();
	if (raw === undefined) return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	throw new ConfigError(name, `must be true or false; got "${raw}".`);
}

export function parseConfig(env: Env): Config {
	const discordToken = required(
		env,
		'DISCORD_TOKEN',
		'Copy the bot token from https://discord.com/developers/applications (your app → Bot → Reset Token) into .env as DISCORD_TOKEN=… (see .env.example).',
	);
	if (!DISCORD_TOKEN_SHAPE.test(discordToken)) {
		throw new ConfigError(
			'DISCORD_TOKEN',
			'does not look like a bot token (three dot-separated parts, no "Bot " prefix, no quotes or spaces). Copy it again from the Developer Portal → Bot → Reset Token.',
		);
	}
	const robloxApiKey = required(
		env,
		'ROBLOX_API_KEY',
		'Create an Open Cloud API key at https://create.roblox.com/dashboard/credentials with the user.inventory-item:read and user:read permissions (README: "Roblox API key") and put it in .env as ROBLOX_API_KEY=….',
	);
	if (/\s/.test(robloxApiKey))
		throw new ConfigError('ROBLOX_API_KEY', 'contains spaces or line breaks; paste the key again as one line.');

	const devGuildId = read(env, 'DEV_GUILD_ID');
	if (devGuildId !== undefined && !SNOWFLAKE.test(devGuildId)) {
		throw new ConfigError(
			'DEV_GUILD_ID',
			`must be a server id (17 to 20 digits; Developer Mode → right-click the server → Copy Server ID); got "${devGuildId}".`,
		);
	}

	const logLevel = (read(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
	if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
		throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
	}

	const databaseUrl = read(env, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL;
	if (!/^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/.test(databaseUrl)) {
		throw new ConfigError(
			'DATABASE_URL',
			`must be a Keyv connection string such as ${DEFAULT_DATABASE_URL}, redis://localhost:6379 or postgres://user:pass@host/db.`,
		);
	}

	const web = parseWebConfig(env);
	const shards = parseShards(env);
	return {
		...(web ? { web } : {}),
		...(shards === undefined ? {} : { shards }),
		discordToken,
		discordApiUrl: url(env, 'DISCORD_API_URL', 'https://discord.com/api'),
		...(devGuildId === undefined ? {} : { devGuildId }),
		robloxApiKey,
		robloxOpenCloudUrl: url(env, 'ROBLOX_OPEN_CLOUD_URL', 'https://apis.roblox.com'),
		robloxUsersUrl: url(env, 'ROBLOX_USERS_URL', 'https://users.roblox.com'),
		robloxBadgesUrl: url(env, 'ROBLOX_BADGES_URL', 'https://badges.roblox.com'),
		robloxThumbnailsUrl: url(env, 'ROBLOX_THUMBNAILS_URL', 'https://thumbnails.roblox.com'),
		robloxInventoryRatePerMinute: positiveNumber(env, 'ROBLOX_INVENTORY_RATE_PER_MINUTE', 100, { integer: true }),
		robloxBudgetProcesses: positiveNumber(env, 'ROBLOX_BUDGET_PROCESSES', 1, { integer: true }),
		databaseUrl,
		logLevel: logLevel as LogLevel,
		sweepIntervalHours: positiveNumber(env, 'SWEEP_INTERVAL_HOURS', 24, { allowZero: true }),
		registerCommands: boolean(env, 'REGISTER_COMMANDS', true),
	};
}

/** Not SHARDS or SHARD_COUNT: discord.js reads those itself (it sets them for each shard process it starts). */
function parseShards(env: Env): 'auto' | number | undefined {
	const raw = read(env, 'DISCORD_SHARDS')?.toLowerCase();
	if (raw === undefined || raw === 'auto') return raw;
	const count = Number(raw);
	if (!Number.isInteger(count) || count < 1)
		throw new ConfigError(
			'DISCORD_SHARDS',
			`must be auto (Discord's recommended count) or a whole number of shards, 1 or more; got "${raw}".`,
		);
	return count;
}

const WEB_VARIABLES = [
	'PUBLIC_URL',
	'DISCORD_CLIENT_ID',
	'DISCORD_CLIENT_SECRET',
	'ROBLOX_OAUTH_CLIENT_ID',
	'ROBLOX_OAUTH_CLIENT_SECRET',
] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The web service is on when any of its variables is set; then all of them must be, or start-up stops naming the
 * missing one (a half-configured OAuth app would only fail later, in a member's browser).
 */
function parseWebConfig(env: Env): WebConfig | undefined {
	if (!WEB_VARIABLES.some((name) => read(env, name) !== undefined)) return undefined;
	const publicUrl = required(
		env,
		'PUBLIC_URL',
		'Set it to the HTTPS address members reach the web service at (e.g. https://rolink.example.com), or remove the OAuth variables to link by profile code only.',
	);
	let parsed: URL;
	try {
		parsed = new URL(publicUrl);
	} catch {
		throw new ConfigError('PUBLIC_URL', `must be a URL such as https://rolink.example.com; got "${publicUrl}".`);
	}
	const loopback = LOOPBACK.has(parsed.hostname);
	if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
		throw new ConfigError(
			'PUBLIC_URL',
			'must start with https:// (Roblox accepts plain http:// redirect URIs only for localhost while testing).',
		);
	}
	if (parsed.search || parsed.hash) throw new ConfigError('PUBLIC_URL', 'must not have a query string or a # part.');
	const secret = (name: string, help: string) => {
		const value = required(env, name, help);
		if (/\s/.test(value)) throw new ConfigError(name, 'contains spaces or line breaks; paste it again as one line.');
		return value;
	};
	const discordClientId = required(
		env,
		'DISCORD_CLIENT_ID',
		'Copy the application id from the Developer Portal (your app → OAuth2 → Client ID).',
	);
	if (!SNOWFLAKE.test(discordClientId))
		throw new ConfigError(
			'DISCORD_CLIENT_ID',
			`must be the application id (17 to 20 digits); got "${discordClientId}".`,
		);
	const inventoryScope = boolean(env, 'ROBLOX_OAUTH_INVENTORY_SCOPE', false);
	const key = read(env, 'TOKEN_ENCRYPTION_KEY');
	if (inventoryScope && key === undefined) {
		throw new ConfigError(
			'TOKEN_ENCRYPTION_KEY',
			'is missing; ROBLOX_OAUTH_INVENTORY_SCOPE keeps Roblox refresh tokens, encrypted with this key. Generate one with `openssl rand -base64 32`.',
		);
	}
	const tokenEncryptionKey = key === undefined ? undefined : parseKey(key);
	const robloxDiscoveryUrl = url(
		env,
		'ROBLOX_OAUTH_DISCOVERY_URL',
		'https://apis.roblox.com/oauth/.well-known/openid-configuration',
	);
	// Sign-ins are only as trustworthy as this document: plain http only to a server on this machine.
	if (robloxDiscoveryUrl.startsWith('http:') && !LOOPBACK.has(new URL(robloxDiscoveryUrl).hostname))
		throw new ConfigError('ROBLOX_OAUTH_DISCOVERY_URL', 'must be https:// (plain http:// only for localhost).');
	const port = positiveNumber(env, 'WEB_PORT', 8080, { integer: true, allowZero: true });
	if (port > 65535) throw new ConfigError('WEB_PORT', `must be a port number (0 to 65535); got "${port}".`);
	return {
		publicUrl: publicUrl.replace(/\/+$/, ''),
		secureCookies: parsed.protocol === 'https:',
		host: read(env, 'WEB_HOST') ?? '0.0.0.0',
		port,
		discordClientId,
		discordClientSecret: secret(
			'DISCORD_CLIENT_SECRET',
			'Copy it from the Developer Portal (your app → OAuth2 → Client Secret → Reset Secret).',
		),
		discordOAuthUrl: url(env, 'DISCORD_OAUTH_URL', 'https://discord.com'),
		robloxClientId: secret(
			'ROBLOX_OAUTH_CLIENT_ID',
			'Create an OAuth 2.0 app at https://create.roblox.com/dashboard/credentials (README: "Roblox OAuth app") and copy its client id.',
		),
		robloxClientSecret: secret(
			'ROBLOX_OAUTH_CLIENT_SECRET',
			'Copy the secret shown when you created the Roblox OAuth app (or generate a new one there).',
		),
		robloxDiscoveryUrl,
		inventoryScope,
		...(tokenEncryptionKey ? { tokenEncryptionKey } : {}),
	};
}

/** 32 bytes, written as base64 (44 characters) or hex (64). */
function parseKey(raw: string): Buffer {
	const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
	if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(raw) && key.toString('base64') !== raw)) {
		throw new ConfigError(
			'TOKEN_ENCRYPTION_KEY',
			'must be 32 random bytes as base64 (44 characters) or hex (64 characters); generate one with `openssl rand -base64 32`.',
		);
	}
	return key;
}

/** Every secret value in the config, for the logger to scrub from every line. */
export function configSecrets(config: Config): string[] {
	const web = config.web;
	return [
		config.discordToken,
		config.robloxApiKey,
		...(web ? [web.discordClientSecret, web.robloxClientSecret] : []),
		...(web?.tokenEncryptionKey
			? [web.tokenEncryptionKey.toString('base64'), web.tokenEncryptionKey.toString('hex')]
			: []),
	];
}

/** Loads `.env` from the working directory when present; real environment variables win over the file. */
export function loadDotEnv(path = '.env'): void {
	if (!existsSync(path)) return;
	try {
		process.loadEnvFile(path);
	} catch (error) {
		throw new ConfigError(
			'.env',
			`could not be read (${(error as Error).message}). Each line must look like NAME=value.`,
		);
	}
}

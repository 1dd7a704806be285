import { Client, DefaultRestOptions, GatewayIntentBits, Options, Partials, type RESTOptions } from 'discord.js';
import { Headers } from 'undici';
import type { Config } from '../config.js';

/**
 * The discord.js client. Server Members is the one privileged intent we need (member joins and listing members for
 * bulk runs); no message content, no presences. Mentions parse nothing by default, for every message we send.
 */
export function createDiscordClient(config: Pick<Config, 'discordApiUrl'>): Client {
	return new Client({
		// GuildMessages (not privileged, no content) only so a deleted verify panel is noticed; messages are not cached,
		// so deletes arrive as partials.
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages],
		partials: [Partials.GuildMember, Partials.Message],
		allowedMentions: { parse: [], repliedUser: false },
		rest: { api: config.discordApiUrl, makeRequest: sendWithEncodedForm },
		// Members are fetched when needed; keeping every member of every guild in memory would grow with the guilds.
		makeCache: Options.cacheWithLimits({
			...Options.DefaultMakeCacheSettings,
			MessageManager: 0,
			PresenceManager: 0,
			ReactionManager: 0,
			GuildMemberManager: { maxSize: 2_000, keepOverLimit: (member) => member.id === member.client.user.id },
		}),
		sweepers: { ...Options.DefaultSweeperSettings },
	});
}

/**
 * discord.js's own request strategy, with multipart bodies encoded first. package.json's `overrides` gives
 * @discordjs/rest the bot's undici 7 instead of a second copy (undici 6, about 8 MB of start-up memory), and undici 7's
 * `request()` no longer encodes a FormData body: file uploads (`/settings export`) would reach Discord empty. Node's
 * own Response encodes it (multipart, with its boundary in the content type); every other body passes through as is.
 */
const sendWithEncodedForm: RESTOptions['makeRequest'] = async (url, init) => {
	if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
	const encoded = new Response(init.body);
	const headers = {
		...Object.fromEntries(new Headers(init.headers)),
		'content-type': encoded.headers.get('content-type')!,
	};
	return DefaultRestOptions.makeRequest(url, { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) });
};

/** Plain explanations for the gateway close codes that mean "fix your configuration". */
export const FATAL_GATEWAY_CODES: Record<number, string> = {
	4004: 'Discord rejected DISCORD_TOKEN (gateway close 4004). Reset the token in the Developer Portal (your app → Bot → Reset Token) and put the new one in .env.',
	4011: 'Discord requires sharding for this many servers (gateway close 4011). Set DISCORD_SHARDS=auto (README: "Running more than one process").',
	4014: 'Discord refused the Server Members intent (gateway close 4014). Turn on "Server Members Intent" in the Developer Portal (your app → Bot → Privileged Gateway Intents), then start Rolink again.',
};

/** The same as 4004, for Discord's REST answer to a wrong token (the first call, GET /gateway/bot). */
/** Network failures that mean "this machine cannot reach Discord", not a bug: said in one line at start-up. */
const UNREACHABLE_CODES = new Set([
	'ENOTFOUND',
	'EAI_AGAIN',
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** The one-line explanation for a failed login that never reached Discord, or undefined for anything else. */
export function unreachableDiscord(error: unknown, apiUrl: string): string | undefined {
	for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && UNREACHABLE_CODES.has(code))
			return `Could not reach Discord at ${new URL(apiUrl).host} (${code}). Check this machine's internet connection, DNS and firewall (or DISCORD_API_URL), then start Rolink again.`;
	}
	return undefined;
}

export const TOKEN_REJECTED_HTTP = FATAL_GATEWAY_CODES[4004]!.replace(' (gateway close 4004)', ' (HTTP 401)');

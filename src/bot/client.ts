import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
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
		rest: { api: config.discordApiUrl },
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

/** Plain explanations for the gateway close codes that mean "fix your configuration". */
export const FATAL_GATEWAY_CODES: Record<number, string> = {
	4004: 'Discord rejected DISCORD_TOKEN (gateway close 4004). Reset the token in the Developer Portal (your app → Bot → Reset Token) and put the new one in .env.',
	4014: 'Discord refused the Server Members intent (gateway close 4014). Turn on "Server Members Intent" in the Developer Portal (your app → Bot → Privileged Gateway Intents), then start Rolink again.',
};

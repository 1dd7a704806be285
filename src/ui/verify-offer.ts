import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { linkUrl, type LinkTickets, WEB_FLOW_TTL_MS } from '../linking/oauth-link.js';
import type { Translator } from './i18n.js';

/**
 * What /verify shows an unlinked member when one-click linking is configured: a one-use "Link with Roblox" link
 * button made for them and this server. One function, so every place that starts linking (the command, a panel
 * button) offers the same thing.
 */
export async function oauthVerifyOffer(
	t: Translator,
	web: { publicUrl: string; tickets: LinkTickets },
	discordId: string,
	guildId: string,
): Promise<{ content: string; components: ActionRowBuilder<ButtonBuilder>[] }> {
	const ticket = await web.tickets.create({ discordId, guildId });
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setLabel(t('verifyLinkLabel'))
			.setStyle(ButtonStyle.Link)
			.setURL(linkUrl(web.publicUrl, ticket)),
	);
	return { content: t('verifyOAuthOffer', { minutes: Math.round(WEB_FLOW_TTL_MS / 60_000) }), components: [row] };
}

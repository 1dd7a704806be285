import { EmbedBuilder, type ActionRowBuilder, type ButtonBuilder, type Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { GuildStore } from '../store/guilds.js';
import { translator, type Translator } from '../ui/i18n.js';

/** An audit entry, worded when posted, in the server's language. */
export type AuditEntry = (t: Translator) => { title: string; lines: string[] };

/**
 * Posts to a guild's audit-log channel when one is set. Best effort: a deleted channel or a missing permission is
 * logged, never thrown, because an audit post must not undo or block the change it reports. The channel is public
 * to the staff: entries are in the server's preferred language.
 */
export class AuditLog {
	constructor(
		private readonly client: Client,
		private readonly guilds: Pick<GuildStore, 'get'>,
		private readonly logger: Logger,
	) {}

	/** `components`: buttons for admins (checked when pressed, like every privileged button). */
	async post(guildId: string, entry: AuditEntry, components: ActionRowBuilder<ButtonBuilder>[] = []): Promise<void> {
		try {
			const { settings } = await this.guilds.get(guildId);
			if (!settings.auditChannelId) return;
			const { title, lines } = entry(translator(this.client.guilds.cache.get(guildId)?.preferredLocale));
			const channel = await this.client.channels.fetch(settings.auditChannelId).catch(() => null);
			if (!channel?.isSendable()) {
				this.logger.warn({ guildId, channelId: settings.auditChannelId }, 'audit channel missing or not sendable');
				return;
			}
			const description = lines.join('\n').slice(0, 4000) || '—';
			await channel.send({
				embeds: [new EmbedBuilder().setTitle(title).setDescription(description).setTimestamp(new Date())],
				...(components.length ? { components } : {}),
				allowedMentions: { parse: [] },
			});
		} catch (error) {
			this.logger.warn({ err: error, guildId }, 'audit post failed');
		}
	}
}

import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	Events,
	type Client,
	type Message,
	type PartialMessage,
} from 'discord.js';
import type { Logger } from '../logger.js';
import type { GuildStore } from '../store/guilds.js';
import type { Translator } from '../ui/i18n.js';
import { customId } from './command.js';

/**
 * The verify panel: a message anyone can press Verify on. The button's custom id is static and names the verify
 * command, so the router hands a press to /verify's own flow, after any restart, with no state behind it.
 */
export const PANEL_BUTTON_ID = customId('verify', 'panel');
/** Well inside an embed description (4096); the option's own cap. */
export const PANEL_TEXT_MAX = 1500;

/** The panel is public: `t` is the server's language. */
export function renderPanel(t: Translator, text: string | undefined) {
	const embed = new EmbedBuilder().setTitle(t('panelTitle')).setDescription(text ?? t('panelDefaultText'));
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder().setCustomId(PANEL_BUTTON_ID).setLabel(t('panelVerifyLabel')).setStyle(ButtonStyle.Success),
	);
	return { embeds: [embed], components: [row], allowedMentions: { parse: [] } };
}

/** Notices a deleted panel message, so /settings show can say the panel is gone. */
export function attachPanelWatch(client: Client, deps: { guilds: GuildStore; logger: Logger }): void {
	const onDelete = async (message: Message | PartialMessage) => {
		if (!message.guildId) return;
		try {
			const { settings } = await deps.guilds.get(message.guildId);
			const panel = settings.panel;
			if (!panel || panel.messageId !== message.id || panel.deletedAt) return;
			await deps.guilds.updateSettings(message.guildId, { panel: { ...panel, deletedAt: new Date().toISOString() } });
			deps.logger.info({ guildId: message.guildId, messageId: message.id }, 'verify panel deleted');
		} catch (error) {
			deps.logger.warn({ err: error, guildId: message.guildId }, 'could not note a deleted verify panel');
		}
	};
	client.on(Events.MessageDelete, (message) => void onDelete(message));
	client.on(Events.MessageBulkDelete, (messages) => {
		for (const message of messages.values()) void onDelete(message);
	});
}

import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { renderProgress } from '../src/bot/bulk-ports.js';
import { requirePermission } from '../src/bot/guards.js';
import { userError } from '../src/errors.js';
import { RunAlreadyActiveError } from '../src/roles/bulk.js';
import { localized } from '../src/ui/command-locales.js';
import { translator } from '../src/ui/i18n.js';

const data = localized(new SlashCommandBuilder(), 'update-all')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const t = translator(interaction.locale);
		// The progress message is public: the server's language, not the admin's.
		const guildT = translator(interaction.guildLocale);
		if (ctx.bulk.isRunning(interaction.guildId)) throw userError('bulkAlreadyRunning');
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		// Progress goes in a normal channel message, not the interaction reply: it can be edited after the 15-minute
		// interaction token expires and after a restart, and everyone with access sees the run.
		const channel = await ctx.client.channels.fetch(interaction.channelId).catch(() => null);
		const me = interaction.guild.members.me;
		const canPost =
			channel !== null &&
			!channel.isDMBased() &&
			channel.isSendable() &&
			me !== null &&
			channel
				.permissionsFor(me)
				.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
		const message = canPost
			? await channel.send({ content: guildT('bulkStarting'), allowedMentions: { parse: [] } }).catch(() => null)
			: null;
		try {
			const state = await ctx.bulk.start(
				interaction.guildId,
				interaction.user.id,
				message ? { progressChannelId: message.channelId, progressMessageId: message.id } : {},
			);
			await interaction.editReply({
				content: message ? t('bulkStarted', { url: message.url }) : t('bulkStartedNoProgress'),
			});
			if (message) await message.edit(renderProgress(state, guildT)).catch(() => undefined);
		} catch (error) {
			if (error instanceof RunAlreadyActiveError) throw userError('bulkAlreadyRunning');
			throw error;
		}
	},

	async button(interaction, ctx, [action]) {
		const t = translator(interaction.locale);
		if (action !== 'stop')
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const stopped = await ctx.bulk.stop(interaction.guildId);
		await interaction.editReply({ content: t(stopped ? 'bulkStopped' : 'bulkNotRunning') });
	},
} satisfies Command;

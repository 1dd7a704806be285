import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { renderProgress } from '../src/bot/bulk-ports.js';
import { requirePermission } from '../src/bot/guards.js';
import { UserError } from '../src/errors.js';
import { RunAlreadyActiveError } from '../src/roles/bulk.js';
import { strings } from '../src/ui/strings.js';

const data = new SlashCommandBuilder()
	.setName('update-all')
	.setDescription('Re-check the roles of every member of this server')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		if (ctx.bulk.isRunning(interaction.guildId)) throw new UserError(strings.bulkAlreadyRunning());
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
			? await channel.send({ content: strings.bulkStarting(), allowedMentions: { parse: [] } }).catch(() => null)
			: null;
		try {
			const state = await ctx.bulk.start(
				interaction.guildId,
				interaction.user.id,
				message ? { progressChannelId: message.channelId, progressMessageId: message.id } : {},
			);
			await interaction.editReply({
				content: message ? strings.bulkStarted(message.url) : strings.bulkStartedNoProgress(),
			});
			if (message) await message.edit(renderProgress(state)).catch(() => undefined);
		} catch (error) {
			if (error instanceof RunAlreadyActiveError) throw new UserError(strings.bulkAlreadyRunning());
			throw error;
		}
	},

	async button(interaction, ctx, [action]) {
		if (action !== 'stop')
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const stopped = await ctx.bulk.stop(interaction.guildId);
		await interaction.editReply({ content: stopped ? strings.bulkStopped() : strings.bulkNotRunning() });
	},
} satisfies Command;

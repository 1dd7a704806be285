import { SlashCommandBuilder } from '@discordjs/builders';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, InteractionContextType, MessageFlags } from 'discord.js';
import { customId, type Command } from '../src/bot/command.js';
import { describeSync } from '../src/ui/role-summary.js';
import { strings } from '../src/ui/strings.js';

const data = new SlashCommandBuilder()
	.setName('unlink')
	.setDescription('Unlink your Discord account from your Roblox account')
	.setContexts(InteractionContextType.Guild);

export default {
	data,
	async execute(interaction, ctx) {
		const link = await ctx.stores.links.getByDiscord(interaction.user.id);
		if (!link) return void (await interaction.reply({ content: strings.notLinked(), flags: MessageFlags.Ephemeral }));
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder().setCustomId(customId('unlink', 'confirm', interaction.user.id)).setLabel('Unlink').setStyle(ButtonStyle.Danger),
			new ButtonBuilder().setCustomId(customId('unlink', 'cancel', interaction.user.id)).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
		);
		await interaction.reply({ content: strings.unlinkConfirm(link.robloxName ?? link.robloxId), components: [row], flags: MessageFlags.Ephemeral });
	},

	async button(interaction, ctx, [action, ownerId]) {
		if (interaction.user.id !== ownerId) return void (await interaction.reply({ content: strings.notYourButton(), flags: MessageFlags.Ephemeral }));
		if (action === 'cancel') return void (await interaction.update({ content: strings.unlinkCancelled(), components: [] }));
		if (action !== 'confirm') return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		await interaction.deferUpdate();
		const link = await ctx.stores.links.remove(interaction.user.id);
		if (!link) return void (await interaction.editReply({ content: strings.notLinked(), components: [] }));
		ctx.logger.info({ discordId: link.discordId, robloxId: link.robloxId }, 'account unlinked');
		void ctx.members.audit.post(interaction.guildId, 'Account unlinked', [`<@${link.discordId}> unlinked from ${link.robloxName ?? link.robloxId} (${link.robloxId})`]);
		// Unlinked members lose the roles Rolink manages (bound roles, verified role) here and in every shared server.
		const member = await interaction.guild.members.fetch(interaction.user.id);
		const result = await ctx.members.sync(member, { trigger: 'unlink', priority: 'interactive', link: null });
		void ctx.members.refreshEverywhere(interaction.user.id, 'unlink', interaction.guildId);
		await interaction.editReply({ content: `${strings.unlinkDone(link.robloxName ?? link.robloxId)}\n${describeSync(result)}`, components: [] });
	},
} satisfies Command;

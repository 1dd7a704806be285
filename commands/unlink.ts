import { SlashCommandBuilder } from '@discordjs/builders';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
} from 'discord.js';
import { customId, type Command } from '../src/bot/command.js';
import { requirePermission } from '../src/bot/guards.js';
import { describeSync } from '../src/ui/role-summary.js';
import { strings } from '../src/ui/strings.js';

const data = new SlashCommandBuilder()
	.setName('unlink')
	.setDescription("Unlink your Discord account from your Roblox account (admins: someone else's)")
	.setContexts(InteractionContextType.Guild)
	.addUserOption((option) =>
		option.setName('member').setDescription('Another member to unlink (needs Manage Server)').setRequired(false),
	);

export default {
	data,
	async execute(interaction, ctx) {
		const target = interaction.options.getUser('member') ?? interaction.user;
		const self = target.id === interaction.user.id;
		// Unlinking someone else takes their roles in every server: an admin action, checked at run time.
		if (!self) requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const link = await ctx.stores.links.getByDiscord(target.id);
		if (!link) {
			return void (await interaction.reply({
				content: self ? strings.notLinked() : strings.memberNotLinked(`<@${target.id}>`),
				flags: MessageFlags.Ephemeral,
			}));
		}
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(customId('unlink', 'confirm', interaction.user.id, target.id))
				.setLabel('Unlink')
				.setStyle(ButtonStyle.Danger),
			new ButtonBuilder()
				.setCustomId(customId('unlink', 'cancel', interaction.user.id, target.id))
				.setLabel('Cancel')
				.setStyle(ButtonStyle.Secondary),
		);
		const name = link.robloxName ?? link.robloxId;
		const content = self ? strings.unlinkConfirm(name) : strings.unlinkOtherConfirm(`<@${target.id}>`, name);
		await interaction.reply({ content, components: [row], flags: MessageFlags.Ephemeral });
	},

	async button(interaction, ctx, [action, ownerId, targetId = ownerId]) {
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: strings.notYourButton(), flags: MessageFlags.Ephemeral }));
		if (targetId !== ownerId) requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		if (action === 'cancel')
			return void (await interaction.update({ content: strings.unlinkCancelled(), components: [] }));
		if (action !== 'confirm' || !targetId)
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		await interaction.deferUpdate();
		const link = await ctx.stores.links.remove(targetId);
		if (!link) return void (await interaction.editReply({ content: strings.notLinked(), components: [] }));
		// A kept Roblox token (inventory scope) goes with the link: revoked at Roblox, deleted here.
		await ctx.memberTokens?.forget(targetId);
		const name = link.robloxName ?? link.robloxId;
		ctx.logger.info(
			{ discordId: link.discordId, robloxId: link.robloxId, by: interaction.user.id },
			'account unlinked',
		);
		const lines = [`<@${link.discordId}> unlinked from ${name} (${link.robloxId})`];
		if (targetId !== ownerId) lines.push(`By <@${ownerId}>`);
		void ctx.members.audit.post(interaction.guildId, 'Account unlinked', lines);
		// Unlinked members lose the roles Rolink manages (bound roles, verified role) here and in every shared server.
		const member = await interaction.guild.members.fetch(targetId).catch(() => null);
		const result = member
			? await ctx.members.sync(member, { trigger: 'unlink', priority: 'interactive', link: null })
			: null;
		void ctx.members.refreshEverywhere(targetId, 'unlink', interaction.guildId);
		const done = targetId === ownerId ? strings.unlinkDone(name) : strings.unlinkOtherDone(`<@${targetId}>`, name);
		await interaction.editReply({
			content: result ? `${done}\n${describeSync(result, { self: targetId === ownerId })}` : done,
			components: [],
		});
	},
} satisfies Command;

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
import { localized } from '../src/ui/command-locales.js';
import { translator } from '../src/ui/i18n.js';

const data = localized(new SlashCommandBuilder(), 'unlink')
	.setContexts(InteractionContextType.Guild)
	.addUserOption((option) => localized(option, 'unlink.member').setRequired(false));

export default {
	data,
	async execute(interaction, ctx) {
		const t = translator(interaction.locale);
		const target = interaction.options.getUser('member') ?? interaction.user;
		const self = target.id === interaction.user.id;
		// Unlinking someone else takes their roles in every server: an admin action, checked at run time.
		if (!self) requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const link = await ctx.stores.links.getByDiscord(target.id);
		if (!link) {
			return void (await interaction.reply({
				content: self ? t('notLinked') : t('memberNotLinked', { member: `<@${target.id}>` }),
				flags: MessageFlags.Ephemeral,
			}));
		}
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(customId('unlink', 'confirm', interaction.user.id, target.id))
				.setLabel(t('unlinkConfirmLabel'))
				.setStyle(ButtonStyle.Danger),
			new ButtonBuilder()
				.setCustomId(customId('unlink', 'cancel', interaction.user.id, target.id))
				.setLabel(t('unlinkCancelLabel'))
				.setStyle(ButtonStyle.Secondary),
		);
		const name = link.robloxName ?? link.robloxId;
		const content = self ? t('unlinkConfirm', { name }) : t('unlinkOtherConfirm', { member: `<@${target.id}>`, name });
		await interaction.reply({ content, components: [row], flags: MessageFlags.Ephemeral });
	},

	async button(interaction, ctx, [action, ownerId, targetId = ownerId]) {
		const t = translator(interaction.locale);
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: t('notYourButton'), flags: MessageFlags.Ephemeral }));
		if (targetId !== ownerId) requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		if (action === 'cancel') return void (await interaction.update({ content: t('unlinkCancelled'), components: [] }));
		if (action !== 'confirm' || !targetId)
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		await interaction.deferUpdate();
		const link = await ctx.stores.links.remove(targetId);
		if (!link) return void (await interaction.editReply({ content: t('notLinked'), components: [] }));
		// A kept Roblox token (inventory scope) goes with the link: revoked at Roblox, deleted here.
		await ctx.memberTokens?.forget(targetId);
		const name = link.robloxName ?? link.robloxId;
		ctx.logger.info(
			{ discordId: link.discordId, robloxId: link.robloxId, by: interaction.user.id },
			'account unlinked',
		);
		void ctx.members.audit.post(interaction.guildId, (at) => ({
			title: at('auditAccountUnlinked'),
			lines: [
				at('auditUnlinkedLine', { discordId: link.discordId, name, robloxId: link.robloxId }),
				...(targetId !== ownerId ? [at('auditBy', { userId: ownerId })] : []),
			],
		}));
		// Unlinked members lose the roles Rolink manages (bound roles, verified role) here and in every shared server.
		const member = await interaction.guild.members.fetch(targetId).catch(() => null);
		const result = member
			? await ctx.members.sync(member, { trigger: 'unlink', priority: 'interactive', link: null })
			: null;
		void ctx.members.refreshEverywhere(targetId, 'unlink', interaction.guildId);
		const done =
			targetId === ownerId ? t('unlinkDone', { name }) : t('unlinkOtherDone', { member: `<@${targetId}>`, name });
		await interaction.editReply({
			content: result ? `${done}\n${describeSync(t, result, { self: targetId === ownerId })}` : done,
			components: [],
		});
	},
} satisfies Command;

import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { requirePermission, takeRateLimit } from '../src/bot/guards.js';
import { userError } from '../src/errors.js';
import { describeSync } from '../src/ui/role-summary.js';
import { localized } from '../src/ui/command-locales.js';
import { translator } from '../src/ui/i18n.js';

const data = localized(new SlashCommandBuilder(), 'update')
	.setContexts(InteractionContextType.Guild)
	.addUserOption((option) => localized(option, 'update.member').setRequired(false));

export default {
	data,
	async execute(interaction, ctx) {
		const t = translator(interaction.locale);
		const target = interaction.options.getMember('member');
		const user = interaction.options.getUser('member');
		const self = !user || user.id === interaction.user.id;
		if (!self) requirePermission(interaction, PermissionFlagsBits.ManageRoles);
		if (user && !target) throw userError('memberLeft');
		takeRateLimit(ctx.limits.update, interaction.user.id);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const member = self ? interaction.member : target!;
		const link = await ctx.stores.links.getByDiscord(member.id);
		if (!link && self) throw userError('notLinked');
		const result = await ctx.members.sync(member, { trigger: 'update', priority: 'interactive', fresh: true, link });
		const mention = `<@${member.id}>`;
		const header = self
			? ''
			: `${link ? '' : `${t('memberNotLinked', { member: mention })}\n`}${t('updateOtherHeader', { member: mention })}\n`;
		await interaction.editReply({ content: `${header}${describeSync(t, result, { self })}` });
	},
} satisfies Command;

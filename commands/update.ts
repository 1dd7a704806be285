import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { requirePermission, takeRateLimit } from '../src/bot/guards.js';
import { UserError } from '../src/errors.js';
import { describeSync } from '../src/ui/role-summary.js';
import { strings } from '../src/ui/strings.js';

const data = new SlashCommandBuilder()
	.setName('update')
	.setDescription('Refresh your roles from what you own on Roblox (moderators: refresh someone else)')
	.setContexts(InteractionContextType.Guild)
	.addUserOption((option) =>
		option.setName('member').setDescription('Another member to refresh (needs Manage Roles)').setRequired(false),
	);

export default {
	data,
	async execute(interaction, ctx) {
		const target = interaction.options.getMember('member');
		const user = interaction.options.getUser('member');
		const self = !user || user.id === interaction.user.id;
		if (!self) requirePermission(interaction, PermissionFlagsBits.ManageRoles);
		if (user && !target) throw new UserError(strings.memberLeft());
		takeRateLimit(ctx.limits.update, interaction.user.id);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const member = self ? interaction.member : target!;
		const link = await ctx.stores.links.getByDiscord(member.id);
		if (!link && self) throw new UserError(strings.notLinked());
		const result = await ctx.members.sync(member, { trigger: 'update', priority: 'interactive', fresh: true, link });
		const header = self ? '' : `${link ? '' : `${strings.memberNotLinked(`<@${member.id}>`)}\n`}<@${member.id}>:\n`;
		await interaction.editReply({ content: `${header}${describeSync(result, { self })}` });
	},
} satisfies Command;

import { SlashCommandBuilder } from '@discordjs/builders';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	InteractionContextType,
	MessageFlags,
	ModalBuilder,
	TextInputBuilder,
	TextInputStyle,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type ModalSubmitInteraction,
} from 'discord.js';
import { customId, type Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { takeRateLimit } from '../src/bot/guards.js';
import { checkVerification, resolveRobloxAccount, startVerification } from '../src/linking/verification.js';
import { describeSync } from '../src/ui/role-summary.js';
import { oauthVerifyOffer } from '../src/ui/verify-offer.js';
import { strings } from '../src/ui/strings.js';

const profileUrl = (robloxId: string) => `https://www.roblox.com/users/${robloxId}/profile`;

const data = new SlashCommandBuilder()
	.setName('verify')
	.setDescription('Link your Roblox account (or refresh your roles if you are linked)')
	.setContexts(InteractionContextType.Guild)
	.addStringOption((option) =>
		option
			.setName('username')
			.setDescription('Your Roblox username or user id')
			.setMinLength(1)
			.setMaxLength(32)
			.setRequired(false),
	);

function linkingDeps(ctx: BotContext) {
	return { links: ctx.stores.links, pending: ctx.stores.pending, roblox: ctx.roblox, now: ctx.now };
}

async function syncAfterLink(interaction: ButtonInteraction<'cached'>, ctx: BotContext) {
	const member = await interaction.guild.members.fetch(interaction.user.id);
	return ctx.members.sync(member, { trigger: 'link', priority: 'interactive', fresh: true });
}

/** Where /verify can start: the command, the panel's Verify button, or the username modal. */
type StartInteraction =
	ChatInputCommandInteraction<'cached'> | ButtonInteraction<'cached'> | ModalSubmitInteraction<'cached'>;

/** The username the member typed in the modal (custom id `verify:username`). */
const USERNAME_FIELD = 'username';

/**
 * The /verify flow, in one place for every way in: refresh a linked member, or start linking an unlinked one (the
 * one-click offer, or the profile code for a username). The interaction is deferred privately already.
 */
async function startFlow(interaction: StartInteraction, ctx: BotContext, input: string | null): Promise<void> {
	takeRateLimit(ctx.limits.verify, interaction.user.id);
	const link = await ctx.stores.links.getByDiscord(interaction.user.id);
	// A link to an account Roblox no longer has counts as none: the member links another.
	if (link && !link.goneAt) {
		const result = await ctx.members.sync(interaction.member, {
			trigger: 'verify',
			priority: 'interactive',
			fresh: true,
			link,
		});
		const name = result.verdict.status === 'unlinked' ? (link.robloxName ?? link.robloxId) : result.verdict.roblox.name;
		await interaction.editReply({ content: `${strings.verifyAlreadyLinked(name)}\n${describeSync(result)}` });
		return;
	}
	// One-click linking is the main path when configured; a username asks for the profile code instead.
	if (!input && ctx.web) {
		await interaction.editReply(oauthVerifyOffer(ctx.web, interaction.user.id, interaction.guildId));
		return;
	}
	if (!input) {
		// A panel press has no options: a button opens the username form instead.
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(customId('verify', 'username'))
				.setLabel(strings.verifyEnterUsername())
				.setStyle(ButtonStyle.Primary),
		);
		await interaction.editReply({
			content: link?.goneAt
				? strings.verifyAccountGone(link.robloxName ?? link.robloxId)
				: strings.verifyNeedUsername(),
			components: [row],
		});
		return;
	}
	const account = await resolveRobloxAccount(ctx, input);
	const pending = await startVerification(linkingDeps(ctx), interaction.user.id, account);
	const avatar = await ctx.roblox.getAvatarHeadshotUrl(account.id);
	const embed = new EmbedBuilder()
		.setTitle(strings.robloxAccountTitle(account.displayName, account.name))
		.setURL(profileUrl(account.id))
		.setDescription(
			strings.verifyInstructions({
				name: account.name,
				displayName: account.displayName,
				code: pending.code,
				expiresAt: pending.expiresAt,
			}),
		)
		.setFooter({ text: `Roblox user id ${account.id}` });
	if (avatar) embed.setThumbnail(avatar);
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(customId('verify', 'check', interaction.user.id))
			.setLabel('Check')
			.setStyle(ButtonStyle.Primary),
		new ButtonBuilder().setLabel('Open profile').setStyle(ButtonStyle.Link).setURL(profileUrl(account.id)),
	);
	await interaction.editReply({ content: '', embeds: [embed], components: [row] });
}

export default {
	data,
	async execute(interaction, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		await startFlow(interaction, ctx, interaction.options.getString('username'));
	},

	async modal(interaction, ctx, [action]) {
		if (action !== 'username')
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		await startFlow(interaction, ctx, interaction.fields.getTextInputValue(USERNAME_FIELD).trim() || null);
	},

	async button(interaction, ctx, [action, ownerId]) {
		// The verify panel's button: the same flow as /verify, privately, for whoever pressed it.
		if (action === 'panel') {
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			return void (await startFlow(interaction, ctx, null));
		}
		if (action === 'username') {
			const field = new TextInputBuilder()
				.setCustomId(USERNAME_FIELD)
				.setLabel(strings.verifyUsernameLabel())
				.setStyle(TextInputStyle.Short)
				.setMinLength(1)
				.setMaxLength(32)
				.setRequired(true);
			return void (await interaction.showModal(
				new ModalBuilder()
					.setCustomId(customId('verify', 'username'))
					.setTitle(strings.verifyUsernameModalTitle())
					.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(field)),
			));
		}
		if (action !== 'check')
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: strings.verifyNotForYou(), flags: MessageFlags.Ephemeral }));
		takeRateLimit(ctx.limits.verify, interaction.user.id);
		await interaction.deferUpdate();
		const result = await checkVerification(linkingDeps(ctx), interaction.user.id);
		if (result.status === 'already-linked') {
			await interaction.editReply({
				content: strings.verifyLinked(result.link.robloxName ?? result.link.robloxId, false),
				embeds: [],
				components: [],
			});
			return;
		}
		if (result.status === 'expired') {
			await interaction.editReply({ content: strings.verifyCodeExpired(), embeds: [], components: [] });
			return;
		}
		if (result.status === 'code-missing') {
			await interaction.followUp({
				content: strings.verifyCodeNotFound(result.pending.expiresAt),
				flags: MessageFlags.Ephemeral,
			});
			return;
		}
		if (result.status === 'held') {
			const { holder } = result;
			void ctx.members.audit.post(interaction.guildId, 'Account proved twice at once', [
				`<@${interaction.user.id}> and <@${holder.discordId}> proved ${holder.robloxName ?? holder.robloxId} (${holder.robloxId}) at the same moment.`,
				`Kept the link of <@${holder.discordId}> (linked <t:${Math.floor(Date.parse(holder.linkedAt) / 1000)}:T>); <@${interaction.user.id}> was not linked and was told to try again.`,
			]);
			await interaction.followUp({ content: result.error.message, flags: MessageFlags.Ephemeral });
			return;
		}
		const { link, previousHolder } = result;
		ctx.logger.info(
			{ discordId: link.discordId, robloxId: link.robloxId, method: link.method, previousHolder },
			'account linked',
		);
		const lines = [`<@${link.discordId}> linked to ${link.robloxName ?? link.robloxId} (${link.robloxId})`];
		if (previousHolder) lines.push(`The account was linked to <@${previousHolder}> before; that link was removed.`);
		void ctx.members.audit.post(interaction.guildId, previousHolder ? 'Account taken over' : 'Account linked', lines);
		if (previousHolder) void ctx.members.refreshEverywhere(previousHolder, 'unlink');
		const sync = await syncAfterLink(interaction, ctx);
		// The answer says what the store holds now, not what this press wrote.
		const now = await ctx.stores.links.getByDiscord(interaction.user.id);
		if (now?.robloxId !== link.robloxId) {
			await interaction.editReply({
				content: strings.verifyLinkGoneSince(link.robloxName ?? link.robloxId),
				embeds: [],
				components: [],
			});
			return;
		}
		await interaction.editReply({
			content: `${strings.verifyLinked(link.robloxName ?? link.robloxId, previousHolder !== null)}\n${describeSync(sync)}`,
			embeds: [],
			components: [],
		});
	},
} satisfies Command;

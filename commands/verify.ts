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
import { localized } from '../src/ui/command-locales.js';
import { translator } from '../src/ui/i18n.js';

const profileUrl = (robloxId: string) => `https://www.roblox.com/users/${robloxId}/profile`;

const data = localized(new SlashCommandBuilder(), 'verify')
	.setContexts(InteractionContextType.Guild)
	.addStringOption((option) =>
		localized(option, 'verify.username').setMinLength(1).setMaxLength(32).setRequired(false),
	);

function linkingDeps(ctx: BotContext) {
	return {
		links: ctx.stores.links,
		pending: ctx.stores.pending,
		proofs: ctx.stores.proofs,
		roblox: ctx.roblox,
		now: ctx.now,
	};
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
	const t = translator(interaction.locale);
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
		await interaction.editReply({ content: `${t('verifyAlreadyLinked', { name })}\n${describeSync(t, result)}` });
		return;
	}
	// One-click linking is the main path when configured; a username asks for the profile code instead.
	if (!input && ctx.web) {
		await interaction.editReply(await oauthVerifyOffer(t, ctx.web, interaction.user.id, interaction.guildId));
		return;
	}
	if (!input) {
		// A panel press has no options: a button opens the username form instead.
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(customId('verify', 'username'))
				.setLabel(t('verifyEnterUsernameLabel'))
				.setStyle(ButtonStyle.Primary),
		);
		await interaction.editReply({
			content: link?.goneAt
				? t('verifyAccountGone', { name: link.robloxName ?? link.robloxId })
				: t('verifyNeedUsername'),
			components: [row],
		});
		return;
	}
	const account = await resolveRobloxAccount(ctx, input);
	const pending = await startVerification(linkingDeps(ctx), interaction.user.id, account);
	const avatar = await ctx.roblox.getAvatarHeadshotUrl(account.id);
	const embed = new EmbedBuilder()
		.setTitle(t('robloxAccountTitle', { displayName: account.displayName, name: account.name }))
		.setURL(profileUrl(account.id))
		.setDescription(
			t('verifyInstructions', {
				name: account.name,
				displayName: account.displayName,
				code: pending.code,
				expires: Math.floor(pending.expiresAt / 1000),
			}),
		)
		.setFooter({ text: t('verifyFooter', { id: account.id }) });
	if (avatar) embed.setThumbnail(avatar);
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(customId('verify', 'check', interaction.user.id))
			.setLabel(t('verifyCheckLabel'))
			.setStyle(ButtonStyle.Primary),
		new ButtonBuilder().setLabel(t('verifyOpenProfileLabel')).setStyle(ButtonStyle.Link).setURL(profileUrl(account.id)),
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
			return void (await interaction.reply({
				content: translator(interaction.locale)('staleComponent'),
				flags: MessageFlags.Ephemeral,
			}));
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		await startFlow(interaction, ctx, interaction.fields.getTextInputValue(USERNAME_FIELD).trim() || null);
	},

	async button(interaction, ctx, [action, ownerId]) {
		const t = translator(interaction.locale);
		// The verify panel's button: the same flow as /verify, privately, for whoever pressed it.
		if (action === 'panel') {
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			return void (await startFlow(interaction, ctx, null));
		}
		if (action === 'username') {
			const field = new TextInputBuilder()
				.setCustomId(USERNAME_FIELD)
				.setLabel(t('verifyUsernameInputLabel'))
				.setStyle(TextInputStyle.Short)
				.setMinLength(1)
				.setMaxLength(32)
				.setRequired(true);
			return void (await interaction.showModal(
				new ModalBuilder()
					.setCustomId(customId('verify', 'username'))
					.setTitle(t('verifyUsernameModalTitle'))
					.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(field)),
			));
		}
		if (action !== 'check')
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: t('verifyNotForYou'), flags: MessageFlags.Ephemeral }));
		takeRateLimit(ctx.limits.verify, interaction.user.id);
		await interaction.deferUpdate();
		const result = await checkVerification(linkingDeps(ctx), interaction.user.id);
		if (result.status === 'already-linked') {
			await interaction.editReply({
				content: t('verifyLinked', { name: result.link.robloxName ?? result.link.robloxId }),
				embeds: [],
				components: [],
			});
			return;
		}
		if (result.status === 'expired') {
			await interaction.editReply({ content: t('verifyCodeExpired'), embeds: [], components: [] });
			return;
		}
		if (result.status === 'code-missing') {
			await interaction.followUp({
				content: t('verifyCodeNotFound', { expires: Math.floor(result.pending.expiresAt / 1000) }),
				flags: MessageFlags.Ephemeral,
			});
			return;
		}
		if (result.status === 'held') {
			const { holder } = result;
			void ctx.members.audit.post(interaction.guildId, (at) => ({
				title: at('auditProvedTwice'),
				lines: [
					at('auditProvedTwiceLine', {
						userId: interaction.user.id,
						holderId: holder.discordId,
						name: holder.robloxName ?? holder.robloxId,
						robloxId: holder.robloxId,
					}),
					at('auditProvedTwiceKept', {
						holderId: holder.discordId,
						linkedAt: Math.floor(Date.parse(holder.linkedAt) / 1000),
						userId: interaction.user.id,
					}),
				],
			}));
			await interaction.followUp({ content: t.text(result.error.text), flags: MessageFlags.Ephemeral });
			return;
		}
		const { link, previousHolder } = result;
		ctx.logger.info(
			{ discordId: link.discordId, robloxId: link.robloxId, method: link.method, previousHolder },
			'account linked',
		);
		const name = link.robloxName ?? link.robloxId;
		void ctx.members.audit.post(interaction.guildId, (at) => ({
			title: at(previousHolder ? 'auditAccountTakenOver' : 'auditAccountLinked'),
			lines: [
				at('auditLinkedLine', { discordId: link.discordId, name, robloxId: link.robloxId }),
				...(previousHolder ? [at('auditTakenOverLine', { previous: previousHolder })] : []),
			],
		}));
		if (previousHolder) void ctx.members.refreshEverywhere(previousHolder, 'unlink');
		const sync = await syncAfterLink(interaction, ctx);
		// The answer says what the store holds now, not what this press wrote.
		const now = await ctx.stores.links.getByDiscord(interaction.user.id);
		if (now?.robloxId !== link.robloxId) {
			await interaction.editReply({
				content: t('verifyLinkGoneSince', { name }),
				embeds: [],
				components: [],
			});
			return;
		}
		await interaction.editReply({
			content: `${t(previousHolder ? 'verifyLinkedTookOver' : 'verifyLinked', { name })}\n${describeSync(t, sync)}`,
			embeds: [],
			components: [],
		});
	},
} satisfies Command;

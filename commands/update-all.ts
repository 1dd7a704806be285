import { SlashCommandBuilder } from '@discordjs/builders';
import {
	EmbedBuilder,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	type ButtonInteraction,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
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

	async button(interaction, ctx, [action, ...args]) {
		const t = translator(interaction.locale);
		if (action === 'held-apply' || action === 'held-discard') return decideHeld(interaction, ctx, action, args);
		if (action !== 'stop')
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const stopped = await ctx.bulk.stop(interaction.guildId);
		await interaction.editReply({ content: t(stopped ? 'bulkStopped' : 'bulkNotRunning') });
	},
} satisfies Command;

/**
 * Apply or Discard on a mass-removal notice (the run's progress message or the audit channel). The custom id is
 * static (`update-all:held-apply:<source>:<set id>`), so a press after a restart finds the set in the store.
 */
async function decideHeld(
	interaction: ButtonInteraction<'cached'>,
	ctx: BotContext,
	action: 'held-apply' | 'held-discard',
	[source = '', id = '']: string[],
): Promise<void> {
	requirePermission(interaction, PermissionFlagsBits.ManageGuild);
	const t = translator(interaction.locale);
	if (source !== 'bulk' && source !== 'sweep')
		return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
	const guildId = interaction.guildId;
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const decision = await ctx.held.decide(guildId, source, id, action === 'held-apply' ? 'apply' : 'discard');
	if (decision.kind === 'gone' || decision.kind === 'busy' || decision.kind === 'bindings-changed') {
		const key = decision.kind === 'gone' ? 'heldGone' : decision.kind === 'busy' ? 'heldBusy' : 'heldBindingsChanged';
		return void (await interaction.editReply({ content: t(key) }));
	}
	const by = interaction.user.id;
	const removed = decision.kind === 'applied' ? decision.removed : 0;
	void ctx.members.audit.post(guildId, (at) => ({
		title: at(decision.kind === 'applied' ? 'auditHeldApplied' : 'auditHeldDiscarded'),
		lines: [
			decision.kind === 'applied'
				? at('heldDecidedApplied', { userId: by, count: removed })
				: at('heldDecidedDiscarded', { userId: by }),
		],
	}));
	// The notice pressed loses its buttons and says what was decided (public: the server's language).
	const guildT = translator(interaction.guildLocale);
	const outcome =
		decision.kind === 'applied'
			? guildT('heldDecidedApplied', { userId: by, count: removed })
			: guildT('heldDecidedDiscarded', { userId: by });
	await interaction.message
		.edit({
			embeds: interaction.message.embeds.map((embed) =>
				EmbedBuilder.from(embed).addFields({ name: guildT('heldField'), value: outcome }),
			),
			components: [],
			allowedMentions: { parse: [] },
		})
		.catch((error: unknown) => ctx.logger.warn({ err: error, guildId }, 'could not update a held-removals notice'));
	if (source === 'bulk') await markRunDecided(ctx, guildId, id, decision.kind, by, removed);
	const failed =
		decision.kind === 'applied' && decision.failed > 0 ? ` ${t('heldApplyFailed', { count: decision.failed })}` : '';
	await interaction.editReply({
		content: decision.kind === 'applied' ? t('heldAppliedReply', { count: removed }) + failed : t('heldDiscardedReply'),
	});
}

/** The run's progress message shows the decision too, when it was made in the audit channel. */
async function markRunDecided(
	ctx: BotContext,
	guildId: string,
	id: string,
	kind: 'applied' | 'discarded',
	by: string,
	removed: number,
): Promise<void> {
	const state = await ctx.stores.runs.get(guildId);
	if (state?.held?.id !== id || state.status === 'running') return;
	state.held.decided = { action: kind, by, ...(kind === 'applied' ? { removed } : {}) };
	await ctx.stores.runs.save(state);
	if (!state.progressChannelId || !state.progressMessageId) return;
	const channel = await ctx.client.channels.fetch(state.progressChannelId).catch(() => null);
	if (!channel?.isSendable()) return;
	const guildT = translator(ctx.client.guilds.cache.get(guildId)?.preferredLocale);
	await channel.messages
		.edit(state.progressMessageId, renderProgress(state, guildT))
		.catch((error: unknown) => ctx.logger.warn({ err: error, guildId }, 'could not update the progress message'));
}

import { SlashCommandBuilder } from '@discordjs/builders';
import {
	ChannelType,
	EmbedBuilder,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	type ChatInputCommandInteraction,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { PANEL_TEXT_MAX, renderPanel } from '../src/bot/verify-panel.js';
import {
	exportAttachment,
	guildView,
	newImportToken,
	readUpload,
	renderImportPreview,
} from '../src/bot/settings-backup.js';
import { buildExport, ImportFileError, parseExportFile, planImport, type ImportPlan } from '../src/backup/format.js';
import { assertGivableRole, requirePermission } from '../src/bot/guards.js';
import { userError } from '../src/errors.js';
import { parsePositiveId } from '../src/linking/input.js';
import { nicknameTemplateProblem } from '../src/roles/nickname.js';
import { MAX_ACCOUNT_AGE_DAYS } from '../src/roles/restrictions.js';
import { BREAKER_MINIMUM_MAX, BREAKER_PERCENT_MAX, breakerSetting, type StoredBreaker } from '../src/roles/breaker.js';
import type { GuildSettings } from '../src/store/guilds.js';
import { localized, localizedChoices } from '../src/ui/command-locales.js';
import { SETTING_LABELS as LABELS } from '../src/ui/setting-labels.js';
import { translator, type Translator } from '../src/ui/i18n.js';

const CLEARABLE = {
	'verified-role': 'verifiedRoleId',
	'unverified-role': 'unverifiedRoleId',
	'audit-channel': 'auditChannelId',
	'nickname-template': 'nicknameTemplate',
	'nickname-group': 'nicknameGroupId',
	'min-account-age': 'minAccountAgeDays',
	'removal-breaker': 'removalBreaker',
} as const satisfies Record<string, keyof GuildSettings>;

const data = localized(new SlashCommandBuilder(), 'settings')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) => localized(sub, 'settings.show'))
	.addSubcommand((sub) =>
		localized(sub, 'settings.set')
			.addRoleOption((o) => localized(o, 'settings.set.verified-role'))
			.addRoleOption((o) => localized(o, 'settings.set.unverified-role'))
			.addChannelOption((o) => localized(o, 'settings.set.audit-channel').addChannelTypes(ChannelType.GuildText))
			.addStringOption((o) => localized(o, 'settings.set.nickname-template').setMaxLength(64))
			.addStringOption((o) => localized(o, 'settings.set.nickname-group').setMaxLength(25))
			.addBooleanOption((o) => localized(o, 'settings.set.auto-verify'))
			.addIntegerOption((o) =>
				localized(o, 'settings.set.min-account-age').setMinValue(1).setMaxValue(MAX_ACCOUNT_AGE_DAYS),
			)
			.addBooleanOption((o) => localized(o, 'settings.set.removal-breaker'))
			.addIntegerOption((o) =>
				localized(o, 'settings.set.removal-limit-percent').setMinValue(1).setMaxValue(BREAKER_PERCENT_MAX),
			)
			.addIntegerOption((o) =>
				localized(o, 'settings.set.removal-limit-minimum').setMinValue(1).setMaxValue(BREAKER_MINIMUM_MAX),
			),
	)
	.addSubcommand((sub) =>
		localized(sub, 'settings.panel')
			.addChannelOption((o) => localized(o, 'settings.panel.channel').addChannelTypes(ChannelType.GuildText))
			.addStringOption((o) => localized(o, 'settings.panel.text').setMinLength(1).setMaxLength(PANEL_TEXT_MAX)),
	)
	.addSubcommand((sub) => localized(sub, 'settings.export'))
	.addSubcommand((sub) =>
		localized(sub, 'settings.import').addAttachmentOption((o) =>
			localized(o, 'settings.import.file').setRequired(true),
		),
	)
	.addSubcommand((sub) =>
		localized(sub, 'settings.clear').addStringOption((o) =>
			localized(o, 'settings.clear.setting')
				.setRequired(true)
				.addChoices(
					...localizedChoices('settings.clear.setting', Object.keys(CLEARABLE) as (keyof typeof CLEARABLE)[]),
				),
		),
	);

const messageUrl = (guildId: string, channelId: string, messageId: string) =>
	`https://discord.com/channels/${guildId}/${channelId}/${messageId}`;

function panelState(t: Translator, settings: GuildSettings, guildId: string): string {
	const panel = settings.panel;
	if (!panel) return t('settingsOff');
	if (panel.deletedAt) return t('panelGone', { channelId: panel.channelId });
	return t('panelAt', { channelId: panel.channelId, url: messageUrl(guildId, panel.channelId, panel.messageId) });
}

/**
 * Posts the panel where asked (or where it is), then forgets and deletes the old message: posting first means a
 * failed post leaves the old panel working.
 */
async function postPanel(
	interaction: ChatInputCommandInteraction<'cached'>,
	ctx: BotContext,
	t: Translator,
): Promise<void> {
	const guild = interaction.guild;
	const { settings } = await ctx.stores.guilds.get(guild.id);
	const old = settings.panel;
	const channelId = interaction.options.getChannel('channel')?.id ?? old?.channelId;
	if (!channelId) throw userError('panelNeedChannel');
	const channel = guild.channels.cache.get(channelId);
	const me = guild.members.me;
	const allowed =
		channel?.isSendable() &&
		me !== null &&
		channel
			.permissionsFor(me)
			.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
	if (!channel || !allowed) throw userError('panelCannotPost', { channelId });
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const text = interaction.options.getString('text')?.trim() || old?.text;
	// The panel is public: in the server's language.
	const message = await channel.send(renderPanel(translator(interaction.guildLocale), text));
	await ctx.stores.guilds.updateSettings(guild.id, {
		panel: { channelId: channel.id, messageId: message.id, ...(text ? { text } : {}) },
	});
	if (old && !old.deletedAt && old.messageId !== message.id) {
		const oldChannel = guild.channels.cache.get(old.channelId);
		if (oldChannel?.isTextBased())
			await oldChannel.messages.delete(old.messageId).catch((error: unknown) => {
				ctx.logger.debug({ err: error, guildId: guild.id }, 'old verify panel already gone');
			});
	}
	void ctx.members.audit.post(guild.id, (at) => ({
		title: at('auditSettingsChanged'),
		lines: [at('auditBy', { userId: interaction.user.id }), at('auditPanelIn', { channelId: channel.id })],
	}));
	await interaction.editReply({ content: t('panelPosted', { url: message.url }) });
}

const IMPORT_TTL_MS = 15 * 60_000;
const importKey = (guildId: string, token: string) => `import:${guildId}:${token}`;
interface PendingImport {
	by: string;
	plan: ImportPlan;
}

/** Checks the file and shows what it would change; the plan waits (15 minutes, in the store) for Apply. */
async function previewImport(
	interaction: ChatInputCommandInteraction<'cached'>,
	ctx: BotContext,
	t: Translator,
): Promise<void> {
	const attachment = interaction.options.getAttachment('file', true);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	let plan: ImportPlan;
	try {
		const file = await parseExportFile(await readUpload(attachment));
		const current = await ctx.stores.guilds.get(interaction.guildId);
		plan = planImport(file, current, guildView(interaction.guild), interaction.user.id);
	} catch (error) {
		// The admin who asked reads the problem (and the preview) in their own language.
		if (error instanceof ImportFileError) throw userError('importBadFile', { problem: error.problem });
		throw error;
	}
	const token = newImportToken();
	const pending: PendingImport = { by: interaction.user.id, plan };
	await ctx.stores.cache.set(importKey(interaction.guildId, token), pending, IMPORT_TTL_MS);
	await interaction.editReply(renderImportPreview(t, plan, token));
}

function show(t: Translator, settings: GuildSettings, guildId: string) {
	const off = t('settingsOff');
	return new EmbedBuilder().setTitle(t('settingsTitle')).addFields(
		{
			name: t(LABELS.verifiedRoleId),
			value: settings.verifiedRoleId ? `<@&${settings.verifiedRoleId}>` : off,
			inline: true,
		},
		{
			name: t(LABELS.unverifiedRoleId),
			value: settings.unverifiedRoleId ? `<@&${settings.unverifiedRoleId}>` : off,
			inline: true,
		},
		{
			name: t(LABELS.auditChannelId),
			value: settings.auditChannelId ? `<#${settings.auditChannelId}>` : off,
			inline: true,
		},
		{
			name: t(LABELS.nicknameTemplate),
			value: settings.nicknameTemplate ? `\`${settings.nicknameTemplate}\`` : off,
			inline: true,
		},
		{ name: t(LABELS.autoVerify), value: settings.autoVerify ? t('settingsOn') : off, inline: true },
		{ name: t(LABELS.panel), value: panelState(t, settings, guildId), inline: false },
		{
			name: t(LABELS.minAccountAgeDays),
			value: settings.minAccountAgeDays ? t('settingsDays', { count: settings.minAccountAgeDays }) : off,
			inline: true,
		},
		{ name: t(LABELS.removalBreaker), value: breakerText(t, settings), inline: false },
	);
}

function breakerText(t: Translator, settings: GuildSettings): string {
	const setting = breakerSetting(settings.removalBreaker);
	return setting ? t('settingsBreakerValue', setting) : t('settingsOff');
}

/** The breaker options of `/settings set`, over what is stored; null when none was given. */
function breakerPatch(
	interaction: ChatInputCommandInteraction<'cached'>,
	current: StoredBreaker | undefined,
): StoredBreaker | null {
	const on = interaction.options.getBoolean('removal-breaker');
	const percent = interaction.options.getInteger('removal-limit-percent');
	const minimum = interaction.options.getInteger('removal-limit-minimum');
	if (on === null && percent === null && minimum === null) return null;
	// Discord enforces the ranges for its own clients; a crafted interaction is checked here.
	if (percent !== null && (!Number.isSafeInteger(percent) || percent < 1 || percent > BREAKER_PERCENT_MAX))
		throw userError('invalidBreakerPercent', { max: BREAKER_PERCENT_MAX });
	if (minimum !== null && (!Number.isSafeInteger(minimum) || minimum < 1 || minimum > BREAKER_MINIMUM_MAX))
		throw userError('invalidBreakerMinimum', { max: BREAKER_MINIMUM_MAX });
	const { off: _off, ...limits } = current ?? {};
	// Giving a limit turns the breaker on, unless `removal-breaker:False` comes with it.
	return {
		...limits,
		...(percent !== null ? { percent } : {}),
		...(minimum !== null ? { minimum } : {}),
		...(on === false ? { off: true } : {}),
	};
}

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const t = translator(interaction.locale);
		const guild = interaction.guild;
		const sub = interaction.options.getSubcommand(true);
		if (sub === 'show') {
			const { settings } = await ctx.stores.guilds.get(guild.id);
			return void (await interaction.reply({ embeds: [show(t, settings, guild.id)], flags: MessageFlags.Ephemeral }));
		}
		if (sub === 'panel') return void (await postPanel(interaction, ctx, t));
		if (sub === 'export') {
			const config = await ctx.stores.guilds.get(guild.id);
			const file = buildExport(config, guildView(guild), new Date(ctx.now()));
			return void (await interaction.reply({
				content: t('exportReady', { count: config.bindings.length }),
				files: [exportAttachment(file, guild.id)],
				flags: MessageFlags.Ephemeral,
			}));
		}
		if (sub === 'import') return void (await previewImport(interaction, ctx, t));
		if (sub === 'clear') {
			const name = interaction.options.getString('setting', true);
			if (!Object.hasOwn(CLEARABLE, name)) throw userError('invalidChoice', { option: 'setting' });
			const key = CLEARABLE[name as keyof typeof CLEARABLE];
			const settings = await ctx.stores.guilds.updateSettings(guild.id, { [key]: undefined });
			return void (await interaction.reply({
				content: t('settingsSaved'),
				embeds: [show(t, settings, guild.id)],
				flags: MessageFlags.Ephemeral,
			}));
		}

		const patch: Partial<GuildSettings> = {};
		for (const option of ['verified-role', 'unverified-role'] as const) {
			const role = interaction.options.getRole(option);
			if (!role) continue;
			// Every linked (or unlinked) member gets these roles, so dangerous permissions are never allowed here.
			assertGivableRole(guild, role, { allowed: false, overridable: false });
			patch[option === 'verified-role' ? 'verifiedRoleId' : 'unverifiedRoleId'] = role.id;
		}
		const channel = interaction.options.getChannel('audit-channel');
		if (channel) patch.auditChannelId = channel.id;
		const template = interaction.options.getString('nickname-template');
		if (template !== null) {
			const problem = nicknameTemplateProblem(template);
			if (problem) throw userError('invalidNicknameTemplate', { reason: problem });
			if (!guild.members.me?.permissions.has(PermissionFlagsBits.ManageNicknames))
				throw userError('botMissingPermissions');
			patch.nicknameTemplate = template.trim();
		}
		const nicknameGroup = interaction.options.getString('nickname-group');
		if (nicknameGroup !== null) {
			const groupId = parsePositiveId(nicknameGroup);
			if (!groupId) throw userError('invalidGroupId');
			if (!(await ctx.roblox.getGroup(groupId))) throw userError('groupNotFound', { id: groupId });
			patch.nicknameGroupId = groupId;
		}
		const autoVerify = interaction.options.getBoolean('auto-verify');
		if (autoVerify !== null) patch.autoVerify = autoVerify;
		const minAge = interaction.options.getInteger('min-account-age');
		if (minAge !== null) {
			// Discord enforces the range for its own clients; a crafted interaction is checked here.
			if (!Number.isSafeInteger(minAge) || minAge < 1 || minAge > MAX_ACCOUNT_AGE_DAYS)
				throw userError('invalidAccountAge', { max: MAX_ACCOUNT_AGE_DAYS });
			patch.minAccountAgeDays = minAge;
		}
		const breaker = breakerPatch(interaction, (await ctx.stores.guilds.get(guild.id)).settings.removalBreaker);
		if (breaker) patch.removalBreaker = breaker;
		if (Object.keys(patch).length === 0) {
			const { settings } = await ctx.stores.guilds.get(guild.id);
			return void (await interaction.reply({ embeds: [show(t, settings, guild.id)], flags: MessageFlags.Ephemeral }));
		}
		const settings = await ctx.stores.guilds.updateSettings(guild.id, patch);
		const changed = Object.keys(patch) as (keyof GuildSettings)[];
		void ctx.members.audit.post(guild.id, (at) => ({
			title: at('auditSettingsChanged'),
			lines: [
				at('auditBy', { userId: interaction.user.id }),
				...changed.map((key) => at('auditSettingChanged', { setting: at(LABELS[key]) })),
			],
		}));
		await interaction.reply({
			content: t('settingsSaved'),
			embeds: [show(t, settings, guild.id)],
			flags: MessageFlags.Ephemeral,
		});
	},

	async button(interaction, ctx, [action, token = '']) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const t = translator(interaction.locale);
		if (action !== 'import-apply' && action !== 'import-cancel')
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		const key = importKey(interaction.guildId, token);
		const pending = (await ctx.stores.cache.get(key)) as PendingImport | undefined;
		if (!pending) return void (await interaction.update({ content: t('importExpired'), embeds: [], components: [] }));
		if (pending.by !== interaction.user.id)
			return void (await interaction.reply({ content: t('notYourButton'), flags: MessageFlags.Ephemeral }));
		await ctx.stores.cache.delete(key);
		if (action === 'import-cancel')
			return void (await interaction.update({ content: t('importCancelled'), embeds: [], components: [] }));
		await interaction.deferUpdate();
		// One write: settings and bindings together, or nothing.
		const config = await ctx.stores.guilds.replaceConfig(
			interaction.guildId,
			pending.plan.settings,
			pending.plan.bindings,
		);
		const { plan } = pending;
		void ctx.members.audit.post(interaction.guildId, (at) => ({
			title: at('auditSettingsImported'),
			lines: [
				at('auditBy', { userId: interaction.user.id }),
				at('auditImportCounts', {
					added: plan.added.length,
					changed: plan.changed.length,
					removed: plan.removed.length,
					unmappable: plan.unmappable.length,
				}),
			],
		}));
		await interaction.editReply({
			content: t('importApplied', { count: config.bindings.length }),
			embeds: [],
			components: [],
		});
	},
} satisfies Command;

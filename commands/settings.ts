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
import { describeBinding } from '../src/ui/binding-text.js';
import { assertGivableRole, requirePermission } from '../src/bot/guards.js';
import { UserError } from '../src/errors.js';
import { parsePositiveId } from '../src/linking/input.js';
import { nicknameTemplateProblem } from '../src/roles/nickname.js';
import { MAX_ACCOUNT_AGE_DAYS } from '../src/roles/restrictions.js';
import type { GuildSettings } from '../src/store/guilds.js';
import { strings } from '../src/ui/strings.js';

const CLEARABLE = {
	'verified-role': 'verifiedRoleId',
	'unverified-role': 'unverifiedRoleId',
	'audit-channel': 'auditChannelId',
	'nickname-template': 'nicknameTemplate',
	'nickname-group': 'nicknameGroupId',
	'min-account-age': 'minAccountAgeDays',
} as const satisfies Record<string, keyof GuildSettings>;

const data = new SlashCommandBuilder()
	.setName('settings')
	.setDescription('Rolink settings for this server')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) => sub.setName('show').setDescription('Show the current settings'))
	.addSubcommand((sub) =>
		sub
			.setName('set')
			.setDescription('Change settings (only the options you give change)')
			.addRoleOption((o) => o.setName('verified-role').setDescription('Given to every linked member'))
			.addRoleOption((o) => o.setName('unverified-role').setDescription('Given to members who have not linked'))
			.addChannelOption((o) =>
				o
					.setName('audit-channel')
					.setDescription('Where Rolink reports role changes, links and bulk runs')
					.addChannelTypes(ChannelType.GuildText),
			)
			.addStringOption((o) =>
				o
					.setName('nickname-template')
					.setDescription(
						'e.g. {smart-name}. Also {roblox-name} {display-name} {roblox-id} {discord-name} {group-rank}',
					)
					.setMaxLength(64),
			)
			.addStringOption((o) =>
				o
					.setName('nickname-group')
					.setDescription('The Roblox group id whose role name {group-rank} shows')
					.setMaxLength(25),
			)
			.addBooleanOption((o) =>
				o.setName('auto-verify').setDescription("Update members' roles when they join (default on)"),
			)
			.addIntegerOption((o) =>
				o
					.setName('min-account-age')
					.setDescription('Days a Roblox account must exist before it gets roles (it stays linked meanwhile)')
					.setMinValue(1)
					.setMaxValue(MAX_ACCOUNT_AGE_DAYS),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName('panel')
			.setDescription('Post (or move, or refresh) a message with a Verify button anyone can press')
			.addChannelOption((o) =>
				o
					.setName('channel')
					.setDescription('Where the panel goes (default: where it is now)')
					.addChannelTypes(ChannelType.GuildText),
			)
			.addStringOption((o) =>
				o.setName('text').setDescription('The text above the button').setMinLength(1).setMaxLength(PANEL_TEXT_MAX),
			),
	)
	.addSubcommand((sub) =>
		sub.setName('export').setDescription('Download the settings and bindings as a JSON file (a backup)'),
	)
	.addSubcommand((sub) =>
		sub
			.setName('import')
			.setDescription('Restore settings and bindings from an export file (shows a preview first)')
			.addAttachmentOption((o) =>
				o.setName('file').setDescription('A file from /settings export (JSON, up to 1 MB)').setRequired(true),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName('clear')
			.setDescription('Turn a setting off')
			.addStringOption((o) =>
				o
					.setName('setting')
					.setDescription('Which setting')
					.setRequired(true)
					.addChoices(...Object.keys(CLEARABLE).map((name) => ({ name, value: name }))),
			),
	);

const messageUrl = (guildId: string, channelId: string, messageId: string) =>
	`https://discord.com/channels/${guildId}/${channelId}/${messageId}`;

function panelState(settings: GuildSettings, guildId: string): string {
	const panel = settings.panel;
	if (!panel) return 'off';
	if (panel.deletedAt) return strings.panelGone(panel.channelId);
	return strings.panelAt(panel.channelId, messageUrl(guildId, panel.channelId, panel.messageId));
}

/**
 * Posts the panel where asked (or where it is), then forgets and deletes the old message: posting first means a
 * failed post leaves the old panel working.
 */
async function postPanel(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<void> {
	const guild = interaction.guild;
	const { settings } = await ctx.stores.guilds.get(guild.id);
	const old = settings.panel;
	const channelId = interaction.options.getChannel('channel')?.id ?? old?.channelId;
	if (!channelId) throw new UserError(strings.panelNeedChannel());
	const channel = guild.channels.cache.get(channelId);
	const me = guild.members.me;
	const allowed =
		channel?.isSendable() &&
		me !== null &&
		channel
			.permissionsFor(me)
			.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
	if (!channel || !allowed) throw new UserError(strings.panelCannotPost(channelId));
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const text = interaction.options.getString('text')?.trim() || old?.text;
	const message = await channel.send(renderPanel(text));
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
	void ctx.members.audit.post(guild.id, 'Settings changed', [
		`By <@${interaction.user.id}>`,
		`Verify panel in <#${channel.id}>`,
	]);
	await interaction.editReply({ content: strings.panelPosted(message.url) });
}

const IMPORT_TTL_MS = 15 * 60_000;
const importKey = (guildId: string, token: string) => `import:${guildId}:${token}`;
interface PendingImport {
	by: string;
	plan: ImportPlan;
}

/** Checks the file and shows what it would change; the plan waits (15 minutes, in the store) for Apply. */
async function previewImport(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<void> {
	const attachment = interaction.options.getAttachment('file', true);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	let plan: ImportPlan;
	try {
		const file = parseExportFile(await readUpload(attachment));
		const current = await ctx.stores.guilds.get(interaction.guildId);
		plan = planImport(file, current, guildView(interaction.guild), describeBinding, interaction.user.id);
	} catch (error) {
		if (error instanceof ImportFileError) throw new UserError(strings.importBadFile(error.message));
		throw error;
	}
	const token = newImportToken();
	const pending: PendingImport = { by: interaction.user.id, plan };
	await ctx.stores.cache.set(importKey(interaction.guildId, token), pending, IMPORT_TTL_MS);
	await interaction.editReply(renderImportPreview(plan, token));
}

function show(settings: GuildSettings, guildId: string) {
	const off = 'off';
	return new EmbedBuilder().setTitle('Rolink settings').addFields(
		{ name: 'Verified role', value: settings.verifiedRoleId ? `<@&${settings.verifiedRoleId}>` : off, inline: true },
		{
			name: 'Unverified role',
			value: settings.unverifiedRoleId ? `<@&${settings.unverifiedRoleId}>` : off,
			inline: true,
		},
		{ name: 'Audit channel', value: settings.auditChannelId ? `<#${settings.auditChannelId}>` : off, inline: true },
		{
			name: 'Nickname template',
			value: settings.nicknameTemplate ? `\`${settings.nicknameTemplate}\`` : off,
			inline: true,
		},
		{ name: 'Auto-verify on join', value: settings.autoVerify ? 'on' : 'off', inline: true },
		{ name: 'Verify panel', value: panelState(settings, guildId), inline: false },
		{
			name: 'Minimum Roblox account age',
			value: settings.minAccountAgeDays ? `${settings.minAccountAgeDays} days` : off,
			inline: true,
		},
	);
}

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const guild = interaction.guild;
		const sub = interaction.options.getSubcommand(true);
		if (sub === 'show') {
			const { settings } = await ctx.stores.guilds.get(guild.id);
			return void (await interaction.reply({ embeds: [show(settings, guild.id)], flags: MessageFlags.Ephemeral }));
		}
		if (sub === 'panel') return void (await postPanel(interaction, ctx));
		if (sub === 'export') {
			const config = await ctx.stores.guilds.get(guild.id);
			const file = buildExport(config, guildView(guild), new Date(ctx.now()));
			return void (await interaction.reply({
				content: strings.exportReady(config.bindings.length),
				files: [exportAttachment(file, guild.id)],
				flags: MessageFlags.Ephemeral,
			}));
		}
		if (sub === 'import') return void (await previewImport(interaction, ctx));
		if (sub === 'clear') {
			const name = interaction.options.getString('setting', true);
			if (!Object.hasOwn(CLEARABLE, name)) throw new UserError(strings.invalidChoice('setting'));
			const key = CLEARABLE[name as keyof typeof CLEARABLE];
			const settings = await ctx.stores.guilds.updateSettings(guild.id, { [key]: undefined });
			return void (await interaction.reply({
				content: strings.settingsSaved(),
				embeds: [show(settings, guild.id)],
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
			if (problem) throw new UserError(strings.invalidNicknameTemplate(problem));
			if (!guild.members.me?.permissions.has(PermissionFlagsBits.ManageNicknames))
				throw new UserError(strings.botMissingPermissions());
			patch.nicknameTemplate = template.trim();
		}
		const nicknameGroup = interaction.options.getString('nickname-group');
		if (nicknameGroup !== null) {
			const groupId = parsePositiveId(nicknameGroup);
			if (!groupId) throw new UserError(strings.invalidGroupId());
			if (!(await ctx.roblox.getGroup(groupId))) throw new UserError(strings.groupNotFound(groupId));
			patch.nicknameGroupId = groupId;
		}
		const autoVerify = interaction.options.getBoolean('auto-verify');
		if (autoVerify !== null) patch.autoVerify = autoVerify;
		const minAge = interaction.options.getInteger('min-account-age');
		if (minAge !== null) {
			// Discord enforces the range for its own clients; a crafted interaction is checked here.
			if (!Number.isSafeInteger(minAge) || minAge < 1 || minAge > MAX_ACCOUNT_AGE_DAYS)
				throw new UserError(strings.invalidAccountAge(MAX_ACCOUNT_AGE_DAYS));
			patch.minAccountAgeDays = minAge;
		}
		if (Object.keys(patch).length === 0) {
			const { settings } = await ctx.stores.guilds.get(guild.id);
			return void (await interaction.reply({ embeds: [show(settings, guild.id)], flags: MessageFlags.Ephemeral }));
		}
		const settings = await ctx.stores.guilds.updateSettings(guild.id, patch);
		void ctx.members.audit.post(guild.id, 'Settings changed', [
			`By <@${interaction.user.id}>`,
			...Object.keys(patch).map((key) => `Changed: ${key}`),
		]);
		await interaction.reply({
			content: strings.settingsSaved(),
			embeds: [show(settings, guild.id)],
			flags: MessageFlags.Ephemeral,
		});
	},

	async button(interaction, ctx, [action, token = '']) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		if (action !== 'import-apply' && action !== 'import-cancel')
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		const key = importKey(interaction.guildId, token);
		const pending = (await ctx.stores.cache.get(key)) as PendingImport | undefined;
		if (!pending)
			return void (await interaction.update({ content: strings.importExpired(), embeds: [], components: [] }));
		if (pending.by !== interaction.user.id)
			return void (await interaction.reply({ content: strings.notYourButton(), flags: MessageFlags.Ephemeral }));
		await ctx.stores.cache.delete(key);
		if (action === 'import-cancel')
			return void (await interaction.update({ content: strings.importCancelled(), embeds: [], components: [] }));
		await interaction.deferUpdate();
		// One write: settings and bindings together, or nothing.
		const config = await ctx.stores.guilds.replaceConfig(
			interaction.guildId,
			pending.plan.settings,
			pending.plan.bindings,
		);
		void ctx.members.audit.post(interaction.guildId, 'Settings imported', [
			`By <@${interaction.user.id}>`,
			`Added ${pending.plan.added.length}, changed ${pending.plan.changed.length}, removed ${pending.plan.removed.length}, left out ${pending.plan.unmappable.length}`,
		]);
		await interaction.editReply({ content: strings.importApplied(config.bindings.length), embeds: [], components: [] });
	},
} satisfies Command;

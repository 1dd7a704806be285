import { randomBytes } from 'node:crypto';
import {
	ActionRowBuilder,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	ChannelType,
	EmbedBuilder,
	type Attachment,
	type Guild,
} from 'discord.js';
import { request } from 'undici';
import { ImportFileError, MAX_IMPORT_BYTES, type GuildView, type ImportPlan } from '../backup/format.js';
import { joinLinesWithin } from '../ui/embed-limits.js';
import { text, type Text, type Translator } from '../ui/i18n.js';
import { dangerousPermissions, roleProblem } from './abilities.js';
import { customId } from './command.js';

/** The Discord side of settings backups: the server as plain data, reading the uploaded file, the preview. */

export function guildView(guild: Guild): GuildView {
	// Worded when the preview is shown, in the language of the admin who reads it.
	const problems: Readonly<Record<string, Text>> = {
		everyone: text('roleIsEveryone'),
		managed: text('importRoleManaged'),
		'above-bot': text('importRoleAboveBot'),
	};
	return {
		id: guild.id,
		name: guild.name,
		roles: [...guild.roles.cache.values()].map((role) => {
			const problem = roleProblem(guild, role);
			return {
				id: role.id,
				name: role.name,
				problem: problem ? text('importRoleProblem', { roleId: role.id, problem: problems[problem]! }) : null,
				dangerous: dangerousPermissions(role).length > 0,
			};
		}),
		channels: [...guild.channels.cache.values()]
			.filter((channel) => channel.type === ChannelType.GuildText)
			.map((channel) => ({ id: channel.id, name: channel.name })),
	};
}

export function exportAttachment(json: unknown, guildId: string): AttachmentBuilder {
	return new AttachmentBuilder(Buffer.from(`${JSON.stringify(json, null, '\t')}\n`, 'utf8'), {
		name: `rolink-settings-${guildId}.json`,
	});
}

/** Reads an uploaded file from Discord's CDN, never more than the 1 MB an import may be. */
export async function readUpload(attachment: Attachment): Promise<string> {
	if (attachment.size > MAX_IMPORT_BYTES)
		throw new ImportFileError('', text('importFileSize', { size: (attachment.size / 1024 / 1024).toFixed(1) }));
	const response = await request(attachment.url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
	if (response.statusCode !== 200) {
		await response.body.dump();
		throw new ImportFileError('', text('importDownloadFailed', { status: response.statusCode }));
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of response.body) {
		size += (chunk as Buffer).length;
		if (size > MAX_IMPORT_BYTES) {
			response.body.destroy();
			throw new ImportFileError('', text('importTooBig'));
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export const newImportToken = () => randomBytes(6).toString('hex');

export function renderImportPreview(t: Translator, plan: ImportPlan, token: string) {
	const section = (lines: readonly Text[]) =>
		lines.length
			? joinLinesWithin(
					lines.map((line) => t.text(line)),
					1000,
					(count) => t('importMore', { count }),
				)
			: '—';
	const embed = new EmbedBuilder()
		.setTitle(t('importPreviewTitle'))
		.setDescription(t('importPreviewHelp'))
		.addFields(
			{ name: t('importAdded', { count: plan.added.length }), value: section(plan.added) },
			{ name: t('importChanged', { count: plan.changed.length }), value: section(plan.changed) },
			{ name: t('importRemoved', { count: plan.removed.length }), value: section(plan.removed) },
			{ name: t('importUnmappable', { count: plan.unmappable.length }), value: section(plan.unmappable) },
		);
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(customId('settings', 'import-apply', token))
			.setLabel(t('importApplyLabel'))
			.setStyle(ButtonStyle.Success),
		new ButtonBuilder()
			.setCustomId(customId('settings', 'import-cancel', token))
			.setLabel(t('importCancelLabel'))
			.setStyle(ButtonStyle.Secondary),
	);
	return { content: '', embeds: [embed], components: [row], allowedMentions: { parse: [] } };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { SlashCommandBuilder, type SlashCommandSubcommandBuilder } from '@discordjs/builders';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	type Guild,
} from 'discord.js';
import { customId, type Command } from '../src/bot/command.js';
import { roleProblem } from '../src/bot/abilities.js';
import {
	bindingsOfDeletedRoles,
	removeBindingsOfDeletedRoles,
	removeDeletedRoleBindingsRow,
} from '../src/bot/role-delete.js';
import { assertGivableRole, requirePermission } from '../src/bot/guards.js';
import { userError } from '../src/errors.js';
import { parsePositiveId } from '../src/linking/input.js';
import { bindOptionSpecs, describeBinding, isBindingKind, KIND_NAMES, KINDS, whoGetsRole } from '../src/kinds/index.js';
import type { BindOptionSpec, KindModule, NewBinding } from '../src/kinds/types.js';
import { MAX_BINDINGS_PER_GUILD, type Binding } from '../src/store/guilds.js';
import { localized, localizedChoices, type CommandPath } from '../src/ui/command-locales.js';
import { truncate } from '../src/ui/embed-limits.js';
import { translator, type PlainKey, type Translator } from '../src/ui/i18n.js';

const PAGE_SIZE = 10;
/** Discord: an autocomplete answer holds at most 25 choices, each named in at most 100 characters. */
const MAX_CHOICES = 25;
const CHOICE_NAME_MAX = 100;
/** Discord drops an autocomplete answer after 3 s: a slow Roblox means no suggestions, not a late answer. */
const AUTOCOMPLETE_WAIT_MS = 2_500;
/** Every kind's /bind add options, as plain specs from src/kinds (the kinds know no discord.js). */
const KIND_OPTIONS: readonly BindOptionSpec[] = bindOptionSpecs();

type AddBuilder = SlashCommandSubcommandBuilder;
function addKindOption(sub: AddBuilder, spec: BindOptionSpec): AddBuilder {
	if (spec.type === 'boolean') return sub.addBooleanOption((o) => localized(o, `bind.add.${spec.name}` as CommandPath));
	if (spec.type === 'integer')
		return sub.addIntegerOption((o) => {
			localized(o, `bind.add.${spec.name}` as CommandPath);
			if (spec.minValue !== undefined) o.setMinValue(spec.minValue);
			if (spec.maxValue !== undefined) o.setMaxValue(spec.maxValue);
			if (spec.autocomplete) o.setAutocomplete(true);
			return o;
		});
	return sub.addStringOption((o) => {
		localized(o, `bind.add.${spec.name}` as CommandPath);
		if (spec.maxLength !== undefined) o.setMaxLength(spec.maxLength);
		if (spec.autocomplete) o.setAutocomplete(true);
		return o;
	});
}

const data = localized(new SlashCommandBuilder(), 'bind')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) =>
		KIND_OPTIONS.reduce(
			addKindOption,
			localized(sub, 'bind.add')
				.addStringOption((o) =>
					localized(o, 'bind.add.kind')
						.setRequired(true)
						.addChoices(...localizedChoices('bind.add.kind', KIND_NAMES)),
				)
				.addRoleOption((o) => localized(o, 'bind.add.role').setRequired(true)),
		)
			.addBooleanOption((o) => localized(o, 'bind.add.allow-dangerous'))
			.addBooleanOption((o) => localized(o, 'bind.add.remove')),
	)
	.addSubcommand((sub) =>
		localized(sub, 'bind.remove').addStringOption((o) =>
			localized(o, 'bind.remove.binding').setRequired(true).setMaxLength(16),
		),
	)
	.addSubcommand((sub) => localized(sub, 'bind.list'));

/** Why a binding cannot be applied right now, with the fix; null when it works. */
const PROBLEMS: Record<'above-bot' | 'managed', PlainKey> = {
	'above-bot': 'bindingProblemAboveBot',
	managed: 'bindingProblemManaged',
};

function bindingProblem(t: Translator, guild: Guild, binding: Binding): string | null {
	const me = guild.members.me;
	if (!me?.permissions.has(PermissionFlagsBits.ManageRoles)) return t('bindingProblemNoManageRoles');
	const role = guild.roles.cache.get(binding.roleId);
	if (!role) return t('bindingProblemRoleDeleted', { id: binding.id });
	const problem = roleProblem(guild, role);
	if (problem === 'above-bot' || problem === 'managed') return t(PROBLEMS[problem]);
	return null;
}

function renderList(t: Translator, guild: Guild, bindings: readonly Binding[], page: number, ownerId: string) {
	const pages = Math.max(1, Math.ceil(bindings.length / PAGE_SIZE));
	const current = Math.min(Math.max(0, page), pages - 1);
	const lines = bindings.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((binding) => {
		const problem = bindingProblem(t, guild, binding);
		const giveOnly = binding.giveOnly ? ` ${t('bindingGiveOnlyMark')}` : '';
		return `\`${binding.id}\` ${t.text(describeBinding(binding))} → <@&${binding.roleId}>${giveOnly}${problem ? `\n  ⚠️ ${problem}` : ''}`;
	});
	const embed = new EmbedBuilder()
		.setTitle(t('bindingListTitle', { count: bindings.length }))
		.setDescription(lines.join('\n').slice(0, 4000))
		.setFooter({ text: t('pagerPageOf', { page: current + 1, pages }) });
	const components: ActionRowBuilder<ButtonBuilder>[] =
		pages > 1
			? [
					new ActionRowBuilder<ButtonBuilder>().addComponents(
						new ButtonBuilder()
							.setCustomId(customId('bind', 'page', ownerId, current - 1))
							.setLabel(t('pagerPreviousLabel'))
							.setStyle(ButtonStyle.Secondary)
							.setDisabled(current === 0),
						new ButtonBuilder()
							.setCustomId(customId('bind', 'page', ownerId, current + 1))
							.setLabel(t('pagerNextLabel'))
							.setStyle(ButtonStyle.Secondary)
							.setDisabled(current >= pages - 1),
					),
				]
			: [];
	if (bindingsOfDeletedRoles(guild, bindings).length > 0) components.push(removeDeletedRoleBindingsRow(t));
	return { embeds: [embed], components };
}

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const t = translator(interaction.locale);
		const sub = interaction.options.getSubcommand(true);
		const guild = interaction.guild;

		if (sub === 'list') {
			const { bindings } = await ctx.stores.guilds.get(guild.id);
			if (!bindings.length)
				return void (await interaction.reply({ content: t('noBindings'), flags: MessageFlags.Ephemeral }));
			return void (await interaction.reply({
				...renderList(t, guild, bindings, 0, interaction.user.id),
				flags: MessageFlags.Ephemeral,
			}));
		}

		if (sub === 'remove') {
			const bindingId = interaction.options.getString('binding', true).trim();
			// Works even when the bound role was deleted: removal never needs the role to exist.
			const removed = await ctx.stores.guilds.removeBinding(guild.id, bindingId);
			if (!removed) throw userError('bindingNotFound');
			void ctx.members.audit.post(guild.id, (at) => ({
				title: at('auditBindingRemoved'),
				lines: [
					at('auditBindingLine', { binding: describeBinding(removed), roleId: removed.roleId }),
					at('auditBy', { userId: interaction.user.id }),
				],
			}));
			return void (await interaction.reply({
				content: t('bindingRemoved', { what: describeBinding(removed), roleId: removed.roleId }),
				flags: MessageFlags.Ephemeral,
			}));
		}

		// add
		const kind = interaction.options.getString('kind', true);
		if (!isBindingKind(kind)) throw userError('invalidChoice', { option: 'kind' });
		const role = interaction.options.getRole('role', true);
		const values: Record<string, string | number | boolean | undefined> = {};
		for (const spec of KIND_OPTIONS) {
			const value =
				spec.type === 'integer'
					? interaction.options.getInteger(spec.name)
					: spec.type === 'boolean'
						? interaction.options.getBoolean(spec.name)
						: interaction.options.getString(spec.name);
			if (value !== null) values[spec.name] = value;
		}
		if (!guild.members.me?.permissions.has(PermissionFlagsBits.ManageRoles)) throw userError('botLacksManageRoles');
		assertGivableRole(guild, role, {
			allowed: interaction.options.getBoolean('allow-dangerous') === true,
			overridable: true,
		});

		const { bindings } = await ctx.stores.guilds.get(guild.id);
		if (bindings.length >= MAX_BINDINGS_PER_GUILD) throw userError('bindingLimit', { max: MAX_BINDINGS_PER_GUILD });
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		// The kind validates its own options (and looks its target up on Roblox when it can).
		const target = await (KINDS[kind] as unknown as KindModule).parse(values, { roblox: ctx.roblox });
		// Give-only: the planner grants the role when earned and never takes it away for this binding.
		const giveOnly = interaction.options.getBoolean('remove') === false;
		const { binding, duplicate } = await ctx.stores.guilds.addBinding(guild.id, {
			...target,
			roleId: role.id,
			...(giveOnly ? { giveOnly: true } : {}),
			addedBy: interaction.user.id,
		} as NewBinding);
		if (duplicate)
			return void (await interaction.editReply({
				content: t('bindingDuplicate', { what: describeBinding(binding), roleId: role.id }),
			}));
		void ctx.members.audit.post(guild.id, (at) => ({
			title: at('auditBindingAdded'),
			lines: [
				at('auditBindingLine', { binding: describeBinding(binding), roleId: role.id }) +
					(binding.giveOnly ? ` ${at('bindingGiveOnlyMark')}` : ''),
				at('auditBy', { userId: interaction.user.id }),
			],
		}));
		await interaction.editReply({
			content:
				t('bindingAdded', { who: whoGetsRole(binding), roleId: role.id, id: binding.id }) +
				(binding.giveOnly ? `\n${t('bindingGiveOnlyAdded')}` : ''),
		});
	},

	/** `group-role`: the roles of the group given in `group:`, by name, with their ranks. */
	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const groupId = parsePositiveId(interaction.options.getString('group') ?? '');
		if (focused.name !== 'group-role' || !groupId) return void (await interaction.respond([]));
		const roles =
			(await Promise.race([
				ctx.roblox.getGroupRoles(groupId).catch(() => null),
				sleep(AUTOCOMPLETE_WAIT_MS, null, { ref: false }),
			])) ?? [];
		const wanted = String(focused.value).toLowerCase();
		const t = translator(interaction.locale);
		// Discord: at most 25 choices, names of at most 100 characters; a long role name is cut, its rank kept.
		const label = (name: string, rank: number) => {
			const room = CHOICE_NAME_MAX - [...t('groupRoleChoice', { name: '', rank })].length;
			return truncate(t('groupRoleChoice', { name: truncate(name, room), rank }), CHOICE_NAME_MAX);
		};
		await interaction.respond(
			roles
				.filter((role) => role.rank > 0 && role.name.toLowerCase().includes(wanted))
				.slice(0, MAX_CHOICES)
				.map((role) => ({ name: label(role.name, role.rank), value: role.id })),
		);
	},

	async button(interaction, ctx, [action, ownerId, page]) {
		const t = translator(interaction.locale);
		if (action === 'purge') {
			// The confirmation an admin gives for removing bindings of deleted roles (from the audit post or /bind list).
			requirePermission(interaction, PermissionFlagsBits.ManageGuild);
			const removed = await removeBindingsOfDeletedRoles(interaction.guild, ctx.stores.guilds, ownerId);
			if (removed.length)
				void ctx.members.audit.post(interaction.guildId, (at) => ({
					title: at('auditDeletedRoleBindingsRemoved'),
					lines: [
						...removed.map((binding) => `\`${binding.id}\` ${at.text(describeBinding(binding))} → ${binding.roleId}`),
						at('auditBy', { userId: interaction.user.id }),
					],
				}));
			return void (await interaction.reply({
				content: removed.length
					? t('deletedRoleBindingsRemoved', { count: removed.length })
					: t('deletedRoleBindingsNone'),
				flags: MessageFlags.Ephemeral,
			}));
		}
		if (action !== 'page')
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: t('notYourButton'), flags: MessageFlags.Ephemeral }));
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const { bindings } = await ctx.stores.guilds.get(interaction.guildId);
		await interaction.update(renderList(t, interaction.guild, bindings, Number(page) || 0, ownerId));
	},
} satisfies Command;

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
import { UserError } from '../src/errors.js';
import { parsePositiveId } from '../src/linking/input.js';
import { bindOptionSpecs, describeBinding, isBindingKind, KIND_NAMES, KINDS } from '../src/kinds/index.js';
import type { BindOptionSpec, KindModule, NewBinding } from '../src/kinds/types.js';
import { MAX_BINDINGS_PER_GUILD, type Binding } from '../src/store/guilds.js';
import { strings } from '../src/ui/strings.js';

const PAGE_SIZE = 10;
/** Every kind's /bind add options, as plain specs from src/kinds (the kinds know no discord.js). */
const KIND_OPTIONS: readonly BindOptionSpec[] = bindOptionSpecs();

type AddBuilder = SlashCommandSubcommandBuilder;
function addKindOption(sub: AddBuilder, spec: BindOptionSpec): AddBuilder {
	if (spec.type === 'boolean')
		return sub.addBooleanOption((o) => o.setName(spec.name).setDescription(spec.description));
	if (spec.type === 'integer')
		return sub.addIntegerOption((o) => {
			o.setName(spec.name).setDescription(spec.description);
			if (spec.minValue !== undefined) o.setMinValue(spec.minValue);
			if (spec.maxValue !== undefined) o.setMaxValue(spec.maxValue);
			if (spec.autocomplete) o.setAutocomplete(true);
			return o;
		});
	return sub.addStringOption((o) => {
		o.setName(spec.name).setDescription(spec.description);
		if (spec.maxLength !== undefined) o.setMaxLength(spec.maxLength);
		if (spec.autocomplete) o.setAutocomplete(true);
		return o;
	});
}

const data = new SlashCommandBuilder()
	.setName('bind')
	.setDescription('Give Discord roles for what members own on Roblox')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) =>
		KIND_OPTIONS.reduce(
			addKindOption,
			sub
				.setName('add')
				.setDescription('Give a role to members who own an item')
				.addStringOption((o) =>
					o
						.setName('kind')
						.setDescription('What kind of item')
						.setRequired(true)
						.addChoices(...KIND_NAMES.map((kind) => ({ name: KINDS[kind].label, value: kind }))),
				)
				.addRoleOption((o) => o.setName('role').setDescription('The role to give').setRequired(true)),
		)
			.addBooleanOption((o) =>
				o.setName('allow-dangerous').setDescription('Allow a role with moderator or admin permissions'),
			)
			.addBooleanOption((o) =>
				o.setName('remove').setDescription('Take the role away when the item is gone (default True; False: give-only)'),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName('remove')
			.setDescription('Remove a binding')
			.addStringOption((o) =>
				o.setName('binding').setDescription('The binding id from /bind list').setRequired(true).setMaxLength(16),
			),
	)
	.addSubcommand((sub) =>
		sub.setName('list').setDescription("List this server's bindings and what may stop them from working"),
	);

/** Why a binding cannot be applied right now, with the fix; null when it works. */
function bindingProblem(guild: Guild, binding: Binding): string | null {
	const me = guild.members.me;
	if (!me?.permissions.has(PermissionFlagsBits.ManageRoles))
		return "Rolink lacks Manage Roles: give it to Rolink's role.";
	const role = guild.roles.cache.get(binding.roleId);
	if (!role) return `the role was deleted: \`/bind remove binding:${binding.id}\`.`;
	const problem = roleProblem(guild, role);
	if (problem === 'above-bot')
		return "the role is above Rolink's highest role: drag Rolink's role above it (Server Settings → Roles).";
	if (problem === 'managed') return 'the role is managed by an integration: bind another role.';
	return null;
}

function renderList(guild: Guild, bindings: readonly Binding[], page: number, ownerId: string) {
	const pages = Math.max(1, Math.ceil(bindings.length / PAGE_SIZE));
	const current = Math.min(Math.max(0, page), pages - 1);
	const lines = bindings.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((binding) => {
		const problem = bindingProblem(guild, binding);
		const giveOnly = binding.giveOnly ? ` ${strings.bindingGiveOnlyMark()}` : '';
		return `\`${binding.id}\` ${describeBinding(binding)} → <@&${binding.roleId}>${giveOnly}${problem ? `\n  ⚠️ ${problem}` : ''}`;
	});
	const embed = new EmbedBuilder()
		.setTitle(`Bindings (${bindings.length})`)
		.setDescription(lines.join('\n').slice(0, 4000))
		.setFooter({ text: `Page ${current + 1} of ${pages}` });
	const components: ActionRowBuilder<ButtonBuilder>[] =
		pages > 1
			? [
					new ActionRowBuilder<ButtonBuilder>().addComponents(
						new ButtonBuilder()
							.setCustomId(customId('bind', 'page', ownerId, current - 1))
							.setLabel('Previous')
							.setStyle(ButtonStyle.Secondary)
							.setDisabled(current === 0),
						new ButtonBuilder()
							.setCustomId(customId('bind', 'page', ownerId, current + 1))
							.setLabel('Next')
							.setStyle(ButtonStyle.Secondary)
							.setDisabled(current >= pages - 1),
					),
				]
			: [];
	if (bindingsOfDeletedRoles(guild, bindings).length > 0) components.push(removeDeletedRoleBindingsRow());
	return { embeds: [embed], components };
}

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const sub = interaction.options.getSubcommand(true);
		const guild = interaction.guild;

		if (sub === 'list') {
			const { bindings } = await ctx.stores.guilds.get(guild.id);
			if (!bindings.length)
				return void (await interaction.reply({ content: strings.noBindings(), flags: MessageFlags.Ephemeral }));
			return void (await interaction.reply({
				...renderList(guild, bindings, 0, interaction.user.id),
				flags: MessageFlags.Ephemeral,
			}));
		}

		if (sub === 'remove') {
			const bindingId = interaction.options.getString('binding', true).trim();
			// Works even when the bound role was deleted: removal never needs the role to exist.
			const removed = await ctx.stores.guilds.removeBinding(guild.id, bindingId);
			if (!removed) throw new UserError(strings.bindingNotFound());
			void ctx.members.audit.post(guild.id, 'Binding removed', [
				`${describeBinding(removed)} → <@&${removed.roleId}>`,
				`By <@${interaction.user.id}>`,
			]);
			return void (await interaction.reply({
				content: strings.bindingRemoved(describeBinding(removed), removed.roleId),
				flags: MessageFlags.Ephemeral,
			}));
		}

		// add
		const kind = interaction.options.getString('kind', true);
		if (!isBindingKind(kind)) throw new UserError(strings.invalidChoice('kind'));
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
		if (!guild.members.me?.permissions.has(PermissionFlagsBits.ManageRoles))
			throw new UserError(strings.botLacksManageRoles());
		assertGivableRole(guild, role, {
			allowed: interaction.options.getBoolean('allow-dangerous') === true,
			overridable: true,
		});

		const { bindings } = await ctx.stores.guilds.get(guild.id);
		if (bindings.length >= MAX_BINDINGS_PER_GUILD) throw new UserError(strings.bindingLimit(MAX_BINDINGS_PER_GUILD));
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
				content: strings.bindingDuplicate(describeBinding(binding), role.id),
			}));
		void ctx.members.audit.post(guild.id, 'Binding added', [
			`${describeBinding(binding)} → <@&${role.id}>${binding.giveOnly ? ` ${strings.bindingGiveOnlyMark()}` : ''}`,
			`By <@${interaction.user.id}>`,
		]);
		await interaction.editReply({
			content: `${strings.bindingAdded(describeBinding(binding), role.id)} (binding \`${binding.id}\`)${binding.giveOnly ? `\n${strings.bindingGiveOnlyAdded()}` : ''}`,
		});
	},

	/** `group-role`: the roles of the group given in `group:`, by name, with their ranks. */
	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const groupId = parsePositiveId(interaction.options.getString('group') ?? '');
		if (focused.name !== 'group-role' || !groupId) return void (await interaction.respond([]));
		const roles = (await ctx.roblox.getGroupRoles(groupId).catch(() => null)) ?? [];
		const wanted = String(focused.value).toLowerCase();
		await interaction.respond(
			roles
				.filter((role) => role.rank > 0 && role.name.toLowerCase().includes(wanted))
				.slice(0, 25)
				.map((role) => ({ name: `${role.name} (rank ${role.rank})`.slice(0, 100), value: role.id })),
		);
	},

	async button(interaction, ctx, [action, ownerId, page]) {
		if (action === 'purge') {
			// The confirmation an admin gives for removing bindings of deleted roles (from the audit post or /bind list).
			requirePermission(interaction, PermissionFlagsBits.ManageGuild);
			const removed = await removeBindingsOfDeletedRoles(interaction.guild, ctx.stores.guilds, ownerId);
			if (removed.length)
				void ctx.members.audit.post(interaction.guildId, 'Bindings of deleted roles removed', [
					...removed.map((binding) => `\`${binding.id}\` ${describeBinding(binding)} → ${binding.roleId}`),
					`By <@${interaction.user.id}>`,
				]);
			return void (await interaction.reply({
				content: strings.deletedRoleBindingsRemoved(removed.length),
				flags: MessageFlags.Ephemeral,
			}));
		}
		if (action !== 'page')
			return void (await interaction.reply({ content: strings.staleComponent(), flags: MessageFlags.Ephemeral }));
		if (interaction.user.id !== ownerId)
			return void (await interaction.reply({ content: strings.notYourButton(), flags: MessageFlags.Ephemeral }));
		requirePermission(interaction, PermissionFlagsBits.ManageGuild);
		const { bindings } = await ctx.stores.guilds.get(interaction.guildId);
		await interaction.update(renderList(interaction.guild, bindings, Number(page) || 0, ownerId));
	},
} satisfies Command;

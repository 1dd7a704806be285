import { SlashCommandBuilder } from '@discordjs/builders';
import {
	DiscordAPIError,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	type APIEmbed,
	type ChatInputCommandInteraction,
	type Guild,
	type GuildMember,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { requirePermission } from '../src/bot/guards.js';
import { UserError } from '../src/errors.js';
import { parseRobloxTarget } from '../src/linking/input.js';
import { guildAbilities } from '../src/bot/abilities.js';
import { describeBinding } from '../src/kinds/index.js';
import { evaluateMember } from '../src/roles/evaluate.js';
import { planRoleChanges, type GuildAbilities, type RolePlan, type Verdict } from '../src/roles/plan.js';
import { checkAccountAge } from '../src/roles/restrictions.js';
import type { Binding, GuildSettings } from '../src/store/guilds.js';
import type { Link } from '../src/store/links.js';
import { checkEmbedLimits, EMBED_LIMITS, fitEmbed, joinLinesWithin } from '../src/ui/embed-limits.js';
import { profileUrl } from '../src/ui/inventory-view.js';
import { strings } from '../src/ui/strings.js';

/**
 * /lookup: moderators see who is linked to what. Hidden behind Manage Roles by default and checked again at run time
 * (Manage Roles or Timeout Members), because a server can override a command's default permissions. Every answer is
 * ephemeral: it is about another person.
 */

const data = new SlashCommandBuilder()
	.setName('lookup')
	.setDescription("Moderators: see a member's Roblox link, or who is linked to a Roblox account")
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
	.addSubcommand((sub) =>
		sub
			.setName('member')
			.setDescription('The Roblox account a member is linked to, and what their bindings say')
			.addUserOption((o) => o.setName('member').setDescription('The member to look up').setRequired(true)),
	)
	.addSubcommand((sub) =>
		sub
			.setName('roblox')
			.setDescription('The member linked to a Roblox account')
			.addStringOption((o) =>
				o
					.setName('account')
					.setDescription('Roblox username or user id')
					.setRequired(true)
					.setMinLength(1)
					.setMaxLength(32),
			),
	);

const unixOf = (iso: string | undefined): number | null => {
	if (!iso) return null;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

const OWNS = { have: 'owns', not: 'not', unknown: 'unknown' } as const;

/**
 * One line per binding, rendered from the planner's reasons: what the binding says and what the next update does to
 * its role. Nothing is judged here (the one fail-safe is the planner's).
 */
function bindingLines(
	guild: Guild,
	member: GuildMember | null,
	bindings: readonly Binding[],
	plan: RolePlan,
	verdict: Verdict,
): string[] {
	const unknownReason = verdict.status === 'unknown' ? verdict.reason : undefined;
	return bindings.map((binding, i) => {
		const reason = plan.reasons[i]!;
		let role: Parameters<typeof strings.lookupRole>[0];
		if (!guild.roles.cache.has(binding.roleId)) role = 'deleted';
		else if (!member) role = 'not-member';
		else if (member.roles.cache.has(binding.roleId)) role = reason.roleFate === 'not' ? 'has-removed' : 'has';
		else role = reason.roleFate === 'have' ? 'missing-added' : 'missing';
		const note = reason.note && reason.note !== unknownReason ? ` (${reason.note})` : '';
		return strings.lookupBindingLine(
			describeBinding(binding),
			binding.roleId,
			strings.lookupOwns(OWNS[reason.says]) + note,
			strings.lookupRole(role),
		);
	});
}

/** What the planner would do for this member now: one check for every binding of the guild (never one per binding). */
async function planFor(
	ctx: BotContext,
	guild: Guild,
	member: GuildMember | null,
	link: Link,
	config: { bindings: readonly Binding[]; settings: GuildSettings },
): Promise<{ verdict: Verdict; plan: RolePlan }> {
	const verdict = await evaluateMember(
		{ links: ctx.stores.links, roblox: ctx.roblox },
		link.discordId,
		config.bindings,
		{
			priority: 'interactive',
			// The account-age rule reads the Open Cloud user resource's createTime, as member checks do.
			needNames: Boolean(config.settings.minAccountAgeDays),
			link,
		},
	);
	const abilities: GuildAbilities = member
		? guildAbilities(guild, member)
		: {
				canManageRoles: false,
				canManageNicknames: false,
				manageableRoleIds: new Set(),
				existingRoleIds: new Set(guild.roles.cache.keys()),
				memberIsOwner: false,
			};
	const plan = planRoleChanges({
		bindings: config.bindings,
		settings: { ...config.settings, nicknameTemplate: undefined },
		verdict,
		currentRoleIds: member ? member.roles.cache.keys() : [],
		discordName: member?.user.displayName ?? '',
		currentNickname: member?.nickname ?? null,
		abilities,
		...(member?.pending ? { pending: true } : {}),
		now: ctx.now(),
	});
	return { verdict, plan };
}

function finish(embed: APIEmbed): APIEmbed {
	const fitted = fitEmbed(embed);
	const problems = checkEmbedLimits(fitted);
	if (problems.length) throw new Error(`lookup embed breaks Discord limits: ${problems.join('; ')}`);
	return fitted;
}

function linkedLine(link: Link): string {
	const linked = strings.lookupLinked(unixOf(link.linkedAt), strings.lookupMethods[link.method] ?? link.method);
	return link.goneAt ? `${linked}\n${strings.lookupGone(link.goneAt)}` : linked;
}

async function lookupMember(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<void> {
	const user = interaction.options.getUser('member', true);
	const member = interaction.options.getMember('member');
	const link = await ctx.stores.links.getByDiscord(user.id);
	if (!link) throw new UserError(strings.memberNotLinked(`<@${user.id}>`));
	const config = await ctx.stores.guilds.get(interaction.guildId);
	const { bindings, settings } = config;
	const [status, avatar, { verdict, plan }] = await Promise.all([
		ctx.roblox.getUserStatus(link.robloxId),
		ctx.roblox.getAvatarHeadshotUrl(link.robloxId).catch(() => null),
		planFor(ctx, interaction.guild, member, link, config),
	]);
	const name = status?.name ?? link.robloxName ?? link.robloxId;
	const lines = [strings.lookupDiscordMember(user.id), strings.lookupRobloxId(link.robloxId)];
	if (!status) lines.push(strings.lookupAccountGone(link.robloxId));
	const created = unixOf(status?.created);
	if (created !== null) lines.push(strings.lookupAccountCreated(created));
	if (status?.isBanned) lines.push(strings.lookupAccountBanned());
	lines.push(linkedLine(link));
	if (member?.pending) lines.push(strings.lookupPendingScreening());
	const age = checkAccountAge(
		settings.minAccountAgeDays,
		verdict.status === 'unlinked' ? undefined : verdict.roblox.createTime,
		ctx.now(),
	);
	if (age.state === 'too-young') lines.push(strings.lookupHeldBackAge(age.minDays, age.eligibleAt));
	if (age.state === 'unknown' && settings.minAccountAgeDays)
		lines.push(strings.lookupAgeUnknown(settings.minAccountAgeDays));
	lines.push('', strings.lookupBindingsHeader());
	if (verdict.status === 'unknown')
		lines.push(
			verdict.reason === 'private-inventory' ? strings.lookupInventoryPrivate() : strings.lookupOwnershipUnavailable(),
		);
	const head = lines.join('\n');
	const body = bindings.length
		? joinLinesWithin(
				bindingLines(interaction.guild, member, bindings, plan, verdict),
				EMBED_LIMITS.description - head.length - 1,
				strings.lookupMoreBindings,
			)
		: strings.lookupNoBindingsHere();
	const embed: APIEmbed = {
		title: strings.robloxAccountTitle(status?.displayName ?? name, name),
		url: profileUrl(link.robloxId),
		description: `${head}\n${body}`,
	};
	if (avatar) embed.thumbnail = { url: avatar };
	await interaction.editReply({ embeds: [finish(embed)], allowedMentions: { parse: [] } });
}

async function fetchMember(guild: Guild, userId: string): Promise<GuildMember | null> {
	try {
		return await guild.members.fetch(userId);
	} catch (error) {
		if (
			error instanceof DiscordAPIError &&
			(error.code === RESTJSONErrorCodes.UnknownMember || error.code === RESTJSONErrorCodes.UnknownUser)
		)
			return null;
		throw error;
	}
}

async function lookupRoblox(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<void> {
	// Parsing throws a UserError for input that cannot be a username or an id. Banned accounts are looked up too
	// (unlike /verify): a moderator may well be asking about one.
	const target = parseRobloxTarget(interaction.options.getString('account', true));
	let robloxId: string;
	let matchedName: string | undefined;
	if (target.kind === 'name') {
		const match = await ctx.roblox.resolveUsername(target.name);
		if (!match) throw new UserError(strings.robloxUserNotFound());
		robloxId = match.id;
		matchedName = match.name;
	} else robloxId = target.id;
	const [status, link] = await Promise.all([
		ctx.roblox.getUserStatus(robloxId),
		ctx.stores.links.getByRoblox(robloxId),
	]);
	if (!status && !link) throw new UserError(strings.robloxUserNotFound());
	const name = status?.name ?? matchedName ?? link?.robloxName ?? robloxId;
	if (!link) throw new UserError(strings.lookupNoMember(name));
	// A link to someone outside this server is not this server's business: moderators here see only their members.
	const member = await fetchMember(interaction.guild, link.discordId);
	if (!member) throw new UserError(strings.lookupNoMember(name));
	const avatar = await ctx.roblox.getAvatarHeadshotUrl(robloxId).catch(() => null);
	const lines = [strings.lookupDiscordMember(link.discordId), linkedLine(link), strings.lookupRobloxId(robloxId)];
	if (!status) lines.push(strings.lookupAccountGone(robloxId));
	if (status?.isBanned) lines.push(strings.lookupAccountBanned());
	const embed: APIEmbed = {
		title: strings.robloxAccountTitle(status?.displayName ?? name, name),
		url: profileUrl(robloxId),
		description: lines.join('\n'),
	};
	if (avatar) embed.thumbnail = { url: avatar };
	await interaction.editReply({ embeds: [finish(embed)], allowedMentions: { parse: [] } });
}

export default {
	data,
	async execute(interaction, ctx) {
		requirePermission(interaction, PermissionFlagsBits.ManageRoles, PermissionFlagsBits.ModerateMembers);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		if (interaction.options.getSubcommand(true) === 'member') await lookupMember(interaction, ctx);
		else await lookupRoblox(interaction, ctx);
	},
} satisfies Command;

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
import { isRobloxError } from '../src/roblox/errors.js';
import { itemKey, type OwnershipAnswer } from '../src/roblox/types.js';
import { ownershipQuery } from '../src/roles/plan.js';
import { checkAccountAge } from '../src/roles/restrictions.js';
import type { Binding } from '../src/store/guilds.js';
import type { Link } from '../src/store/links.js';
import { checkEmbedLimits, EMBED_LIMITS, fitEmbed, joinLinesWithin } from '../src/ui/embed-limits.js';
import { profileUrl } from '../src/ui/inventory-view.js';
import { describeBinding } from '../src/ui/binding-text.js';
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

type Owns = 'owns' | 'not' | 'unknown';
type Ownership =
	{ status: 'known'; answer: OwnershipAnswer } | { status: 'private' } | { status: 'unavailable' } | { status: 'none' };

const unixOf = (iso: string | undefined): number | null => {
	if (!iso) return null;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

function ownsOf(binding: Binding, ownership: Ownership): Owns {
	if (ownership.status !== 'known') return 'unknown';
	const { answer } = ownership;
	if (binding.kind === 'collectible')
		return answer.ownsCollectible === undefined ? 'unknown' : answer.ownsCollectible ? 'owns' : 'not';
	if (binding.itemId === undefined || answer.unknownKinds?.has(binding.kind)) return 'unknown';
	return answer.owned.has(itemKey({ kind: binding.kind, id: binding.itemId })) ? 'owns' : 'not';
}

/**
 * One line per binding. A role's fate at the next update follows the planner: kept when any of its reasons says
 * "owns" (another binding, or the verified role), left alone while any is unknown, removed only when all say "not".
 */
function bindingLines(
	guild: Guild,
	member: GuildMember | null,
	bindings: readonly Binding[],
	ownership: Ownership,
	verifiedRoleId: string | undefined,
): string[] {
	const owns = bindings.map((binding) => ownsOf(binding, ownership));
	const reasons = new Map<string, Owns[]>();
	bindings.forEach((binding, i) => reasons.set(binding.roleId, [...(reasons.get(binding.roleId) ?? []), owns[i]!]));
	if (verifiedRoleId) reasons.set(verifiedRoleId, [...(reasons.get(verifiedRoleId) ?? []), 'owns']);
	return bindings.map((binding, i) => {
		const says = reasons.get(binding.roleId) ?? [];
		const fate: Owns = says.includes('owns') ? 'owns' : says.includes('unknown') ? 'unknown' : 'not';
		let role: Parameters<typeof strings.lookupRole>[0];
		if (!guild.roles.cache.has(binding.roleId)) role = 'deleted';
		else if (!member) role = 'not-member';
		else if (member.roles.cache.has(binding.roleId)) role = fate === 'not' ? 'has-removed' : 'has';
		else role = fate === 'owns' ? 'missing-added' : 'missing';
		return strings.lookupBindingLine(
			describeBinding(binding),
			binding.roleId,
			strings.lookupOwns(owns[i]!),
			strings.lookupRole(role),
		);
	});
}

/** One ownership request for every binding of the guild (never one per binding). */
async function checkBindings(ctx: BotContext, robloxId: string, bindings: readonly Binding[]): Promise<Ownership> {
	const query = ownershipQuery(bindings);
	if (!query.items.length && !query.collectibles) return { status: 'none' };
	try {
		const answer = await ctx.roblox.checkOwnership(robloxId, query.items, {
			collectibles: query.collectibles,
			priority: 'interactive',
		});
		return { status: 'known', answer };
	} catch (error) {
		if (isRobloxError(error) && error.code === 'private-inventory') return { status: 'private' };
		// The account and link are still worth showing when Roblox is busy; only ownership becomes unknown.
		if (isRobloxError(error) && (error.code === 'rate-limited' || error.code === 'unavailable'))
			return { status: 'unavailable' };
		throw error;
	}
}

function finish(embed: APIEmbed): APIEmbed {
	const fitted = fitEmbed(embed);
	const problems = checkEmbedLimits(fitted);
	if (problems.length) throw new Error(`lookup embed breaks Discord limits: ${problems.join('; ')}`);
	return fitted;
}

function linkedLine(link: Link): string {
	return strings.lookupLinked(unixOf(link.linkedAt), strings.lookupMethods[link.method] ?? link.method);
}

async function lookupMember(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<void> {
	const user = interaction.options.getUser('member', true);
	const member = interaction.options.getMember('member');
	const link = await ctx.stores.links.getByDiscord(user.id);
	if (!link) throw new UserError(strings.memberNotLinked(`<@${user.id}>`));
	const { bindings, settings } = await ctx.stores.guilds.get(interaction.guildId);
	const [status, avatar, ownership, cloudUser] = await Promise.all([
		ctx.roblox.getUserStatus(link.robloxId),
		ctx.roblox.getAvatarHeadshotUrl(link.robloxId).catch(() => null),
		checkBindings(ctx, link.robloxId, bindings),
		// The account-age rule reads the Open Cloud user resource's createTime, as the planner does.
		settings.minAccountAgeDays ? ctx.roblox.getUser(link.robloxId).catch(() => null) : null,
	]);
	const name = status?.name ?? link.robloxName ?? link.robloxId;
	const lines = [strings.lookupDiscordMember(user.id), strings.lookupRobloxId(link.robloxId)];
	if (!status) lines.push(strings.lookupAccountGone(link.robloxId));
	const created = unixOf(status?.created);
	if (created !== null) lines.push(strings.lookupAccountCreated(created));
	if (status?.isBanned) lines.push(strings.lookupAccountBanned());
	lines.push(linkedLine(link));
	if (member?.pending) lines.push(strings.lookupPendingScreening());
	const age = checkAccountAge(settings.minAccountAgeDays, cloudUser?.createTime, ctx.now());
	if (age.state === 'too-young') lines.push(strings.lookupHeldBackAge(age.minDays, age.eligibleAt));
	if (age.state === 'unknown' && settings.minAccountAgeDays)
		lines.push(strings.lookupAgeUnknown(settings.minAccountAgeDays));
	lines.push('', strings.lookupBindingsHeader());
	if (ownership.status === 'private') lines.push(strings.lookupInventoryPrivate());
	if (ownership.status === 'unavailable') lines.push(strings.lookupOwnershipUnavailable());
	const head = lines.join('\n');
	const body = bindings.length
		? joinLinesWithin(
				bindingLines(interaction.guild, member, bindings, ownership, settings.verifiedRoleId),
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

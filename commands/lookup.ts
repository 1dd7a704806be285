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
import { userError } from '../src/errors.js';
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
import { localized } from '../src/ui/command-locales.js';
import { translator, type PlainKey, type Translator } from '../src/ui/i18n.js';
import { robloxReason } from '../src/ui/roblox-reason.js';

/**
 * /lookup: moderators see who is linked to what. Hidden behind Manage Roles by default and checked again at run time
 * (Manage Roles or Timeout Members), because a server can override a command's default permissions. Every answer is
 * ephemeral: it is about another person.
 */

const data = localized(new SlashCommandBuilder(), 'lookup')
	.setContexts(InteractionContextType.Guild)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
	.addSubcommand((sub) =>
		localized(sub, 'lookup.member').addUserOption((o) => localized(o, 'lookup.member.member').setRequired(true)),
	)
	.addSubcommand((sub) =>
		localized(sub, 'lookup.roblox').addStringOption((o) =>
			localized(o, 'lookup.roblox.account').setRequired(true).setMinLength(1).setMaxLength(32),
		),
	);

const unixOf = (iso: string | undefined): number | null => {
	if (!iso) return null;
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

const OWNS: Record<'have' | 'not' | 'unknown', PlainKey> = {
	have: 'lookupOwns',
	not: 'lookupOwnsNot',
	unknown: 'lookupOwnsUnknown',
};
type RoleState = 'has' | 'has-removed' | 'missing-added' | 'missing' | 'deleted' | 'not-member';
const ROLE_STATES: Record<RoleState, PlainKey> = {
	has: 'lookupRoleHas',
	'has-removed': 'lookupRoleHasRemoved',
	'missing-added': 'lookupRoleMissingAdded',
	missing: 'lookupRoleMissing',
	deleted: 'lookupRoleDeleted',
	'not-member': 'lookupRoleNotMember',
};
const METHODS: Record<Link['method'], PlainKey> = {
	'profile-code': 'lookupMethodProfileCode',
	oauth: 'lookupMethodOAuth',
	takeover: 'lookupMethodTakeover',
	import: 'lookupMethodImport',
};

/**
 * One line per binding, rendered from the planner's reasons: what the binding says and what the next update does to
 * its role. Nothing is judged here (the one fail-safe is the planner's).
 */
function bindingLines(
	t: Translator,
	guild: Guild,
	member: GuildMember | null,
	bindings: readonly Binding[],
	plan: RolePlan,
	verdict: Verdict,
): string[] {
	// The header already says why Roblox gave no answer: a note that only repeats it is left out.
	const unknownReason = verdict.status === 'unknown' ? t.text(robloxReason(verdict.reason)) : undefined;
	return bindings.map((binding, i) => {
		const reason = plan.reasons[i]!;
		let role: RoleState;
		if (!guild.roles.cache.has(binding.roleId)) role = 'deleted';
		else if (!member) role = 'not-member';
		else if (member.roles.cache.has(binding.roleId)) role = reason.roleFate === 'not' ? 'has-removed' : 'has';
		else role = reason.roleFate === 'have' ? 'missing-added' : 'missing';
		const owns = t(OWNS[reason.says]);
		const note = reason.note ? t.text(reason.note) : undefined;
		return t('lookupBindingLine', {
			binding: describeBinding(binding),
			roleId: binding.roleId,
			owns: note && note !== unknownReason ? t('lookupOwnsNote', { owns, note }) : owns,
			role: t(ROLE_STATES[role]),
		});
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

function linkedLine(t: Translator, link: Link): string {
	const method = Object.hasOwn(METHODS, link.method) ? t(METHODS[link.method]) : link.method;
	const unix = unixOf(link.linkedAt);
	const linked = unix === null ? t('lookupLinked', { method }) : t('lookupLinkedAt', { unix, method });
	if (!link.goneAt) return linked;
	return `${linked}\n${t('lookupGone', { at: Math.floor(Date.parse(link.goneAt) / 1000) })}`;
}

async function lookupMember(
	interaction: ChatInputCommandInteraction<'cached'>,
	ctx: BotContext,
	t: Translator,
): Promise<void> {
	const user = interaction.options.getUser('member', true);
	const member = interaction.options.getMember('member');
	const link = await ctx.stores.links.getByDiscord(user.id);
	if (!link) throw userError('memberNotLinked', { member: `<@${user.id}>` });
	const config = await ctx.stores.guilds.get(interaction.guildId);
	const { bindings, settings } = config;
	const [status, avatar, { verdict, plan }] = await Promise.all([
		ctx.roblox.getUserStatus(link.robloxId),
		ctx.roblox.getAvatarHeadshotUrl(link.robloxId).catch(() => null),
		planFor(ctx, interaction.guild, member, link, config),
	]);
	const name = status?.name ?? link.robloxName ?? link.robloxId;
	const lines = [t('lookupDiscordMember', { discordId: user.id }), t('lookupRobloxId', { id: link.robloxId })];
	if (!status) lines.push(t('lookupAccountGone', { id: link.robloxId }));
	const created = unixOf(status?.created);
	if (created !== null) lines.push(t('lookupAccountCreated', { unix: created }));
	if (status?.isBanned) lines.push(t('lookupAccountBanned'));
	lines.push(linkedLine(t, link));
	if (member?.pending) lines.push(t('lookupPendingScreening'));
	const age = checkAccountAge(
		settings.minAccountAgeDays,
		verdict.status === 'unlinked' ? undefined : verdict.roblox.createTime,
		ctx.now(),
	);
	if (age.state === 'too-young')
		lines.push(t('lookupHeldBackAge', { minDays: age.minDays, eligible: Math.floor(age.eligibleAt / 1000) }));
	if (age.state === 'unknown' && settings.minAccountAgeDays)
		lines.push(t('lookupAgeUnknown', { minDays: settings.minAccountAgeDays }));
	lines.push('', t('lookupBindingsHeader'));
	if (verdict.status === 'unknown')
		lines.push(t(verdict.reason === 'private-inventory' ? 'lookupInventoryPrivate' : 'lookupOwnershipUnavailable'));
	const head = lines.join('\n');
	const body = bindings.length
		? joinLinesWithin(
				bindingLines(t, interaction.guild, member, bindings, plan, verdict),
				EMBED_LIMITS.description - head.length - 1,
				(count) => t('lookupMoreBindings', { count }),
			)
		: t('lookupNoBindingsHere');
	const embed: APIEmbed = {
		title: t('robloxAccountTitle', { displayName: status?.displayName ?? name, name }),
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

async function lookupRoblox(
	interaction: ChatInputCommandInteraction<'cached'>,
	ctx: BotContext,
	t: Translator,
): Promise<void> {
	// Parsing throws a UserError for input that cannot be a username or an id. Banned accounts are looked up too
	// (unlike /verify): a moderator may well be asking about one.
	const target = parseRobloxTarget(interaction.options.getString('account', true));
	let robloxId: string;
	let matchedName: string | undefined;
	if (target.kind === 'name') {
		const match = await ctx.roblox.resolveUsername(target.name);
		if (!match) throw userError('robloxUserNotFound');
		robloxId = match.id;
		matchedName = match.name;
	} else robloxId = target.id;
	const [status, link] = await Promise.all([
		ctx.roblox.getUserStatus(robloxId),
		ctx.stores.links.getByRoblox(robloxId),
	]);
	if (!status && !link) throw userError('robloxUserNotFound');
	const name = status?.name ?? matchedName ?? link?.robloxName ?? robloxId;
	if (!link) throw userError('lookupNoMember', { name });
	// A link to someone outside this server is not this server's business: moderators here see only their members.
	const member = await fetchMember(interaction.guild, link.discordId);
	if (!member) throw userError('lookupNoMember', { name });
	const avatar = await ctx.roblox.getAvatarHeadshotUrl(robloxId).catch(() => null);
	const lines = [
		t('lookupDiscordMember', { discordId: link.discordId }),
		linkedLine(t, link),
		t('lookupRobloxId', { id: robloxId }),
	];
	if (!status) lines.push(t('lookupAccountGone', { id: robloxId }));
	if (status?.isBanned) lines.push(t('lookupAccountBanned'));
	const embed: APIEmbed = {
		title: t('robloxAccountTitle', { displayName: status?.displayName ?? name, name }),
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
		const t = translator(interaction.locale);
		if (interaction.options.getSubcommand(true) === 'member') await lookupMember(interaction, ctx, t);
		else await lookupRoblox(interaction, ctx, t);
	},
} satisfies Command;

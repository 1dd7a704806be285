import { PermissionFlagsBits, type Guild, type GuildMember, type Role } from 'discord.js';
import type { GuildAbilities } from '../roles/plan.js';
import type { PlainKey } from '../ui/i18n.js';

/** Can the bot give or take this role? Discord's rule: not @everyone, not managed, strictly below the bot's highest role. */
export function roleProblem(guild: Guild, role: Role): 'everyone' | 'managed' | 'above-bot' | null {
	if (role.id === guild.id) return 'everyone';
	if (role.managed) return 'managed';
	const me = guild.members.me;
	if (!me || me.roles.highest.comparePositionTo(role) <= 0) return 'above-bot';
	return null;
}

/** The guild's role hierarchy, seen from the bot, as the plain data the planner needs. */
export function guildAbilities(guild: Guild, member: GuildMember): GuildAbilities {
	const me = guild.members.me;
	const manageable = new Set<string>();
	for (const role of guild.roles.cache.values()) if (roleProblem(guild, role) === null) manageable.add(role.id);
	const memberIsOwner = guild.ownerId === member.id;
	return {
		canManageRoles: me?.permissions.has(PermissionFlagsBits.ManageRoles) ?? false,
		// Discord only lets the bot rename members whose highest role is below its own.
		canManageNicknames:
			(me?.permissions.has(PermissionFlagsBits.ManageNicknames) ?? false) &&
			me !== null &&
			me !== undefined &&
			me.roles.highest.comparePositionTo(member.roles.highest) > 0,
		manageableRoleIds: manageable,
		existingRoleIds: new Set(guild.roles.cache.keys()),
		memberIsOwner,
	};
}

/** Permissions nobody should get by buying an item, with the catalog key of their name. */
export const DANGEROUS_PERMISSIONS: [bigint, PlainKey][] = [
	[PermissionFlagsBits.Administrator, 'permAdministrator'],
	[PermissionFlagsBits.ManageGuild, 'permManageGuild'],
	[PermissionFlagsBits.ManageRoles, 'permManageRoles'],
	[PermissionFlagsBits.BanMembers, 'permBanMembers'],
	[PermissionFlagsBits.KickMembers, 'permKickMembers'],
	[PermissionFlagsBits.ManageChannels, 'permManageChannels'],
	[PermissionFlagsBits.ManageWebhooks, 'permManageWebhooks'],
	[PermissionFlagsBits.MentionEveryone, 'permMentionEveryone'],
];

export function dangerousPermissions(role: Role): PlainKey[] {
	return DANGEROUS_PERMISSIONS.filter(([bit]) => role.permissions.has(bit, false)).map(([, name]) => name);
}

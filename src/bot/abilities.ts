import { PermissionFlagsBits, type Guild, type GuildMember, type Role } from 'discord.js';
import type { GuildAbilities } from '../roles/plan.js';

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

export const DANGEROUS_PERMISSIONS: [bigint, string][] = [
	[PermissionFlagsBits.Administrator, 'Administrator'],
	[PermissionFlagsBits.ManageGuild, 'Manage Server'],
	[PermissionFlagsBits.ManageRoles, 'Manage Roles'],
	[PermissionFlagsBits.BanMembers, 'Ban Members'],
	[PermissionFlagsBits.KickMembers, 'Kick Members'],
	[PermissionFlagsBits.ManageChannels, 'Manage Channels'],
	[PermissionFlagsBits.ManageWebhooks, 'Manage Webhooks'],
	[PermissionFlagsBits.MentionEveryone, 'Mention Everyone'],
];

export function dangerousPermissions(role: Role): string[] {
	return DANGEROUS_PERMISSIONS.filter(([bit]) => role.permissions.has(bit, false)).map(([, name]) => name);
}

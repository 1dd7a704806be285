/** Discord permission bits and the role-hierarchy rules the fake enforces. */

export const Perm = {
	CreateInstantInvite: 1n << 0n,
	KickMembers: 1n << 1n,
	BanMembers: 1n << 2n,
	Administrator: 1n << 3n,
	ManageChannels: 1n << 4n,
	ManageGuild: 1n << 5n,
	AddReactions: 1n << 6n,
	ViewChannel: 1n << 10n,
	SendMessages: 1n << 11n,
	EmbedLinks: 1n << 14n,
	AttachFiles: 1n << 15n,
	ReadMessageHistory: 1n << 16n,
	UseExternalEmojis: 1n << 18n,
	ChangeNickname: 1n << 26n,
	ManageNicknames: 1n << 27n,
	ManageRoles: 1n << 28n,
	UseApplicationCommands: 1n << 31n,
} as const;

/** Every permission bit Discord currently defines (and a few spare ones); what Administrator / ownership grant. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** What a fresh guild's @everyone role gets (roughly Discord's default). */
export const DEFAULT_EVERYONE_PERMISSIONS =
	Perm.CreateInstantInvite |
	Perm.AddReactions |
	Perm.ViewChannel |
	Perm.SendMessages |
	Perm.EmbedLinks |
	Perm.AttachFiles |
	Perm.ReadMessageHistory |
	Perm.UseExternalEmojis |
	Perm.ChangeNickname |
	Perm.UseApplicationCommands;

/** Privileged gateway intents: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
export const Intent = {
	Guilds: 1 << 0,
	GuildMembers: 1 << 1,
	GuildPresences: 1 << 8,
	GuildMessages: 1 << 9,
	MessageContent: 1 << 15,
} as const;

export interface RoleLike {
	id: string;
	permissions: bigint;
	position: number;
	managed: boolean;
}

export interface GuildLike {
	id: string;
	ownerId: string;
	roles: Map<string, RoleLike>;
}

/** Base (guild-level) permissions of a member with the given role ids, as Discord computes them. */
export function computePermissions(guild: GuildLike, userId: string, roleIds: readonly string[]): bigint {
	if (userId === guild.ownerId) return ALL_PERMISSIONS;
	let perms = guild.roles.get(guild.id)?.permissions ?? 0n;
	for (const id of roleIds) perms |= guild.roles.get(id)?.permissions ?? 0n;
	if (perms & Perm.Administrator) return ALL_PERMISSIONS;
	return perms;
}

/** Highest role position among the given roles (@everyone counts as 0). */
export function highestPosition(guild: GuildLike, roleIds: readonly string[]): number {
	let top = 0;
	for (const id of roleIds) {
		const r = guild.roles.get(id);
		if (r && r.position > top) top = r.position;
	}
	return top;
}

export function hasPermission(perms: bigint, bit: bigint): boolean {
	return (perms & Perm.Administrator) !== 0n || (perms & bit) === bit;
}

/** Can an actor holding `actorRoleIds` assign/remove `role`? (strictly below the actor's top role, not managed, not @everyone) */
export function canManageRole(
	guild: GuildLike,
	actorId: string,
	actorRoleIds: readonly string[],
	role: RoleLike,
): boolean {
	if (role.managed || role.id === guild.id) return false;
	if (actorId === guild.ownerId) return true;
	return role.position < highestPosition(guild, actorRoleIds);
}

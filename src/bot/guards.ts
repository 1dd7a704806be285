import { PermissionFlagsBits, type Guild, type RepliableInteraction, type Role } from 'discord.js';
import { userError } from '../errors.js';
import { text } from '../ui/i18n.js';
import type { PlainKey } from '../ui/i18n.js';
import { dangerousPermissions, roleProblem } from './abilities.js';
import type { SlidingWindowLimit } from './cooldown.js';

const PERMISSION_NAMES = new Map<bigint, PlainKey>([
	[PermissionFlagsBits.ManageGuild, 'permManageGuild'],
	[PermissionFlagsBits.ManageRoles, 'permManageRoles'],
	[PermissionFlagsBits.ModerateMembers, 'permModerateMembers'],
]);

/**
 * Run-time permission check. `default_member_permissions` only hides a command; server admins can override it per
 * role or channel, so every privileged handler checks again here. Any one of `anyOf` is enough.
 */
export function requirePermission(interaction: RepliableInteraction<'cached'>, ...anyOf: bigint[]): void {
	const permissions = interaction.memberPermissions;
	if (anyOf.some((bit) => permissions.has(bit))) return;
	const names = anyOf.map((bit) => text(PERMISSION_NAMES.get(bit) ?? 'permAdministrator'));
	throw names.length > 1
		? userError('missingPermissionEither', { first: names[0]!, second: names[1]! })
		: userError('missingPermission', { permission: names[0]! });
}

export function hasPermission(interaction: RepliableInteraction<'cached'>, bit: bigint): boolean {
	return interaction.memberPermissions.has(bit);
}

export function takeRateLimit(limit: SlidingWindowLimit, key: string): void {
	const waitMs = limit.take(key);
	if (waitMs > 0) throw userError('tooFast', { count: Math.max(1, Math.ceil(waitMs / 1000)) });
}

/**
 * Refuses a role Rolink must not hand out: @everyone, a managed role, one above Rolink's highest role, or one with
 * dangerous permissions unless the admin explicitly allowed it (`overridable` says whether the command offers that).
 */
export function assertGivableRole(
	guild: Guild,
	role: Role,
	dangerous: { allowed: boolean; overridable: boolean },
): void {
	const problem = roleProblem(guild, role);
	if (problem === 'everyone') throw userError('roleIsEveryone');
	if (problem === 'managed') throw userError('roleIsManaged', { roleId: role.id });
	if (problem === 'above-bot') throw userError('roleAboveBot', { roleId: role.id });
	const permissions = dangerousPermissions(role);
	if (permissions.length && !dangerous.allowed)
		throw userError(dangerous.overridable ? 'roleDangerousOverridable' : 'roleDangerous', {
			roleId: role.id,
			permissions: permissions.map((key) => text(key)),
		});
}

import { PermissionFlagsBits, type Guild, type RepliableInteraction, type Role } from 'discord.js';
import { UserError } from '../errors.js';
import { strings } from '../ui/strings.js';
import { dangerousPermissions, roleProblem } from './abilities.js';
import type { SlidingWindowLimit } from './cooldown.js';

const PERMISSION_NAMES = new Map<bigint, string>([
	[PermissionFlagsBits.ManageGuild, 'Manage Server'],
	[PermissionFlagsBits.ManageRoles, 'Manage Roles'],
	[PermissionFlagsBits.ModerateMembers, 'Timeout Members'],
]);

/**
 * Run-time permission check. `default_member_permissions` only hides a command; server admins can override it per
 * role or channel, so every privileged handler checks again here. Any one of `anyOf` is enough.
 */
export function requirePermission(interaction: RepliableInteraction<'cached'>, ...anyOf: bigint[]): void {
	const permissions = interaction.memberPermissions;
	if (anyOf.some((bit) => permissions.has(bit))) return;
	throw new UserError(
		strings.missingPermission(anyOf.map((bit) => PERMISSION_NAMES.get(bit) ?? 'required').join('** or **')),
	);
}

export function hasPermission(interaction: RepliableInteraction<'cached'>, bit: bigint): boolean {
	return interaction.memberPermissions.has(bit);
}

export function takeRateLimit(limit: SlidingWindowLimit, key: string): void {
	const waitMs = limit.take(key);
	if (waitMs > 0) throw new UserError(strings.tooFast(waitMs));
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
	if (problem === 'everyone') throw new UserError(strings.roleIsEveryone());
	if (problem === 'managed') throw new UserError(strings.roleIsManaged(role.id));
	if (problem === 'above-bot') throw new UserError(strings.roleAboveBot(role.id));
	const permissions = dangerousPermissions(role);
	if (permissions.length && !dangerous.allowed)
		throw new UserError(strings.roleDangerous(role.id, permissions, dangerous.overridable));
}

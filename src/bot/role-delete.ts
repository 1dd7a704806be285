import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Events, type Client, type Guild } from 'discord.js';
import type { Logger } from '../logger.js';
import type { Binding, GuildStore } from '../store/guilds.js';
import { translator, type Translator } from '../ui/i18n.js';
import type { AuditLog } from './audit.js';
import { customId } from './command.js';

/**
 * Deleted roles: bindings that gave one do nothing any more. They are not removed silently (a role deleted by
 * mistake and re-created is easier to rebind when the admin sees what pointed at it): the audit channel is told at
 * once with a button, `/bind list` flags them with the same button, and the bindings go when an admin presses it.
 */

/** The button that removes the bindings of deleted roles (all of them, or one role's). Checked again on press. */
export function removeDeletedRoleBindingsRow(t: Translator, roleId?: string) {
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(roleId ? customId('bind', 'purge', roleId) : customId('bind', 'purge'))
			.setLabel(t('removeDeletedRoleBindingsLabel'))
			.setStyle(ButtonStyle.Danger),
	);
}

export const bindingsOfDeletedRoles = (guild: Guild, bindings: readonly Binding[]) =>
	bindings.filter((binding) => !guild.roles.cache.has(binding.roleId));

/** Removes the bindings whose role is gone now (only `roleId`'s when given). A role that exists again is kept. */
export async function removeBindingsOfDeletedRoles(
	guild: Guild,
	guilds: Pick<GuildStore, 'get' | 'removeBindingsForRole'>,
	roleId?: string,
): Promise<Binding[]> {
	const { bindings } = await guilds.get(guild.id);
	const roleIds = new Set(
		bindingsOfDeletedRoles(guild, bindings)
			.map((binding) => binding.roleId)
			.filter((id) => roleId === undefined || id === roleId),
	);
	const removed: Binding[] = [];
	for (const id of roleIds) removed.push(...(await guilds.removeBindingsForRole(guild.id, id)));
	return removed;
}

export function attachRoleDelete(
	client: Client,
	deps: { guilds: Pick<GuildStore, 'get'>; audit: AuditLog; logger: Logger },
): void {
	client.on(Events.GuildRoleDelete, (role) => {
		void (async () => {
			const { bindings } = await deps.guilds.get(role.guild.id);
			const affected = bindings.filter((binding) => binding.roleId === role.id);
			if (affected.length === 0) return;
			deps.logger.info({ guildId: role.guild.id, roleId: role.id, bindings: affected.length }, 'bound role deleted');
			const ids = affected.map((binding) => `\`${binding.id}\``).join(', ');
			await deps.audit.post(
				role.guild.id,
				(t) => ({
					title: t('boundRoleDeletedTitle'),
					lines: [
						t('boundRoleDeleted', { name: role.name, roleId: role.id, count: affected.length, ids }),
						t('boundRoleDeletedHelp'),
					],
				}),
				// The audit channel is public to the staff: the button is in the server's language too.
				[removeDeletedRoleBindingsRow(translator(role.guild.preferredLocale), role.id)],
			);
		})().catch((error: unknown) =>
			deps.logger.warn({ err: error, guildId: role.guild.id, roleId: role.id }, 'role deletion handling failed'),
		);
	});
}

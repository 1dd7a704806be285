import type { Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { LinkedPort } from '../web/server.js';
import type { MemberSync } from './member-sync.js';

/**
 * The bot side of a web link: grant the member's roles at once in the server they started from (and follow them
 * everywhere else), tell the audit channel, and take roles from an earlier holder of the Roblox account.
 */
export function createLinkedPort(client: Client, members: MemberSync, logger: Logger): LinkedPort {
	return async ({ link, previousHolder, guildId }) => {
		const name = link.robloxName ?? link.robloxId;
		void members.audit.post(guildId, (t) => ({
			title: t(previousHolder ? 'auditAccountTakenOver' : 'auditAccountLinked'),
			lines: [
				t('auditLinkedSignInLine', { discordId: link.discordId, name, robloxId: link.robloxId }),
				...(previousHolder ? [t('auditTakenOverLine', { previous: previousHolder })] : []),
			],
		}));
		if (previousHolder) void members.refreshEverywhere(previousHolder, 'unlink');
		void members.refreshEverywhere(link.discordId, 'link', guildId);
		const guild = client.guilds.cache.get(guildId);
		if (!guild) return { guildName: null, added: [] };
		const member = await guild.members.fetch(link.discordId).catch(() => null);
		if (!member) return { guildName: null, added: [] };
		const result = await members.sync(member, { trigger: 'link', priority: 'interactive', fresh: true, link });
		if (!result.applied) logger.warn({ guildId, userId: link.discordId }, 'roles after a web link were not applied');
		const added = result.applied ? result.plan.add.map((id) => guild.roles.cache.get(id)?.name ?? id) : [];
		return { guildName: guild.name, added };
	};
}

import { Events, type Client, type GuildMember } from 'discord.js';
import type { Logger } from '../logger.js';
import type { GuildStore } from '../store/guilds.js';
import type { MemberSync } from './member-sync.js';

/**
 * A member joins: with auto-verify on (the default), a linked member gets their roles at once and an unlinked one
 * the unverified role. Failures are logged; the sweep catches up later.
 */
export function attachMemberJoin(
	client: Client,
	deps: { guilds: GuildStore; members: MemberSync; logger: Logger },
): void {
	client.on(Events.GuildMemberAdd, (member) => void onJoin(member, deps));
}

async function onJoin(
	member: GuildMember,
	deps: { guilds: GuildStore; members: MemberSync; logger: Logger },
): Promise<void> {
	if (member.user.bot) return;
	try {
		const config = await deps.guilds.get(member.guild.id);
		if (!config.settings.autoVerify) return;
		await deps.members.sync(member, { trigger: 'join', priority: 'interactive', config });
	} catch (error) {
		deps.logger.warn({ err: error, guildId: member.guild.id, userId: member.id }, 'join check failed');
	}
}

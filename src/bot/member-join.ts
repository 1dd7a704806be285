import { Events, type Client, type GuildMember, type PartialGuildMember } from 'discord.js';
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
	client.on(Events.GuildMemberUpdate, (before, after) => void onUpdate(before, after, deps));
}

/**
 * Membership Screening: a member is `pending` until they accept the rules, and is held back until then (see the
 * planner). The member update that clears `pending` is the moment to give their roles.
 */
async function onUpdate(
	before: GuildMember | PartialGuildMember,
	after: GuildMember,
	deps: { guilds: GuildStore; members: MemberSync; logger: Logger },
): Promise<void> {
	if (after.user.bot || after.pending) return;
	// A cached old member that was not pending: an ordinary update (roles, nickname), nothing to do.
	if (!before.partial && before.pending !== true) return;
	try {
		// Every member update ends here (roles, nicknames): only the one that clears `pending` matters. The stored
		// hold covers an old member Discord sent as a partial.
		const held = await deps.members.takeScreeningHold(after.guild.id, after.id);
		if (!held && before.pending !== true) return;
		const config = await deps.guilds.get(after.guild.id);
		if (!held && !config.settings.autoVerify) return;
		await deps.members.sync(after, { trigger: 'screening', priority: 'interactive', config });
	} catch (error) {
		deps.logger.warn({ err: error, guildId: after.guild.id, userId: after.id }, 'screening check failed');
	}
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

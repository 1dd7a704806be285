/**
 * One check per Roblox user across guilds. The sweep lists every guild's linked members at the start of a pass, so it
 * already knows, for free (no Discord call), every guild a member shares with the bot. A member is checked once, at
 * their first place in the pass order (guilds by id, then members by id), in all of their guilds together: one Roblox
 * question with the union of those guilds' bindings, then each guild's own plan. Their later places are covered.
 *
 * Nothing beyond the usual position has to be saved for that: the order is stable, so after a restart the member
 * whose first place is before the saved position was done in every guild, and one whose first place is after it was
 * not done in any. (If memberships change while the process is down, a member may be checked once more, or, when
 * they joined a guild earlier in the order, wait for the next pass in their other guilds; the join itself was
 * checked by the join handler.)
 */

/** A (guild, member) place in the pass order. */
export type SweepTarget = readonly [guildId: string, memberId: string];

export interface SweepUser {
	memberId: string;
	/** Every guild the member is a linked member of, in pass order; the first is where the position is saved. */
	guildIds: string[];
}

/**
 * The members a pass still has to check, from its first unchecked place (`from`) on, each once with all of their
 * guilds, in the order of their first place. Members with a place before `from` were checked with all their guilds.
 */
export function usersFrom(targets: readonly SweepTarget[], from: number): SweepUser[] {
	const byMember = new Map<string, SweepUser>();
	const done = new Set<string>();
	for (const [index, [guildId, memberId]] of targets.entries()) {
		if (done.has(memberId)) continue;
		const user = byMember.get(memberId);
		if (user) user.guildIds.push(guildId);
		else if (index < from) done.add(memberId);
		else byMember.set(memberId, { memberId, guildIds: [guildId] });
	}
	return [...byMember.values()];
}

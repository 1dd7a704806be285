/**
 * How a bulk run or sweep reads the group memberships of many members: batches (`groups/-/memberships?filter=user in
 * [...]`, 50 users a request, every group at once) or the bound groups' rosters (`groups/{id}/memberships`, 100
 * members a page, one group each). Chosen by measured cost, in requests of the one memberships budget (300 a minute
 * per key owner), so fewer requests is also less time.
 *
 * Why there is no mix: a batch request answers every group for its users, a roster one group for everyone. Reading
 * some groups by roster still leaves the others to batches over all the members, so a mix costs the batches plus
 * the roster pages: never less than batches alone. The choice is all rosters or all batches.
 */

import { MAX_USERS_PER_MEMBERSHIP_FILTER as USERS_PER_BATCH, MEMBERSHIP_PAGE_SIZE } from './groups.js';

/**
 * A roster is read before the first check it serves, so its pages are a wait at the start. At most one minute of
 * the memberships budget (300 requests = 30,000 members); a bigger group is always read by batches.
 */
export const MAX_ROSTER_PAGES = 300;

export interface GroupSize {
	id: string;
	/** `memberCount` from `groups/{id}`; null when it could not be read (then no roster: its cost is unknown). */
	memberCount: number | null;
	/** A complete roster of this group is already held and fresh: reading it costs nothing now. */
	fresh?: boolean;
}

export interface GroupReadInput {
	/** Linked members these reads must answer, within one roster lifetime (later members are decided again). */
	members: number;
	/** Every group the members' checks ask about. */
	groups: readonly GroupSize[];
	/** Measured pages a batch request takes (users in many groups make long answers); default 1. */
	pagesPerBatch?: number;
}

export interface GroupReadPlan {
	/** 'rosters': every group by roster, no batch request; 'batches': every member by batches. */
	way: 'rosters' | 'batches';
	/** Groups to read whole (those not already fresh); empty for batches. */
	rosters: string[];
	/** Requests each way costs; `rosters` is null when rosters are not an option (a size unknown or too big). */
	cost: { batches: number; rosters: number | null };
}

export const rosterPages = (memberCount: number) => Math.max(1, Math.ceil(memberCount / MEMBERSHIP_PAGE_SIZE));

/** The cheaper way to read these members' groups. A tie goes to batches: their answers are read just before use. */
export function chooseGroupReads(input: GroupReadInput): GroupReadPlan {
	const members = Math.max(0, Math.ceil(input.members));
	const perBatch = Math.max(1, input.pagesPerBatch ?? 1);
	const batches = Math.ceil(members / USERS_PER_BATCH) * perBatch;
	let rosters: number | null = 0;
	const toRead: string[] = [];
	for (const g of input.groups) {
		if (g.fresh) continue;
		if (g.memberCount === null || !Number.isFinite(g.memberCount) || g.memberCount < 0) {
			rosters = null;
			break;
		}
		const pages = rosterPages(g.memberCount);
		if (pages > MAX_ROSTER_PAGES) {
			rosters = null;
			break;
		}
		rosters += pages;
		toRead.push(g.id);
	}
	const cost = { batches, rosters };
	if (input.groups.length === 0 || members === 0) return { way: 'batches', rosters: [], cost };
	if (rosters !== null && rosters < batches) return { way: 'rosters', rosters: toRead, cost };
	return { way: 'batches', rosters: [], cost };
}

/**
 * The mass-removal breaker: one rule, pure. Bulk runs and the sweep hold the removals of bound roles while they
 * check a guild, then ask this rule whether that many at once looks like members selling items (apply them) or like
 * an upstream change (an item id changed, a Roblox API change, a misconfigured binding: hold them for an admin).
 * The planner's fail-safe (src/roles/plan.ts) is a different rule: it never removes on an unknown answer; this one
 * looks at many members' complete answers together.
 */

export interface BreakerSetting {
	/** Holds when more than this share of the members checked would lose a bound role (percent, 1–100). */
	percent: number;
	/** …and at least this many members would (so a small server's ordinary week does not trip it). */
	minimum: number;
}

/** What a guild stores (`settings.removalBreaker`); absent fields take the defaults. */
export interface StoredBreaker {
	off?: boolean;
	percent?: number;
	minimum?: number;
}

export const DEFAULT_BREAKER: BreakerSetting = { percent: 10, minimum: 20 };
export const BREAKER_PERCENT_MAX = 100;
export const BREAKER_MINIMUM_MAX = 100_000;

/** The guild's breaker, or null when an admin turned it off. */
export function breakerSetting(stored: StoredBreaker | undefined): BreakerSetting | null {
	if (stored?.off) return null;
	return { percent: stored?.percent ?? DEFAULT_BREAKER.percent, minimum: stored?.minimum ?? DEFAULT_BREAKER.minimum };
}

export interface RemovalCounts {
	/** Members whose check ended with a complete answer (failed checks tell nothing either way). */
	checked: number;
	/** Members among them who would lose at least one bound role. */
	losing: number;
}

/** True when the removals must wait for an admin. Integer arithmetic: 10% of 200 is exactly 20, not "more". */
export function breakerTrips(setting: BreakerSetting | null, counts: RemovalCounts): boolean {
	if (!setting || counts.losing === 0) return false;
	return counts.losing >= setting.minimum && counts.losing * 100 > setting.percent * counts.checked;
}

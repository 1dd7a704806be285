/**
 * Server restrictions on who may get roles, as pure functions: the planner applies them (so the fail-safe stays in
 * one place) and /lookup shows them with the same rule.
 */

const DAY_MS = 86_400_000;

/** Upper bound for the setting: Roblox accounts are younger than 20 years, and a larger number is a typo. */
export const MAX_ACCOUNT_AGE_DAYS = 3650;

export type AccountAgeCheck =
	| { state: 'ok' }
	/** Younger than the server's minimum; roles are held back until `eligibleAt` (ms since the epoch). */
	| { state: 'too-young'; minDays: number; eligibleAt: number }
	/** A minimum is set but the creation time is not known (Roblox did not say): nothing may change. */
	| { state: 'unknown' };

/** `createTime` is the Open Cloud user resource's RFC 3339 creation time. */
export function checkAccountAge(
	minDays: number | undefined,
	createTime: string | undefined,
	now: number,
): AccountAgeCheck {
	if (!minDays || minDays <= 0) return { state: 'ok' };
	const created = createTime === undefined ? NaN : Date.parse(createTime);
	if (!Number.isFinite(created)) return { state: 'unknown' };
	const eligibleAt = created + minDays * DAY_MS;
	return eligibleAt > now ? { state: 'too-young', minDays, eligibleAt } : { state: 'ok' };
}

import type { Verdict } from '../roles/plan.js';
import type { Link, LinkStore } from '../store/links.js';

/**
 * Roblox accounts that no longer exist. A deleted or terminated account answers 404 ("no such user"), which on its own
 * is just an unknown answer: no role is removed. Only 404s that keep coming for days (not one blip: an outage or a
 * bad deploy at Roblox can answer 404 for an hour) make the account gone. Then the member counts as not linked for
 * roles and /verify, the record stays marked for moderators, and the audit channel is told.
 */

export const GONE_AFTER_MS = 3 * 86_400_000;
export const GONE_MIN_CHECKS = 3;

/** Records what Roblox said about the linked account; 'gone' when this answer is the one that makes it gone. */
export async function noteRobloxAnswer(
	links: Pick<LinkStore, 'updateHealth'>,
	link: Link,
	verdict: Verdict,
	now: number,
): Promise<'gone' | null> {
	if (link.goneAt) return null;
	if (verdict.status === 'owned') {
		if (link.missingSince === undefined && link.missingChecks === undefined) return null;
		await links.updateHealth(link.discordId, link.robloxId, (current) => {
			delete current.missingSince;
			delete current.missingChecks;
			return current;
		});
		return null;
	}
	if (verdict.status !== 'unknown' || verdict.reason !== 'user-not-found') return null;
	const updated = await links.updateHealth(link.discordId, link.robloxId, (current) => {
		const since = current.missingSince ?? new Date(now).toISOString();
		const checks = (current.missingChecks ?? 0) + 1;
		const gone = checks >= GONE_MIN_CHECKS && now - Date.parse(since) >= GONE_AFTER_MS;
		return {
			...current,
			missingSince: since,
			missingChecks: checks,
			...(gone ? { goneAt: new Date(now).toISOString() } : {}),
		};
	});
	return updated?.goneAt ? 'gone' : null;
}

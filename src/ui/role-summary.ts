import type { SyncResult } from '../bot/member-sync.js';
import { strings } from './strings.js';

/** The text a member reads after their roles were checked: what changed, and why anything did not. */
export function describeSync(result: SyncResult, subject: { self: boolean; name?: string } = { self: true }): string {
	const lines: string[] = [];
	if (result.plan.heldBack?.reason === 'screening')
		lines.push(subject.self ? strings.heldBackScreening() : strings.heldBackScreeningOf());
	const held = result.plan.heldBack;
	if (held?.reason === 'account-age')
		lines.push(
			subject.self
				? strings.heldBackAccountAge(held.minDays, held.eligibleAt)
				: strings.heldBackAccountAgeOf(held.minDays, held.eligibleAt),
		);
	if (result.verdict.status === 'unknown') {
		const privateText = subject.self
			? strings.inventoryPrivate()
			: strings.inventoryPrivateOf(subject.name ?? result.verdict.roblox.name);
		lines.push(result.verdict.reason === 'private-inventory' ? privateText : strings.rolesKeptOnError());
	}
	if (result.applyError) lines.push(strings.botMissingPermissions());
	else
		lines.push(
			strings.updateSummary({
				added: result.changed ? result.plan.add : [],
				removed: result.changed ? result.plan.remove : [],
				nickname: result.changed ? result.plan.nickname : null,
				blocked: result.plan.blocked,
			}),
		);
	return lines.join('\n');
}

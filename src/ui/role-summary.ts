import type { SyncResult } from '../bot/member-sync.js';
import type { Translator } from './i18n.js';

const roleList = (ids: readonly string[]) => ids.map((id) => `<@&${id}>`).join(', ');

/** The text a member reads after their roles were checked: what changed, and why anything did not. */
export function describeSync(
	t: Translator,
	result: SyncResult,
	subject: { self: boolean; name?: string } = { self: true },
): string {
	const lines: string[] = [];
	if (result.plan.heldBack?.reason === 'screening')
		lines.push(t(subject.self ? 'heldBackScreening' : 'heldBackScreeningOf'));
	const held = result.plan.heldBack;
	if (held?.reason === 'account-age')
		lines.push(
			t(subject.self ? 'heldBackAccountAge' : 'heldBackAccountAgeOf', {
				minDays: held.minDays,
				eligible: Math.floor(held.eligibleAt / 1000),
			}),
		);
	if (result.verdict.status === 'unknown') {
		const privateText = subject.self
			? t('inventoryPrivate')
			: t('inventoryPrivateOf', { name: subject.name ?? result.verdict.roblox.name });
		lines.push(result.verdict.reason === 'private-inventory' ? privateText : t('rolesKeptOnError'));
	}
	if (result.applyError) lines.push(t('botMissingPermissions'));
	else {
		const { add, remove, nickname, blocked } = result.plan;
		const summary: string[] = [];
		if (result.changed && add.length) summary.push(t('summaryAdded', { roles: roleList(add) }));
		if (result.changed && remove.length) summary.push(t('summaryRemoved', { roles: roleList(remove) }));
		if (result.changed && nickname) summary.push(t('summaryNickname', { nickname }));
		if (!summary.length) summary.push(t('summaryUpToDate'));
		if (blocked.length) summary.push(t('summaryBlocked', { roles: roleList(blocked) }));
		lines.push(summary.join('\n'));
	}
	return lines.join('\n');
}

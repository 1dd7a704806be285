import type { GuildSettings } from '../store/guilds.js';
import type { PlainKey } from './i18n.js';

/** What each setting is called on screen: /settings show, the audit entry naming what changed, an import preview. */
export const SETTING_LABELS: Readonly<Record<keyof GuildSettings, PlainKey>> = {
	verifiedRoleId: 'settingsVerifiedRole',
	unverifiedRoleId: 'settingsUnverifiedRole',
	auditChannelId: 'settingsAuditChannel',
	nicknameTemplate: 'settingsNicknameTemplate',
	autoVerify: 'settingsAutoVerify',
	panel: 'settingsVerifyPanel',
	minAccountAgeDays: 'settingsMinAccountAge',
	nicknameGroupId: 'settingsNicknameGroup',
	removalBreaker: 'settingsRemovalBreaker',
};

import type { RobloxErrorCode } from '../roblox/errors.js';
import { text, type PlainKey, type Text } from './i18n.js';

/**
 * Why Roblox gave no answer, in a few words, for a RobloxError code (the `reason` of a failed part of the facts): the
 * /lookup notes and the failures of an /update-all run both say it this way.
 */
const ROBLOX_REASONS: Readonly<Record<RobloxErrorCode | 'not-asked', PlainKey>> = {
	'private-inventory': 'robloxReasonPrivate',
	'rate-limited': 'robloxReasonRateLimited',
	unavailable: 'robloxReasonUnavailable',
	'user-not-found': 'robloxReasonUserNotFound',
	'not-found': 'robloxReasonNotFound',
	'invalid-argument': 'robloxReasonInvalidArgument',
	'bad-api-key': 'robloxReasonBadApiKey',
	'oauth-refused': 'robloxReasonOAuthRefused',
	'token-revoked': 'robloxReasonTokenRevoked',
	/** The check did not ask Roblox for this part (e.g. no group memberships when the inventory failed first). */
	'not-asked': 'robloxReasonNotAsked',
};

/** A code in words; a code Rolink does not know yet is shown as it is rather than hidden. */
export const robloxReason = (code: string): Text =>
	Object.hasOwn(ROBLOX_REASONS, code)
		? text(ROBLOX_REASONS[code as keyof typeof ROBLOX_REASONS])
		: text('robloxReasonOther', { code });

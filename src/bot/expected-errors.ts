import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { isRobloxError } from '../roblox/errors.js';
import { BindingLimitError, StorageUnavailableError } from '../store/errors.js';
import { text, type Text } from '../ui/i18n.js';

/**
 * Failures that are not bugs: Roblox down or rate limited, storage unreachable, Discord refusing for a permission
 * reason. Returns the user-facing text (worded in the reader's language by the caller), or null when the error is
 * unexpected.
 */
export function describeExpectedError(error: unknown): Text | null {
	if (error instanceof StorageUnavailableError) return text('storageUnavailable');
	// Limits the stores enforce under their lock (two /bind add at the limit at once: the check before it passed).
	if (error instanceof BindingLimitError) return text('bindingLimit', { max: error.limit });
	if (isRobloxError(error)) {
		switch (error.code) {
			case 'private-inventory':
				return text('inventoryPrivate');
			case 'user-not-found':
				return text('robloxUserNotFound');
			case 'rate-limited':
				return text('robloxBusy');
			case 'unavailable':
				return text('robloxUnavailable');
			case 'bad-api-key':
				return text('robloxKeyRejected');
			default:
				return null;
		}
	}
	if (error instanceof DiscordAPIError) {
		if (error.code === RESTJSONErrorCodes.MissingPermissions) return text('botMissingPermissions');
		if (error.code === RESTJSONErrorCodes.UnknownMember) return text('memberLeft');
	}
	return null;
}

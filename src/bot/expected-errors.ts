import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { isRobloxError } from '../roblox/errors.js';
import { BindingLimitError, StorageUnavailableError } from '../store/errors.js';
import { strings } from '../ui/strings.js';

/**
 * Failures that are not bugs: Roblox down or rate limited, storage unreachable, Discord refusing for a permission
 * reason. Returns the user-facing text, or null when the error is unexpected.
 */
export function describeExpectedError(error: unknown): string | null {
	if (error instanceof StorageUnavailableError) return strings.storageUnavailable();
	// Limits the stores enforce under their lock (two /bind add at the limit at once: the check before it passed).
	if (error instanceof BindingLimitError) return strings.bindingLimit(error.limit);
	if (isRobloxError(error)) {
		switch (error.code) {
			case 'private-inventory':
				return strings.inventoryPrivate();
			case 'user-not-found':
				return strings.robloxUserNotFound();
			case 'rate-limited':
				return strings.robloxBusy();
			case 'unavailable':
				return strings.robloxUnavailable();
			case 'bad-api-key':
				return strings.robloxKeyRejected();
			default:
				return null;
		}
	}
	if (error instanceof DiscordAPIError) {
		if (error.code === RESTJSONErrorCodes.MissingPermissions) return strings.botMissingPermissions();
		if (error.code === RESTJSONErrorCodes.UnknownMember) return strings.memberLeft();
	}
	return null;
}

import { itemKind } from './item.js';

/**
 * A private server: Roblox only shows a user's private servers to that user's own key, so for everyone else the
 * answer is "unreadable" and the binding stays unknown (never removed).
 */
export const privateServer = itemKind({
	kind: 'private-server',
	word: 'bindingPrivateServer',
	unreadable: 'notePrivateServerUnreadable',
});

import { randomBytes } from 'node:crypto';
import { en, text, type Args, type Text } from './ui/i18n.js';
import type { MessageKey } from './ui/strings.js';

/**
 * An expected problem the person can fix (bad input, missing permission, private inventory…). The router shows its
 * message ephemerally, in the reader's language (the catalog key is worded when shown; `message` is English, for
 * logs). Anything that is not a UserError is a bug: logged with an error id, never shown.
 */
export class UserError extends Error {
	constructor(readonly text: Text) {
		super(en.text(text));
		this.name = 'UserError';
	}
}

/** `throw userError('bindingLimit', { max })`: a UserError from a catalog key, placeholders checked by the compiler. */
export function userError<K extends MessageKey>(key: K, ...args: Args<K>): UserError {
	return new UserError(text(key, ...args));
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** Short, unambiguous id that a server owner can read out to support and that we can grep for in the logs. */
export function newErrorId(): string {
	return randomBytes(4).toString('hex');
}

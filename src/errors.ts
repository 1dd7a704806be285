import { randomBytes } from 'node:crypto';

/**
 * An expected problem the person can fix (bad input, missing permission, private inventory…). The router shows its
 * message ephemerally as it is. Anything that is not a UserError is a bug: logged with an error id, never shown.
 */
export class UserError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UserError';
	}
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** Short, unambiguous id that a server owner can read out to support and that we can grep for in the logs. */
export function newErrorId(): string {
	return randomBytes(4).toString('hex');
}

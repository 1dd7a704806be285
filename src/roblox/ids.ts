import { RobloxError } from './errors.js';

/**
 * Roblox ids travel as strings in Open Cloud v2 and as JSON numbers on the legacy hosts. Everything we
 * hand out is a string of digits, so ownership sets and caches never see `123` and `"123"` as different.
 */

const DIGITS = /^\d{1,20}$/;

export const isId = (v: string): boolean => DIGITS.test(v);

/** Normalise an id from a response; anything else means the body is not what the contract says. */
export function idFromWire(v: unknown, what: string): string {
	if (typeof v === 'string' && DIGITS.test(v)) return v;
	if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
	throw new RobloxError('unavailable', `Roblox sent a malformed ${what}`);
}

/** Validate an id we are about to put in a URL; a bad one is the caller's mistake, so no request is made. */
export function assertId(v: string, what: string): string {
	if (!DIGITS.test(v)) throw new RobloxError('invalid-argument', `${what} must be a string of digits`);
	return v;
}

import { userError } from '../errors.js';

/**
 * Parsing what members type as "a Roblox account". Roblox usernames are 3–20 ASCII letters, digits and at most one
 * underscore, not at either end. Anything made only of digits is taken as a user id (what the profile URL shows).
 */

const USERNAME = /^(?=.{3,20}$)[A-Za-z0-9]+(?:_[A-Za-z0-9]+)?$/;
const MAX_INT64 = 9_223_372_036_854_775_807n;

export type RobloxTarget = { kind: 'id'; id: string } | { kind: 'name'; name: string };

/** A positive int64 as a canonical decimal string, or null. Rejects 0, signs, decimals, exponents and spaces inside. */
export function parsePositiveId(raw: string): string | null {
	const text = raw.trim();
	if (!/^\d{1,19}$/.test(text)) return null;
	const value = BigInt(text);
	if (value <= 0n || value > MAX_INT64) return null;
	return value.toString();
}

export function parseRobloxTarget(raw: string): RobloxTarget {
	const text = raw.trim();
	if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
		const id = parsePositiveId(text);
		if (id === null) throw userError('invalidUserId');
		return { kind: 'id', id };
	}
	if (!USERNAME.test(text)) throw userError('invalidUsername');
	return { kind: 'name', name: text };
}

import { describe, expect, it } from 'vitest';
import { parsePositiveId, parseRobloxTarget } from '../../src/linking/input.js';
import { aboutContainsCode } from '../../src/linking/verification.js';
import { UserError } from '../../src/errors.js';

describe('parseRobloxTarget', () => {
	it.each([
		['builderman', { kind: 'name', name: 'builderman' }],
		['  Builder_Man  ', { kind: 'name', name: 'Builder_Man' }],
		['abc', { kind: 'name', name: 'abc' }],
		['156', { kind: 'id', id: '156' }],
		['0001', { kind: 'id', id: '1' }],
		['9223372036854775807', { kind: 'id', id: '9223372036854775807' }],
	])('accepts %j', (input, expected) => {
		expect(parseRobloxTarget(input)).toEqual(expected);
	});

	it.each([
		'ab', // too short
		'a'.repeat(21), // too long
		'_bob', // underscore at the start
		'bob_', // at the end
		'bo_b_by', // two underscores
		'bob by', // inner space
		'bоb', // Cyrillic о look-alike
		'ｂｏｂ', // full-width letters
		'bob!',
		'',
		'   ',
		'0',
		'-5',
		'1.5',
		'1e5',
		'9223372036854775808', // over 2^63 - 1
		'99999999999999999999999',
	])('refuses %j with a user error', (input) => {
		expect(() => parseRobloxTarget(input)).toThrow(UserError);
	});

	it('parsePositiveId rejects what is not a positive int64', () => {
		expect(parsePositiveId('12')).toBe('12');
		expect(parsePositiveId('0')).toBeNull();
		expect(parsePositiveId('12a')).toBeNull();
		expect(parsePositiveId('1 2')).toBeNull();
	});
});

describe('aboutContainsCode', () => {
	it('finds the code despite case, punctuation and line breaks, but not a partial code', () => {
		expect(aboutContainsCode('Hi!\nApple  River candle\ntiger sunny :)', 'apple river candle tiger sunny')).toBe(true);
		expect(aboutContainsCode('apple river candle tiger', 'apple river candle tiger sunny')).toBe(false);
		expect(aboutContainsCode('pineapple river candle tiger sunny', 'apple river candle tiger sunny')).toBe(false);
	});
});

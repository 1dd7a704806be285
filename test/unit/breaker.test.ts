import { describe, expect, it } from 'vitest';
import { breakerSetting, breakerTrips, DEFAULT_BREAKER, type StoredBreaker } from '../../src/roles/breaker.js';

describe('mass-removal breaker: the threshold rule', () => {
	const cases: [string, StoredBreaker | undefined, number, number, boolean][] = [
		// name, stored setting, members checked, members losing a bound role, trips
		['nothing removed', undefined, 1000, 0, false],
		['50% of 300 (the default trips)', undefined, 300, 150, true],
		['just over 10% and 20 members', undefined, 199, 20, true],
		['exactly 10% is not "more than"', undefined, 200, 20, false],
		['over 10% but under 20 members (a small server)', undefined, 50, 19, false],
		['20 members but only 2% of a big server', undefined, 1000, 20, false],
		['every member of a tiny server, under the minimum', undefined, 5, 5, false],
		['a stricter percent', { percent: 5 }, 1000, 60, true],
		['a looser percent', { percent: 50 }, 300, 150, false],
		['a lower minimum lets a small server trip', { minimum: 3 }, 10, 5, true],
		['a higher minimum', { minimum: 200 }, 300, 150, false],
		['both limits set', { percent: 25, minimum: 10 }, 40, 11, true],
		['off', { off: true }, 300, 300, false],
		['off keeps its limits for later, still off', { off: true, percent: 1, minimum: 1 }, 300, 300, false],
		['no member with a complete answer', undefined, 0, 0, false],
	];
	it.each(cases)('%s', (_name, stored, checked, losing, trips) => {
		expect(breakerTrips(breakerSetting(stored), { checked, losing })).toBe(trips);
	});

	it('fills the defaults (10%, 20 members) and says null when off', () => {
		expect(DEFAULT_BREAKER).toEqual({ percent: 10, minimum: 20 });
		expect(breakerSetting(undefined)).toEqual(DEFAULT_BREAKER);
		expect(breakerSetting({ percent: 30 })).toEqual({ percent: 30, minimum: 20 });
		expect(breakerSetting({ minimum: 5 })).toEqual({ percent: 10, minimum: 5 });
		expect(breakerSetting({ off: true })).toBeNull();
	});
});

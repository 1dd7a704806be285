import { describe, expect, it } from 'vitest';
import {
	CODE_WORD_COUNT,
	type PendingVerification,
	VERIFICATION_TTL_MS,
	generateVerificationCode,
} from '../../src/store/index.js';
import { CODE_WORDS } from '../../src/store/words.js';
import { describeEachStore } from './helpers.js';

describeEachStore((t) => {
	const pending = (discordId: string, ttlMs: number): PendingVerification => {
		const now = Date.now();
		return {
			discordId,
			robloxId: '42',
			robloxName: 'builderman',
			code: generateVerificationCode(),
			createdAt: now,
			expiresAt: now + ttlMs,
		};
	};

	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	describe('PendingStore', () => {
		it('t.stores, reads and deletes a verification', async () => {
			const p = pending('d1', VERIFICATION_TTL_MS);
			await t.stores.pending.put(p);
			expect(await t.stores.pending.get('d1')).toEqual(p);
			await t.stores.pending.delete('d1');
			expect(await t.stores.pending.get('d1')).toBeNull();
			await t.stores.pending.delete('d1'); // deleting nothing is fine
		});

		it('expires after expiresAt', async () => {
			await t.stores.pending.put(pending('d1', 150));
			expect(await t.stores.pending.get('d1')).not.toBeNull();
			await sleep(250);
			expect(await t.stores.pending.get('d1')).toBeNull();
			// Keyv dropped the expired row on that read.
			expect(await t.db.raw('pending').get('d1')).toBeUndefined();
		});

		it('does not store one that has already expired', async () => {
			await t.stores.pending.put(pending('d1', VERIFICATION_TTL_MS));
			await t.stores.pending.put(pending('d1', -1));
			expect(await t.stores.pending.get('d1')).toBeNull();
			expect(await t.db.raw('pending').get('d1')).toBeUndefined();
		});

		it('a new code replaces the old one', async () => {
			await t.stores.pending.put(pending('d1', VERIFICATION_TTL_MS));
			const next = pending('d1', VERIFICATION_TTL_MS);
			await t.stores.pending.put(next);
			expect((await t.stores.pending.get('d1'))?.code).toBe(next.code);
		});
	});

	describe('generateVerificationCode', () => {
		it(`is ${CODE_WORD_COUNT} lowercase words and spaces, nothing else`, () => {
			for (let i = 0; i < 200; i++) {
				const code = generateVerificationCode();
				expect(code).toMatch(/^[a-z]+( [a-z]+){4}$/);
				expect(code.split(' ')).toHaveLength(5);
			}
		});

		it('draws from a list of 256 distinct short words', () => {
			expect(CODE_WORDS).toHaveLength(256);
			expect(new Set(CODE_WORDS).size).toBe(256);
			for (const word of CODE_WORDS) expect(word).toMatch(/^[a-z]{3,8}$/);
		});

		it('uses the injected random source', () => {
			const picks = [0, 1, 2, 255, 3];
			const code = generateVerificationCode(() => picks.shift() ?? 0);
			expect(code).toBe([CODE_WORDS[0], CODE_WORDS[1], CODE_WORDS[2], CODE_WORDS[255], CODE_WORDS[3]].join(' '));
		});

		it('varies', () => {
			const codes = new Set(Array.from({ length: 100 }, () => generateVerificationCode()));
			expect(codes.size).toBe(100);
		});
	});
});

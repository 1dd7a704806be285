import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../../src/store/tokens.js';

describe('TokenCipher (AES-256-GCM)', () => {
	const cipher = new TokenCipher(randomBytes(32));

	it('opens what it sealed, with a fresh IV each time', () => {
		const a = cipher.seal('rt-secret', 'rolink-token:1:2');
		const b = cipher.seal('rt-secret', 'rolink-token:1:2');
		expect(a.iv).not.toBe(b.iv);
		expect(a.data).not.toContain('rt-secret');
		expect(cipher.open(a, 'rolink-token:1:2')).toBe('rt-secret');
	});

	it('refuses another row, a tampered ciphertext and another key', () => {
		const sealed = cipher.seal('rt-secret', 'rolink-token:1:2');
		expect(cipher.open(sealed, 'rolink-token:3:2')).toBeNull();
		const flipped = Buffer.from(sealed.data, 'base64');
		flipped[0] = flipped[0]! ^ 1;
		expect(cipher.open({ ...sealed, data: flipped.toString('base64') }, 'rolink-token:1:2')).toBeNull();
		expect(new TokenCipher(randomBytes(32)).open(sealed, 'rolink-token:1:2')).toBeNull();
		expect(() => new TokenCipher(randomBytes(16))).toThrow(RangeError);
	});
});

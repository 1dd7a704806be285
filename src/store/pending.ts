/**
 * In-flight verifications: the code a member must put in their Roblox About text, keyed by Discord id.
 * Expiry is Keyv's TTL (stored with the value and checked on read; sqlite has no native TTL, so an expired row
 * stays on disk until it is read or overwritten, which for one row per member is fine).
 */
import { randomInt } from 'node:crypto';
import type Keyv from 'keyv';
import { guard } from './errors.js';
import { CODE_WORDS } from './words.js';

export const VERIFICATION_TTL_MS = 15 * 60_000;
export const CODE_WORD_COUNT = 5;

export interface PendingVerification {
	discordId: string;
	robloxId: string;
	robloxName: string;
	code: string;
	/** Epoch ms. */
	createdAt: number;
	/** Epoch ms; normally createdAt + VERIFICATION_TTL_MS. */
	expiresAt: number;
}

export class PendingStore {
	constructor(private readonly keyv: Keyv<PendingVerification>) {}

	/** null once expired, even if the backend hasn't dropped the row yet. */
	async get(discordId: string): Promise<PendingVerification | null> {
		const value = await guard('get pending', () => this.keyv.get(discordId));
		if (!value || typeof value !== 'object') return null;
		// expiresAt is what the member was told; don't trust the backend's clock rounding to enforce it.
		if (value.expiresAt <= Date.now()) return null;
		return value;
	}

	async put(p: PendingVerification): Promise<void> {
		const ttl = p.expiresAt - Date.now();
		if (ttl <= 0) {
			// Already expired: storing it with ttl 0 would make Keyv keep it forever.
			await this.delete(p.discordId);
			return;
		}
		await guard('set pending', () => this.keyv.set(p.discordId, { ...p }, ttl));
	}

	async delete(discordId: string): Promise<void> {
		await guard('delete pending', () => this.keyv.delete(discordId));
	}
}

/**
 * A few plain lowercase words joined by spaces, e.g. "otter river candle sunny kite". Words, not digits,
 * because Roblox hashes numbers in About text; `random(n)` returns an integer in [0, n) (crypto by default).
 */
export function generateVerificationCode(random: (n: number) => number = randomInt): string {
	const words: string[] = [];
	for (let i = 0; i < CODE_WORD_COUNT; i++) {
		words.push(CODE_WORDS[random(CODE_WORDS.length)] ?? CODE_WORDS[0]!);
	}
	return words.join(' ');
}

/**
 * Roblox refresh tokens of members who granted the inventory scope, encrypted at rest with AES-256-GCM
 * (TOKEN_ENCRYPTION_KEY). One row per Discord id. The additional authenticated data binds a ciphertext to its row
 * (Discord id and Roblox id), so a row copied onto another member's key fails to open instead of lending its token.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { guard } from './errors.js';

export interface SealedToken {
	discordId: string;
	robloxId: string;
	scopes: string[];
	/** base64 */
	iv: string;
	tag: string;
	data: string;
	updatedAt: string;
}

export interface MemberToken {
	discordId: string;
	robloxId: string;
	refreshToken: string;
	scopes: string[];
}

export class TokenCipher {
	constructor(private readonly key: Buffer) {
		if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
	}

	seal(plain: string, aad: string): { iv: string; tag: string; data: string } {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		cipher.setAAD(Buffer.from(aad));
		const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
		return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
	}

	/** null when the key, the row or the binding data do not match (never a half-decrypted string). */
	open(sealed: { iv: string; tag: string; data: string }, aad: string): string | null {
		try {
			const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
			decipher.setAAD(Buffer.from(aad));
			decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
			return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
		} catch {
			return null;
		}
	}
}

const aadOf = (discordId: string, robloxId: string) => `rolink-token:${discordId}:${robloxId}`;

export class TokenStore {
	constructor(
		private readonly keyv: Keyv<SealedToken>,
		/** null when no TOKEN_ENCRYPTION_KEY is configured: nothing can be stored, nothing is read. */
		private readonly cipher: TokenCipher | null,
	) {}

	get enabled(): boolean {
		return this.cipher !== null;
	}

	async get(discordId: string): Promise<MemberToken | null> {
		if (!this.cipher) return null;
		const row: unknown = await guard('get token', () => this.keyv.get(discordId));
		if (!isSealed(row)) return null;
		const refreshToken = this.cipher.open(row, aadOf(row.discordId, row.robloxId));
		// A row that does not open (another key, tampered) is useless: the member falls back to the API key.
		if (refreshToken === null || row.discordId !== discordId) return null;
		return { discordId, robloxId: row.robloxId, refreshToken, scopes: row.scopes };
	}

	async put(token: MemberToken): Promise<void> {
		if (!this.cipher) throw new Error('token storage needs TOKEN_ENCRYPTION_KEY');
		const sealed: SealedToken = {
			discordId: token.discordId,
			robloxId: token.robloxId,
			scopes: [...token.scopes],
			...this.cipher.seal(token.refreshToken, aadOf(token.discordId, token.robloxId)),
			updatedAt: new Date().toISOString(),
		};
		await guard('set token', () => this.keyv.set(token.discordId, sealed));
	}

	async delete(discordId: string): Promise<void> {
		await guard('delete token', () => this.keyv.delete(discordId));
	}
}

function isSealed(value: unknown): value is SealedToken {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.discordId === 'string' &&
		typeof v.robloxId === 'string' &&
		typeof v.iv === 'string' &&
		typeof v.tag === 'string' &&
		typeof v.data === 'string' &&
		Array.isArray(v.scopes)
	);
}

/**
 * "Link with Roblox" tickets: what a one-use sign-in link from /verify carries (who asked, and where their roles go),
 * kept in the store so that any process can take it. With sharding the button is made by the guild's shard and the
 * browser reaches the web service in shard 0's process.
 *
 * The ticket id is a bearer secret (whoever holds the URL may start that member's sign-in, though Discord's own
 * sign-in still has to match), so only its SHA-256 is a key: the database never holds a usable ticket. Key
 * `ticket:<sha256 base64url>` in the `pending` namespace, expiring with the ticket; taken once, under the store's
 * lock, so two processes can't both take it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { guard } from './errors.js';
import { type Lock, localLock } from './lock.js';

/** A ticket, and so the whole web sign-in it starts, lives 10 minutes. */
export const LINK_TICKET_TTL_MS = 10 * 60_000;

export interface LinkTicket {
	discordId: string;
	guildId: string;
}

interface Stored extends LinkTicket {
	expiresAt: number;
}

export class LinkTicketStore {
	constructor(
		private readonly keyv: Keyv,
		private readonly lock: Lock = localLock(),
		private readonly ttlMs = LINK_TICKET_TTL_MS,
	) {}

	/** A new ticket's id (32 random bytes, base64url), valid `ttlMs` from `now`. */
	async create(ticket: LinkTicket, now: number = Date.now()): Promise<string> {
		const id = randomBytes(32).toString('base64url');
		const stored: Stored = { discordId: ticket.discordId, guildId: ticket.guildId, expiresAt: now + this.ttlMs };
		await guard('set ticket', () => this.keyv.set(key(id), stored, this.ttlMs));
		return id;
	}

	/** Single use: the ticket is gone whatever the caller does next. Null when unknown, used or expired. */
	async take(id: string | undefined, now: number = Date.now()): Promise<LinkTicket | null> {
		if (!id) return null;
		const k = key(id);
		const stored = await this.lock.run([k], async () => {
			const value = (await guard('get ticket', () => this.keyv.get(k))) as Stored | undefined;
			if (value !== undefined) await guard('delete ticket', () => this.keyv.delete(k));
			return value;
		});
		if (!stored || typeof stored.expiresAt !== 'number' || stored.expiresAt <= now) return null;
		return { discordId: stored.discordId, guildId: stored.guildId };
	}
}

const key = (id: string) => `ticket:${createHash('sha256').update(id).digest('base64url')}`;

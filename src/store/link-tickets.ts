/**
 * "Link with Roblox" tickets: what a one-use sign-in link from /verify carries (who asked, and where their roles go),
 * kept in the store so that any process can take it. With sharding the button is made by the guild's shard and the
 * browser reaches the web service in shard 0's process.
 *
 * A ticket is `<discord id>.<32 random bytes>`. The random part is a bearer secret (whoever holds the URL may start
 * that member's sign-in, though Discord's own sign-in still has to match), so only its SHA-256 is stored: the
 * database never holds a usable ticket. One row per member, `ticket:<discord id>` in the `pending` namespace, with
 * that member's live tickets (a few at most; expired ones dropped at every write), so abandoned tickets can't pile
 * up in a backend that has no TTL of its own (SQLite). Taken once, under the store's lock, so two processes can't
 * both take it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { guard } from './errors.js';
import { type Lock, localLock } from './lock.js';

/** A ticket, and so the whole web sign-in it starts, lives 10 minutes. */
export const LINK_TICKET_TTL_MS = 10 * 60_000;
/** Live tickets kept per member: a member who pressed /verify more often than this keeps the newest. */
const TICKETS_PER_MEMBER = 5;

export interface LinkTicket {
	discordId: string;
	guildId: string;
}

/** A member's live tickets: SHA-256 of the secret (base64url) → where and until when. */
type Stored = { hash: string; guildId: string; expiresAt: number }[];

export class LinkTicketStore {
	constructor(
		private readonly keyv: Keyv,
		private readonly lock: Lock = localLock(),
		private readonly ttlMs = LINK_TICKET_TTL_MS,
	) {}

	/** A new ticket, valid `ttlMs` from `now`. */
	async create(ticket: LinkTicket, now: number = Date.now()): Promise<string> {
		const secret = randomBytes(32).toString('base64url');
		await this.#modify(ticket.discordId, now, (live) => [
			...live.slice(-(TICKETS_PER_MEMBER - 1)),
			{ hash: hashOf(secret), guildId: ticket.guildId, expiresAt: now + this.ttlMs },
		]);
		return `${ticket.discordId}.${secret}`;
	}

	/** Single use: the ticket is gone whatever the caller does next. Null when unknown, used or expired. */
	async take(id: string | undefined, now: number = Date.now()): Promise<LinkTicket | null> {
		const match = /^(\d{1,20})\.([\w-]{43})$/.exec(id ?? '');
		if (!match) return null;
		const [, discordId, secret] = match as unknown as [string, string, string];
		// A plain comparison is safe here: what is compared is a SHA-256 of the guess, which tells a timing attacker
		// nothing about the secret.
		const hash = hashOf(secret);
		let found: Stored[number] | undefined;
		await this.#modify(discordId, now, (live) => {
			found = live.find((t) => t.hash === hash);
			return live.filter((t) => t !== found);
		});
		return found ? { discordId, guildId: found.guildId } : null;
	}

	/** Read, change and write a member's tickets under the lock; expired tickets are dropped first. */
	async #modify(discordId: string, now: number, change: (live: Stored) => Stored): Promise<void> {
		const k = `ticket:${discordId}`;
		await this.lock.run([k], async () => {
			const value: unknown = await guard('get tickets', () => this.keyv.get(k));
			const live = (Array.isArray(value) ? (value as Stored) : []).filter(
				(t) => typeof t?.expiresAt === 'number' && t.expiresAt > now,
			);
			const next = change(live);
			if (next.length === 0) {
				if (value !== undefined) await guard('delete tickets', () => this.keyv.delete(k));
				return;
			}
			const ttl = Math.max(...next.map((t) => t.expiresAt)) - now;
			await guard('set tickets', () => this.keyv.set(k, next, ttl));
		});
	}
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

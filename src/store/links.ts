/**
 * Discord ⇄ Roblox links.
 *
 * Consistency rule. Keyv has no transactions, so a link is two entries written one after the other:
 *   - forward  `links`:        discordId → Link      (the truth)
 *   - reverse  `roblox-links`: robloxId  → discordId (an index over the forward entries)
 * A pair counts only when both agree. Writes are ordered so that a crash between any two steps leaves a
 * state the reads below can recognise and repair:
 *   save(d, r):  1. reverse r → d   2. forward d → Link(r)
 *                3. if another account d' held r: delete forward d' (only if it still points at r)
 *                4. if d pointed at another r' before: delete reverse r' (only if it still points at d)
 *   remove(d):   1. delete forward d   2. delete reverse r (only if it still points at d)
 * Read repair:
 *   getByDiscord(d) finds forward d → r and
 *     - reverse r → d:            a valid pair, returned.
 *     - reverse r missing:        the index lost its entry (see getByRoblox below); re-write it, return the link.
 *     - reverse r → d' (≠ d):     look at forward d'. If it points at r, d' took r over and crashed before step 3:
 *                                 d's forward is stale, delete it, return null. If it doesn't, the takeover crashed
 *                                 between steps 1 and 2 (d' never got r), so d still holds r: point the reverse back
 *                                 at d and return the link (the half-done takeover rolls back; no valid link lost).
 *   getByRoblox(r) finds reverse r → d and forward d is missing or points elsewhere: delete the reverse, null.
 * Known gap (needs two faults): a takeover that crashed before step 3 leaves d's stale forward; if d' then moves
 * to another Roblox account before anyone reads d, step 4 deletes the reverse that proved d stale, and a later
 * getByDiscord(d) re-adopts the old link. Reading every member (bulk runs, sweeps) closes the window quickly.
 *
 * Every write (including read repairs) holds the store's locks (lock.ts: shared by every process on the database) on all the entries it reads or writes and re-reads
 * under them, so a read never "repairs" a pair that a concurrent save is halfway through writing.
 */
import type Keyv from 'keyv';
import { guard } from './errors.js';
import { type Lock, localLock } from './lock.js';

export type LinkMethod = 'profile-code' | 'oauth' | 'takeover' | 'import';

export interface Link {
	discordId: string;
	robloxId: string;
	/** Roblox username at link time, for messages; may be stale (renames) and is absent on older/imported links. */
	robloxName?: string;
	/** ISO 8601. */
	linkedAt: string;
	method: LinkMethod;
	/** Roblox answered "no such user" for this account since (ISO 8601), this many times in a row. */
	missingSince?: string;
	missingChecks?: number;
	/**
	 * Roblox deleted or terminated the account (404s over days, see linking/gone.ts). The record stays for moderators;
	 * for roles and /verify the member counts as not linked.
	 */
	goneAt?: string;
}

/** sqlite's getMany maps rows back to keys with a linear search per key, so huge batches go quadratic. */
const GET_MANY_CHUNK = 500;

export class LinkStore {
	constructor(
		private readonly forward: Keyv<Link>,
		private readonly reverse: Keyv<string>,
		private readonly lock: Lock = localLock(),
	) {}

	async getByDiscord(discordId: string): Promise<Link | null> {
		const link = await this.#getForward(discordId);
		if (!link) return null;
		const holder = await this.#getReverse(link.robloxId);
		if (holder === discordId) return link;
		return this.#repairForward(discordId);
	}

	async getByRoblox(robloxId: string): Promise<Link | null> {
		const holder = await this.#getReverse(robloxId);
		if (holder === null) return null;
		const link = await this.#getForward(holder);
		if (link?.robloxId === robloxId) return link;
		return this.#transact(
			[R(robloxId)],
			() => this.#getReverse(robloxId),
			(again) => [R(robloxId), ...(again === null ? [] : [F(again)])],
			async (again) => {
				if (again === null) return null;
				const fwd = await this.#getForward(again);
				if (fwd?.robloxId === robloxId) return fwd;
				await guard('delete roblox-link', () => this.reverse.delete(robloxId));
				return null;
			},
		);
	}

	/** For bulk runs: two getMany round trips per chunk; only members whose pair disagrees take the slow path. */
	async getManyByDiscord(discordIds: readonly string[]): Promise<Map<string, Link>> {
		const result = new Map<string, Link>();
		const unique = [...new Set(discordIds)];
		for (let i = 0; i < unique.length; i += GET_MANY_CHUNK) {
			const ids = unique.slice(i, i + GET_MANY_CHUNK);
			const links = await guard('getMany links', () => this.forward.getMany(ids));
			const found = links.filter(isLink);
			if (found.length === 0) continue;
			const holders = await guard('getMany roblox-links', () => this.reverse.getMany(found.map((l) => l.robloxId)));
			for (const [j, link] of found.entries()) {
				if (holders[j] === link.discordId) {
					result.set(link.discordId, link);
				} else {
					const repaired = await this.getByDiscord(link.discordId);
					if (repaired) result.set(repaired.discordId, repaired);
				}
			}
		}
		return result;
	}

	async save(link: Link): Promise<{ previousHolder: string | null }> {
		const { discordId, robloxId } = link;
		const value: Link = {
			discordId,
			robloxId,
			...(link.robloxName !== undefined ? { robloxName: link.robloxName } : {}),
			linkedAt: link.linkedAt,
			method: link.method,
		};
		return this.#transact(
			[F(discordId), R(robloxId)],
			async () => {
				const [oldHolder, oldLink] = await Promise.all([this.#getReverse(robloxId), this.#getForward(discordId)]);
				return { oldHolder, oldLink };
			},
			({ oldHolder, oldLink }) => [
				F(discordId),
				R(robloxId),
				...(oldHolder === null ? [] : [F(oldHolder)]),
				...(oldLink === null ? [] : [R(oldLink.robloxId)]),
			],
			async ({ oldHolder, oldLink }) => {
				await guard('set roblox-link', () => this.reverse.set(robloxId, discordId));
				await guard('set link', () => this.forward.set(discordId, value));

				let previousHolder: string | null = null;
				if (oldHolder !== null && oldHolder !== discordId) {
					const theirs = await this.#getForward(oldHolder);
					// Only a holder whose forward still named this account really held it (and gets told/audited).
					if (theirs?.robloxId === robloxId) {
						await guard('delete link', () => this.forward.delete(oldHolder));
						previousHolder = oldHolder;
					}
				}
				if (oldLink && oldLink.robloxId !== robloxId) {
					const oldReverse = await this.#getReverse(oldLink.robloxId);
					if (oldReverse === discordId) await guard('delete roblox-link', () => this.reverse.delete(oldLink.robloxId));
				}
				return { previousHolder };
			},
		);
	}

	/** Rewrites the link's health fields, only while `discordId` is still linked to `robloxId`. */
	async updateHealth(discordId: string, robloxId: string, change: (link: Link) => Link): Promise<Link | null> {
		return this.#transact(
			[F(discordId)],
			() => this.#getForward(discordId),
			() => [F(discordId)],
			async (link) => {
				if (!link || link.robloxId !== robloxId) return null;
				const next = change({ ...link });
				await guard('set link', () => this.forward.set(discordId, next));
				return next;
			},
		);
	}

	async remove(discordId: string): Promise<Link | null> {
		return this.#transact(
			[F(discordId)],
			() => this.#getForward(discordId),
			(link) => [F(discordId), ...(link ? [R(link.robloxId)] : [])],
			async (link) => {
				if (!link) return null;
				await guard('delete link', () => this.forward.delete(discordId));
				const holder = await this.#getReverse(link.robloxId);
				if (holder === discordId) await guard('delete roblox-link', () => this.reverse.delete(link.robloxId));
				return link;
			},
		);
	}

	/** Applies the getByDiscord repair rules from the header comment, under the locks of every entry involved. */
	async #repairForward(discordId: string): Promise<Link | null> {
		return this.#transact(
			[F(discordId)],
			async () => {
				const link = await this.#getForward(discordId);
				const holder = link ? await this.#getReverse(link.robloxId) : null;
				return { link, holder };
			},
			({ link, holder }) => [
				F(discordId),
				...(link ? [R(link.robloxId)] : []),
				...(holder === null ? [] : [F(holder)]),
			],
			async ({ link, holder }) => {
				if (!link) return null;
				if (holder === discordId) return link;
				if (holder !== null) {
					const theirs = await this.#getForward(holder);
					if (theirs?.robloxId === link.robloxId) {
						await guard('delete link', () => this.forward.delete(discordId));
						return null;
					}
				}
				await guard('set roblox-link', () => this.reverse.set(link.robloxId, discordId));
				return link;
			},
		);
	}

	/**
	 * Locking over entries. `keysOf` names every entry the operation reads or writes, given what `read` found;
	 * some of those are only known after reading (the old holder, the old Roblox account). So: lock what is known
	 * up front (`initial`), `read` under those locks, and if the state involves more entries, release and retry
	 * holding all of them (taking more locks while holding some could deadlock). A new link never needs a retry;
	 * unrelated links never wait on each other, so bulk imports run in parallel.
	 */
	async #transact<S, T>(
		initial: string[],
		read: () => Promise<S>,
		keysOf: (state: S) => string[],
		act: (state: S) => Promise<T>,
	): Promise<T> {
		let keys = initial;
		for (;;) {
			const held = keys;
			const outcome = await this.lock.run(held, async () => {
				const state = await read();
				const needed = [...new Set([...held, ...keysOf(state)])];
				if (needed.length === held.length) return { done: true as const, value: await act(state) };
				return { done: false as const, needed };
			});
			if (outcome.done) return outcome.value;
			keys = outcome.needed;
		}
	}

	async #getForward(discordId: string): Promise<Link | null> {
		const value: unknown = await guard('get link', () => this.forward.get(discordId));
		return isLink(value) ? value : null;
	}

	async #getReverse(robloxId: string): Promise<string | null> {
		const value: unknown = await guard('get roblox-link', () => this.reverse.get(robloxId));
		return typeof value === 'string' ? value : null;
	}
}

/** Lock keys: one per forward entry and one per reverse entry. */
const F = (discordId: string) => `link:F:${discordId}`;
const R = (robloxId: string) => `link:R:${robloxId}`;

function isLink(value: unknown): value is Link {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.discordId === 'string' && typeof v.robloxId === 'string';
}

/**
 * Proofs of one Roblox account under way (a member pressed Check and Rolink is reading the account's About), each
 * with the members whose proof overlapped it in time. Two members proving the same account at once (both codes in
 * one About) is a race, not a takeover: the first to save keeps the link and the other is told so (verification.ts).
 * Kept in the store, under the store's lock, so the race is seen when the two presses reach different processes.
 *
 * Key `proof:<robloxId>` in the `pending` namespace (whose other keys are Discord ids) → who is proving, since when.
 */
import type Keyv from 'keyv';
import { guard } from './errors.js';
import { type Lock, localLock } from './lock.js';

/** A proof older than this is from a process that died mid-proof: ignored, and dropped at the next write. */
export const PROOF_TTL_MS = 60_000;

type Proofs = Record<string, { at: number; overlapped: string[] }>;

export class ProofStore {
	constructor(
		private readonly keyv: Keyv,
		private readonly lock: Lock = localLock(),
	) {}

	/** Records `discordId`'s proof; every proof of the account under way and this one now overlap each other. */
	async begin(robloxId: string, discordId: string, now: number): Promise<void> {
		await this.#modify(robloxId, now, (proofs) => {
			const others = Object.keys(proofs).filter((id) => id !== discordId);
			for (const other of others) proofs[other]!.overlapped = [...new Set([...proofs[other]!.overlapped, discordId])];
			proofs[discordId] = { at: now, overlapped: others };
		});
	}

	/** The members whose proof of the account overlapped `discordId`'s, as it stands now. */
	async rivals(robloxId: string, discordId: string, now: number): Promise<Set<string>> {
		return new Set((await this.#read(robloxId, now))[discordId]?.overlapped ?? []);
	}

	async end(robloxId: string, discordId: string, now: number): Promise<void> {
		await this.#modify(robloxId, now, (proofs) => {
			delete proofs[discordId];
		});
	}

	/**
	 * One save of a proven link at a time per Roblox account, across processes: the holder read inside is the one the
	 * save replaces. Taken before the link store's own locks, never inside them.
	 */
	saving<T>(robloxId: string, fn: () => Promise<T>): Promise<T> {
		return this.lock.run([`account:${robloxId}`], fn);
	}

	async #read(robloxId: string, now: number): Promise<Proofs> {
		const value: unknown = await guard('get proofs', () => this.keyv.get(key(robloxId)));
		const proofs: Proofs = {};
		if (typeof value !== 'object' || value === null) return proofs;
		for (const [id, proof] of Object.entries(value as Proofs))
			if (typeof proof?.at === 'number' && proof.at > now - PROOF_TTL_MS && Array.isArray(proof.overlapped))
				proofs[id] = proof;
		return proofs;
	}

	async #modify(robloxId: string, now: number, change: (proofs: Proofs) => void): Promise<void> {
		await this.lock.run([key(robloxId)], async () => {
			const proofs = await this.#read(robloxId, now);
			change(proofs);
			if (Object.keys(proofs).length === 0) await guard('delete proofs', () => this.keyv.delete(key(robloxId)));
			else await guard('set proofs', () => this.keyv.set(key(robloxId), proofs, PROOF_TTL_MS));
		});
	}
}

const key = (robloxId: string) => `proof:${robloxId}`;

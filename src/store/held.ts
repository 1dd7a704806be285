/**
 * Removals the mass-removal breaker held (src/roles/breaker.ts), persisted so a restart keeps them and an admin's
 * press after it still finds them. In the `runs` namespace, per guild and per source (`bulk` for /update-all,
 * `sweep` for the background re-check), in two slots:
 *   held:<guildId>:<source>:collecting       the set a run or a sweep pass is still filling
 *   held:<guildId>:<source>:pending          a set that tripped the breaker and waits for Apply or Discard
 * Each slot is a small head (counts, the bindings' fingerprint, a write generation) and the members in chunks of
 * CHUNK under `<slot>:<generation>:<n>`: a save writes new chunks, then the head, then deletes the old chunks, so a
 * crash mid-save leaves the old set or the new one whole, never a mix.
 */
import type Keyv from 'keyv';
import { guard } from './errors.js';

export type HeldSource = 'bulk' | 'sweep';
export type HeldSlot = 'collecting' | 'pending';

export interface HeldSet {
	guildId: string;
	source: HeldSource;
	/** Short id, in the buttons' custom ids, so a press on an older notice is recognised as such. */
	id: string;
	startedAt: string;
	/** The guild's bindings the decisions were made with (bindingsFingerprint); Apply refuses when they changed. */
	bindings: string;
	/** Members whose check ended with a complete answer, while this set was collecting. */
	checked: number;
	/** Member id → bound role ids whose removal is held. */
	members: Map<string, string[]>;
	/** When the breaker tripped (pending sets). */
	heldAt?: string;
}

interface StoredHead extends Omit<HeldSet, 'members'> {
	generation: number;
	chunks: number;
}

const CHUNK = 1_000;
const headKey = (guildId: string, source: HeldSource, slot: HeldSlot) => `held:${guildId}:${source}:${slot}`;
const chunkKey = (head: string, generation: number, n: number) => `${head}:${generation}:${n}`;

export class HeldStore {
	constructor(private readonly keyv: Keyv) {}

	async load(guildId: string, source: HeldSource, slot: HeldSlot): Promise<HeldSet | null> {
		const key = headKey(guildId, source, slot);
		const head = (await guard('get held', () => this.keyv.get(key))) as StoredHead | undefined;
		if (!head || typeof head.id !== 'string' || typeof head.chunks !== 'number') return null;
		const keys = Array.from({ length: head.chunks }, (_, n) => chunkKey(key, head.generation, n));
		const chunks: unknown[] = keys.length ? await guard('get held', () => this.keyv.getMany<unknown>(keys)) : [];
		const members = new Map<string, string[]>();
		for (const chunk of chunks)
			if (Array.isArray(chunk))
				for (const entry of chunk as [string, string[]][])
					if (Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1]))
						members.set(entry[0], entry[1]);
		const { generation: _generation, chunks: _chunks, ...rest } = head;
		return { ...rest, members };
	}

	async save(set: HeldSet, slot: HeldSlot): Promise<void> {
		const key = headKey(set.guildId, set.source, slot);
		const old = (await guard('get held', () => this.keyv.get(key))) as StoredHead | undefined;
		const generation = (old?.generation ?? 0) + 1;
		const entries = [...set.members];
		const chunks = Math.ceil(entries.length / CHUNK);
		for (let n = 0; n < chunks; n++)
			await guard('set held', () =>
				this.keyv.set(chunkKey(key, generation, n), entries.slice(n * CHUNK, (n + 1) * CHUNK)),
			);
		const { members: _members, ...rest } = set;
		const head: StoredHead = { ...rest, generation, chunks };
		await guard('set held', () => this.keyv.set(key, head));
		if (old) await this.#dropChunks(key, old);
	}

	async clear(guildId: string, source: HeldSource, slot: HeldSlot): Promise<void> {
		const key = headKey(guildId, source, slot);
		const old = (await guard('get held', () => this.keyv.get(key))) as StoredHead | undefined;
		await guard('clear held', () => this.keyv.delete(key));
		if (old) await this.#dropChunks(key, old);
	}

	async #dropChunks(key: string, head: StoredHead): Promise<void> {
		const keys = Array.from({ length: head.chunks ?? 0 }, (_, n) => chunkKey(key, head.generation, n));
		if (keys.length) await guard('clear held', () => this.keyv.deleteMany(keys));
	}
}

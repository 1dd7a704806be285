import { createHash, randomUUID } from 'node:crypto';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	DiscordAPIError,
	RESTJSONErrorCodes,
	type Client,
} from 'discord.js';
import type { Logger } from '../logger.js';
import { describeBinding } from '../kinds/index.js';
import type { Binding } from '../kinds/types.js';
import { breakerSetting, breakerTrips, type BreakerSetting, type RemovalCounts } from '../roles/breaker.js';
import type { GuildStore } from '../store/guilds.js';
import type { HeldSet, HeldSlot, HeldSource, HeldStore } from '../store/held.js';
import { EMBED_LIMITS, joinLinesWithin } from '../ui/embed-limits.js';
import { translator, type Translator } from '../ui/i18n.js';
import type { AuditLog } from './audit.js';
import { customId } from './command.js';

/**
 * Removals the mass-removal breaker holds, on the Discord side. Bulk runs and sweep passes check members with their
 * bound-role removals held (MemberSync's `holdRemovals`); every check reports here (`noted`), and the run or pass
 * ends with `settle`: under the guild's threshold the held removals are made at once, over it they wait in the
 * store for an admin's Apply or Discard (buttons with static custom ids, so a press after a restart works).
 *
 * Applying does not ask Roblox again. It removes what a check decided, and stays safe because a decision is
 * dropped the moment it stops being the latest word on that member: any later check of the member (a /update, a
 * join, the sweep, another run) takes the member out of every older set here, a set whose guild's bindings changed
 * is refused, and a role is only taken from a member who still has it. What is removed is thus exactly what the
 * newest check of each member wanted, on the bindings as they are.
 *
 * The in-memory sets are the truth while the process runs (flushed to the store every few seconds and at stop); a
 * guild's events reach one process (one gateway shard), so two processes never fill the same guild's sets.
 */

/** What applying made: members changed, and those Discord refused (left as they are). */
export interface Applied {
	changed: number;
	failed: { memberId: string; error: string }[];
}

export type HeldOutcome = {
	source: HeldSource;
	id: string;
	checked: number;
	losing: number;
	roles: [string, number][];
	sample: string[];
} & ({ kind: 'applied'; removed: number; failed: Applied['failed'] } | { kind: 'held' });

export type Decision =
	| { kind: 'gone' }
	| { kind: 'busy' }
	| { kind: 'bindings-changed' }
	| { kind: 'discarded'; losing: number }
	| { kind: 'applied'; losing: number; removed: number; failed: number };

interface Slots {
	collecting?: HeldSet;
	pending?: HeldSet;
}

const SOURCES: readonly HeldSource[] = ['bulk', 'sweep'];
const SAMPLE_MEMBERS = 15;
const APPLY_CONCURRENCY = 4;

/** The buttons of a held set; the id tells a press on an older notice apart. Checked again when pressed. */
export function heldButtonsRow(t: Translator, source: HeldSource, id: string) {
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(customId('update-all', 'held-apply', source, id))
			.setLabel(t('heldApplyLabel'))
			.setStyle(ButtonStyle.Danger),
		new ButtonBuilder()
			.setCustomId(customId('update-all', 'held-discard', source, id))
			.setLabel(t('heldDiscardLabel'))
			.setStyle(ButtonStyle.Secondary),
	);
}

/** What a decision would rest on: the bindings, minus who added them and when. */
export function bindingsFingerprint(bindings: readonly Binding[]): string {
	const rows = bindings
		.map(({ addedAt: _at, addedBy: _by, ...rest }) => rest)
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
}

export class HeldRemovals {
	readonly #slots = new Map<string, Slots>();
	readonly #loading = new Map<string, Promise<Slots>>();
	readonly #dirty = new Map<string, { guildId: string; source: HeldSource; slot: HeldSlot }>();
	readonly #applying = new Set<string>();
	#flushing: Promise<void> = Promise.resolve();
	#timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly deps: {
			client: Client;
			store: HeldStore;
			guilds: Pick<GuildStore, 'get'>;
			audit: AuditLog;
			logger: Logger;
			flushEveryMs?: number;
		},
	) {
		this.#timer = setInterval(() => void this.flush(), deps.flushEveryMs ?? 2_000);
		this.#timer.unref();
	}

	/** Both slots of a guild's source, read from the store once per process. */
	private async slots(guildId: string, source: HeldSource): Promise<Slots> {
		const key = `${guildId}:${source}`;
		const known = this.#slots.get(key);
		if (known) return known;
		let loading = this.#loading.get(key);
		if (!loading) {
			loading = (async () => {
				const [collecting, pending] = await Promise.all([
					this.deps.store.load(guildId, source, 'collecting'),
					this.deps.store.load(guildId, source, 'pending'),
				]);
				const slots: Slots = { ...(collecting ? { collecting } : {}), ...(pending ? { pending } : {}) };
				this.#slots.set(key, slots);
				return slots;
			})().finally(() => this.#loading.delete(key));
			this.#loading.set(key, loading);
		}
		return loading;
	}

	private touch(guildId: string, source: HeldSource, slot: HeldSlot): void {
		this.#dirty.set(`${guildId}:${source}:${slot}`, { guildId, source, slot });
	}

	/**
	 * Every check that reached a plan reports here. `source` is the set the check's held removals go to (null: an
	 * ordinary check that removes at once). The check is the newest word on the member, so it replaces the member's
	 * entry in its own set and takes the member out of every other set.
	 */
	async noted(
		guildId: string,
		memberId: string,
		check: { source: HeldSource | null; known: boolean; held: readonly string[]; bindings: readonly Binding[] },
	): Promise<void> {
		for (const source of SOURCES) {
			const slots = await this.slots(guildId, source);
			if (source === check.source) {
				const fingerprint = bindingsFingerprint(check.bindings);
				// The bindings changed since the set began: its earlier decisions no longer stand (their roles are kept).
				if (!slots.collecting || slots.collecting.bindings !== fingerprint)
					slots.collecting = this.newSet(guildId, source, fingerprint);
				if (check.known) slots.collecting.checked++;
				if (check.held.length) slots.collecting.members.set(memberId, [...check.held]);
				else slots.collecting.members.delete(memberId);
				this.touch(guildId, source, 'collecting');
			} else if (slots.collecting?.members.delete(memberId)) this.touch(guildId, source, 'collecting');
			if (slots.pending?.members.delete(memberId)) this.touch(guildId, source, 'pending');
		}
	}

	private newSet(guildId: string, source: HeldSource, bindings: string): HeldSet {
		return {
			guildId,
			source,
			id: randomUUID().slice(0, 8),
			startedAt: new Date().toISOString(),
			bindings,
			checked: 0,
			members: new Map(),
		};
	}

	/** A new /update-all starts counting afresh (a stopped run's leftovers are dropped: their roles are kept). */
	async begin(guildId: string, source: HeldSource): Promise<void> {
		const slots = await this.slots(guildId, source);
		if (!slots.collecting) return;
		delete slots.collecting;
		this.touch(guildId, source, 'collecting');
	}

	/**
	 * The end of a run or a sweep pass for this guild: under the threshold (or with the breaker off) the held
	 * removals are made now; over it they wait for an admin, and the audit channel is told. Null: nothing was held.
	 */
	async settle(guildId: string, source: HeldSource): Promise<HeldOutcome | null> {
		const slots = await this.slots(guildId, source);
		const set = slots.collecting;
		if (!set) return null;
		delete slots.collecting;
		this.#dirty.delete(`${guildId}:${source}:collecting`);
		const counts: RemovalCounts = { checked: set.checked, losing: set.members.size };
		const config = await this.deps.guilds.get(guildId);
		if (counts.losing === 0 || bindingsFingerprint(config.bindings) !== set.bindings) {
			await this.deps.store.clear(guildId, source, 'collecting');
			return null;
		}
		const setting = breakerSetting(config.settings.removalBreaker);
		const base = { source, id: set.id, ...counts, roles: perRole(set).slice(0, 10), sample: sampleOf(set, 10) };
		if (!breakerTrips(setting, counts)) {
			await this.deps.store.save(set, 'collecting');
			const { changed: removed, failed } = await this.applyEntries(guildId, set);
			await this.deps.store.clear(guildId, source, 'collecting');
			if (source === 'sweep' && removed > 0)
				void this.deps.audit.post(guildId, (t) => ({
					title: t('heldSweepAppliedTitle'),
					lines: [t('heldSweepApplied', { count: removed }), ...roleLines(t, set, config.bindings)],
				}));
			return { ...base, kind: 'applied', removed, failed };
		}
		set.heldAt = new Date().toISOString();
		slots.pending = set;
		this.#dirty.delete(`${guildId}:${source}:pending`);
		// Pending first, then the collecting slot goes: a crash between them leaves the set in both, never in neither.
		await this.deps.store.save(set, 'pending');
		await this.deps.store.clear(guildId, source, 'collecting');
		this.deps.logger.warn({ guildId, source, ...counts }, 'mass removal held for an admin');
		const guildT = translator(this.deps.client.guilds.cache.get(guildId)?.preferredLocale);
		void this.deps.audit.post(
			guildId,
			(t) => ({ title: t('heldTitle'), lines: noticeLines(t, set, counts, setting!, config.bindings) }),
			[heldButtonsRow(guildT, source, set.id)],
		);
		return { ...base, kind: 'held' };
	}

	/** Every guild's set of this source (the sweep's pass ended). */
	async settleAll(source: HeldSource, guildIds: readonly string[]): Promise<void> {
		for (const guildId of guildIds)
			await this.settle(guildId, source).catch((error: unknown) =>
				this.deps.logger.warn({ err: error, guildId, source }, 'could not settle held removals'),
			);
	}

	/** An admin's press: apply or discard a pending set (its id from the button). */
	async decide(guildId: string, source: HeldSource, id: string, action: 'apply' | 'discard'): Promise<Decision> {
		const slots = await this.slots(guildId, source);
		const set = slots.pending;
		if (!set || set.id !== id) return { kind: 'gone' };
		const key = `${guildId}:${source}`;
		if (this.#applying.has(key)) return { kind: 'busy' };
		const losing = set.members.size;
		if (action === 'discard') {
			delete slots.pending;
			this.#dirty.delete(`${key}:pending`);
			await this.deps.store.clear(guildId, source, 'pending');
			return { kind: 'discarded', losing };
		}
		const config = await this.deps.guilds.get(guildId);
		if (bindingsFingerprint(config.bindings) !== set.bindings) return { kind: 'bindings-changed' };
		this.#applying.add(key);
		try {
			const { changed: removed, failed } = await this.applyEntries(guildId, set);
			// Cleared only once done: a restart mid-way leaves the set pending, and pressing again finishes it.
			if (slots.pending === set) delete slots.pending;
			this.#dirty.delete(`${key}:pending`);
			await this.deps.store.clear(guildId, source, 'pending');
			return { kind: 'applied', losing, removed, failed: failed.length };
		} finally {
			this.#applying.delete(key);
		}
	}

	/**
	 * Removes each member's held roles, one role at a time (Discord's remove-one-role route): it touches no other
	 * role, so nothing a moderator changed since is undone, and a role the member no longer has stays gone (Discord
	 * does nothing). No member is read first: a role the cached member lacks is skipped. Returns the members changed.
	 */
	private async applyEntries(guildId: string, set: HeldSet): Promise<Applied> {
		const guild = await this.deps.client.guilds.fetch(guildId);
		const reason = translator(guild.preferredLocale)('heldEditReason');
		const entries = [...set.members];
		let next = 0;
		const applied: Applied = { changed: 0, failed: [] };
		const worker = async () => {
			while (next < entries.length) {
				const [memberId] = entries[next++]!;
				// Read now, not from the snapshot: a check since then took the member out of the set.
				const roleIds = set.members.get(memberId);
				const cached = guild.members.cache.get(memberId);
				const remove = roleIds?.filter((id) => !cached || cached.roles.cache.has(id)) ?? [];
				if (remove.length === 0) continue;
				try {
					for (const role of remove) await guild.members.removeRole({ user: memberId, role, reason });
					applied.changed++;
				} catch (error) {
					// The member left: nothing to do. Discord refused (the role moved above Rolink): reported, the rest go on.
					if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) continue;
					this.deps.logger.warn({ err: error, guildId, userId: memberId }, 'could not remove a held role');
					applied.failed.push({ memberId, error: error instanceof Error ? error.message : String(error) });
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, entries.length) }, worker));
		return applied;
	}

	/** Writes the sets that changed since the last flush (the store keeps them across a restart). */
	flush(): Promise<void> {
		this.#flushing = this.#flushing.then(async () => {
			const dirty = [...this.#dirty.values()];
			this.#dirty.clear();
			for (const { guildId, source, slot } of dirty) {
				const set = this.#slots.get(`${guildId}:${source}`)?.[slot];
				try {
					if (set) await this.deps.store.save(set, slot);
					else await this.deps.store.clear(guildId, source, slot);
				} catch (error) {
					this.touch(guildId, source, slot);
					this.deps.logger.warn({ err: error, guildId, source }, 'could not save held removals');
				}
			}
		});
		return this.#flushing;
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer);
		await this.flush();
	}
}

const percentOf = (counts: RemovalCounts) =>
	counts.checked > 0 ? Math.round((counts.losing / counts.checked) * 1000) / 10 : 100;

/** Role id → members who would lose it, most first. */
function perRole(set: HeldSet): [string, number][] {
	const counts = new Map<string, number>();
	for (const roleIds of set.members.values()) for (const id of roleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1]);
}

const sampleOf = (set: HeldSet, size: number) => [...set.members.keys()].slice(0, size);

/** A few members as mentions, and how many more there are. */
export function sampleText(t: Translator, sample: readonly string[], total: number): string {
	const more = total - sample.length;
	return sample.map((id) => `<@${id}>`).join(', ') + (more > 0 ? ` ${t('importMore', { count: more })}` : '');
}

/** Per role: how many members would lose it, and the bindings that give it. */
function roleLines(t: Translator, set: HeldSet, bindings: readonly Binding[]): string[] {
	const lines = perRole(set).map(([roleId, count]) => {
		const from = bindings
			.filter((binding) => binding.roleId === roleId)
			.map((binding) => `\`${binding.id}\` ${t.text(describeBinding(binding))}`)
			.join('; ');
		return t('heldRoleLine', { roleId, count, bindings: from || '—' });
	});
	return [joinLinesWithin(lines, 1_500, (count) => t('importMore', { count }))];
}

function noticeLines(
	t: Translator,
	set: HeldSet,
	counts: RemovalCounts,
	setting: BreakerSetting,
	bindings: readonly Binding[],
): string[] {
	return [
		t(set.source === 'bulk' ? 'heldWhyBulk' : 'heldWhySweep', {
			count: counts.losing,
			checked: counts.checked,
			percent: percentOf(counts),
			limit: setting.percent,
			minimum: setting.minimum,
		}),
		t('heldLikely'),
		'',
		t('heldPerRole'),
		...roleLines(t, set, bindings),
		'',
		t('heldSample', { members: sampleText(t, sampleOf(set, SAMPLE_MEMBERS), set.members.size) }),
		'',
		t('heldHelp'),
	].map((line) => line.slice(0, EMBED_LIMITS.fieldValue * 2));
}

/**
 * Per-guild settings and role bindings, one Keyv entry per guild (`guilds` namespace, key = guild id).
 * One entry rather than one per binding so a guild's config is read in a single round trip on every role
 * update; the cost is read-modify-write on change, which is serialised per guild below.
 */
import { randomInt } from 'node:crypto';
import type Keyv from 'keyv';
import { BindingLimitError, guard } from './errors.js';
import { type Lock, localLock } from './lock.js';
import { bindingFromStored, bindingKey, KIND_NAMES } from '../kinds/index.js';
import type { Binding, BindingKind, NewBinding } from '../kinds/types.js';
import type { StoredBreaker } from '../roles/breaker.js';

/** Bindings are a union with one member per kind; each kind's rules live in src/kinds/. */
export type { Binding, BindingKind, NewBinding } from '../kinds/types.js';
/** Every binding kind, from the kinds table (the export format checks kinds against it). */
export const BINDING_KINDS: readonly BindingKind[] = KIND_NAMES;

/** The verify panel: a message with a Verify button that /settings panel posted. */
export interface VerifyPanel {
	channelId: string;
	messageId: string;
	/** The admin's text; absent: the default text. */
	text?: string;
	/** Set when Discord said the message was deleted. */
	deletedAt?: string;
}

export interface GuildSettings {
	verifiedRoleId?: string;
	unverifiedRoleId?: string;
	auditChannelId?: string;
	nicknameTemplate?: string;
	/** The group `{group-rank}` reads the member's role name from. */
	nicknameGroupId?: string;
	/** Linked members whose Roblox account is younger than this many days get no roles yet (held back, still linked). */
	minAccountAgeDays?: number;
	panel?: VerifyPanel;
	/** The mass-removal breaker's threshold, or off (src/roles/breaker.ts); absent: the defaults. */
	removalBreaker?: StoredBreaker;
	/** Default true: assign roles as soon as a linked member joins. */
	autoVerify: boolean;
}

export interface GuildConfig {
	settings: GuildSettings;
	bindings: Binding[];
}

/** `undefined` or `null` for a key clears that setting (autoVerify falls back to its default). */
export type GuildSettingsPatch = { [K in keyof GuildSettings]?: GuildSettings[K] | null };

/** Bounded: one inventory filter request has to cover every binding of a guild. */
export const MAX_BINDINGS_PER_GUILD = 100;

const OPTIONAL_SETTINGS = [
	'verifiedRoleId',
	'unverifiedRoleId',
	'auditChannelId',
	'nicknameTemplate',
	'nicknameGroupId',
	'minAccountAgeDays',
	'panel',
	'removalBreaker',
] as const;

export const defaultGuildSettings = (): GuildSettings => ({ autoVerify: true });

export class GuildStore {
	/**
	 * Every member check reads its guild's config, so a bulk run would read the same row thousands of times.
	 * Reads are kept for a few seconds; writes through this store refresh the entry at once, and the short life
	 * bounds how stale another process sharing the database (Redis, Postgres) can see a change.
	 */
	readonly #recent = new Map<string, { config: GuildConfig; at: number }>();
	static readonly READ_CACHE_MS = 5_000;
	static readonly READ_CACHE_MAX = 10_000;

	constructor(
		private readonly keyv: Keyv,
		private readonly lock: Lock = localLock(),
	) {}

	/** A fresh copy every time, with defaults filled in, so callers can't mutate what another caller sees. */
	async get(guildId: string): Promise<GuildConfig> {
		const hit = this.#recent.get(guildId);
		if (hit && Date.now() - hit.at < GuildStore.READ_CACHE_MS) return structuredClone(hit.config);
		const config = await this.#read(guildId);
		this.#remember(guildId, config);
		return structuredClone(config);
	}

	async #read(guildId: string): Promise<GuildConfig> {
		const raw: unknown = await guard('get guild', () => this.keyv.get(guildId));
		return normalise(raw);
	}

	#remember(guildId: string, config: GuildConfig): void {
		if (this.#recent.size >= GuildStore.READ_CACHE_MAX) this.#recent.clear();
		this.#recent.set(guildId, { config: structuredClone(config), at: Date.now() });
	}

	async updateSettings(guildId: string, patch: GuildSettingsPatch): Promise<GuildSettings> {
		return this.#modify(guildId, (config) => {
			const settings: GuildSettings = { ...config.settings };
			for (const key of OPTIONAL_SETTINGS) {
				if (!(key in patch)) continue;
				const value = patch[key];
				if (value === undefined || value === null) delete settings[key];
				else Object.assign(settings, { [key]: value });
			}
			if ('autoVerify' in patch) settings.autoVerify = patch.autoVerify ?? defaultGuildSettings().autoVerify;
			config.settings = settings;
			return settings;
		});
	}

	/** The same kind + target + role twice returns the existing binding with duplicate: true. */
	async addBinding(guildId: string, b: NewBinding): Promise<{ binding: Binding; duplicate: boolean }> {
		return this.#modify(guildId, (config) => {
			const key = bindingKey(b);
			const existing = config.bindings.find((x) => bindingKey(x) === key);
			if (existing) return { binding: existing, duplicate: true };
			if (config.bindings.length >= MAX_BINDINGS_PER_GUILD) throw new BindingLimitError(MAX_BINDINGS_PER_GUILD);
			const taken = new Set(config.bindings.map((x) => x.id));
			let id = newBindingId();
			while (taken.has(id)) id = newBindingId();
			// Through the kind's own reading, so what is stored is exactly what a later read accepts.
			const binding = bindingFromStored({ ...b, id, addedAt: new Date().toISOString() });
			if (!binding) throw new TypeError(`not a valid ${b.kind} binding`);
			config.bindings.push(binding);
			return { binding, duplicate: false };
		});
	}

	async removeBinding(guildId: string, bindingId: string): Promise<Binding | null> {
		return this.#modify(guildId, (config) => {
			const index = config.bindings.findIndex((x) => x.id === bindingId);
			if (index === -1) return null;
			return config.bindings.splice(index, 1)[0] ?? null;
		});
	}

	/**
	 * Replaces settings (except the panel, which belongs to a message in this server) and bindings in one write: an
	 * import is applied whole or not at all. Bindings keep their ids when given; new ones get fresh ids.
	 */
	async replaceConfig(
		guildId: string,
		settings: Omit<GuildSettings, 'panel'>,
		bindings: (NewBinding & Partial<Pick<Binding, 'id' | 'addedAt'>>)[],
	): Promise<GuildConfig> {
		if (bindings.length > MAX_BINDINGS_PER_GUILD) throw new BindingLimitError(MAX_BINDINGS_PER_GUILD);
		return this.#modify(guildId, (config) => {
			config.settings = { ...settings, ...(config.settings.panel ? { panel: config.settings.panel } : {}) };
			const taken = new Set(bindings.map((b) => b.id).filter((id) => id !== undefined));
			config.bindings = bindings.flatMap((b) => {
				let id = b.id;
				while (id === undefined || (!b.id && taken.has(id))) id = newBindingId();
				taken.add(id);
				// Through the kind's own reading, as every stored binding is.
				const binding = bindingFromStored({ ...b, id, addedAt: b.addedAt ?? new Date().toISOString() });
				return binding ? [binding] : [];
			});
			return structuredClone(config);
		});
	}

	/** For when a role is deleted: every binding that granted it goes. */
	async removeBindingsForRole(guildId: string, roleId: string): Promise<Binding[]> {
		return this.#modify(guildId, (config) => {
			const removed = config.bindings.filter((x) => x.roleId === roleId);
			config.bindings = config.bindings.filter((x) => x.roleId !== roleId);
			return removed;
		});
	}

	/**
	 * Read-modify-write under a per-guild lock, so two concurrent /bind add calls can't both read the old list
	 * and have the second write drop the first's binding. `change` mutates the copy; it's written back only
	 * when it returns without throwing.
	 */
	async #modify<T>(guildId: string, change: (config: GuildConfig) => T): Promise<T> {
		return this.lock.run([`guild:${guildId}`], async () => {
			// Always the stored value, never the read cache: a write must start from what is really there.
			const config = await this.#read(guildId);
			const before = JSON.stringify(config);
			const result = change(config);
			if (JSON.stringify(config) !== before) await guard('set guild', () => this.keyv.set(guildId, config));
			this.#remember(guildId, config);
			return result;
		});
	}
}

function newBindingId(): string {
	// 36^6 ≈ 2 billion ids; collisions within one guild are retried by the caller.
	let id = '';
	for (let i = 0; i < 6; i++) id += randomInt(36).toString(36);
	return id;
}

/**
 * Tolerates absent or older-shaped entries: missing fields get defaults instead of crashing role updates. Every
 * stored binding is read through its kind (`bindingFromStored`), which migrates rows written by earlier versions;
 * a row no kind accepts (an unknown kind, a missing id) is left out rather than guessed at.
 */
function normalise(raw: unknown): GuildConfig {
	const stored = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<GuildConfig>;
	const settings: GuildSettings = { ...defaultGuildSettings(), ...(stored.settings ?? {}) };
	if (typeof settings.autoVerify !== 'boolean') settings.autoVerify = true;
	const rows: unknown[] = Array.isArray(stored.bindings) ? stored.bindings : [];
	const bindings: Binding[] = [];
	for (const row of rows) {
		const binding = bindingFromStored(row);
		if (binding) bindings.push(binding);
	}
	return { settings, bindings };
}

import { randomBytes } from 'node:crypto';

/**
 * The inventory browser's logic, free of discord.js so it is unit-tested on its own:
 *  - LazyPager: Discord pages of 10 over a source that hands out big pages (Roblox: 100) behind page tokens. A source
 *    page is fetched only when the reader reaches it, and everything fetched is kept, so going back costs nothing.
 *  - PagerSessions: the live browsers, keyed by a short id that goes into the buttons' custom ids. Each session belongs
 *    to the person who opened it, expires after 10 minutes without use (a timer per session, unref'd, tells the caller
 *    so it can disable the buttons), and the map is bounded (least recently used evicted first).
 */

export const DISCORD_PAGE_SIZE = 10;
export const SOURCE_PAGE_SIZE = 100;
export const SESSION_TTL_MS = 10 * 60_000;
export const MAX_SESSIONS = 500;

export interface SourcePage<T> {
	items: T[];
	/** null when this was the last page. */
	nextPageToken: string | null;
}

export type FetchPage<T> = (pageToken: string | undefined) => Promise<SourcePage<T>>;

export interface PageModel<T> {
	/** 0-based page index (clamped to the pages that exist). */
	index: number;
	items: T[];
	/** Known once the last source page has been seen; null before. */
	pageCount: number | null;
	totalItems: number | null;
	isFirst: boolean;
	/** True only when this is known to be the last page. */
	isLast: boolean;
}

export class LazyPager<T> {
	readonly #fetchPage: FetchPage<T>;
	readonly #items: T[] = [];
	#nextToken: string | undefined;
	#started = false;
	#done = false;
	#loading: Promise<void> | null = null;
	/** Source pages fetched so far (what a test counts). */
	fetches = 0;

	constructor(
		fetchPage: FetchPage<T>,
		readonly pageSize = DISCORD_PAGE_SIZE,
	) {
		if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('pageSize must be a positive integer');
		this.#fetchPage = fetchPage;
	}

	get totalKnown(): boolean {
		return this.#done;
	}

	get loadedItems(): number {
		return this.#items.length;
	}

	/** Whether showing page `index` needs no fetch. */
	isLoaded(index: number): boolean {
		const i = normaliseIndex(index);
		return this.#done || this.#items.length >= (i + 1) * this.pageSize;
	}

	/** Fetches source pages as needed (one at a time, never twice) and returns the page, clamped to the last one. */
	async page(index: number): Promise<PageModel<T>> {
		const wanted = normaliseIndex(index);
		await this.#ensure((wanted + 1) * this.pageSize);
		const total = this.#done ? this.#items.length : null;
		const pageCount = total === null ? null : Math.max(1, Math.ceil(total / this.pageSize));
		const current = pageCount === null ? wanted : Math.min(wanted, pageCount - 1);
		return {
			index: current,
			items: this.#items.slice(current * this.pageSize, (current + 1) * this.pageSize),
			pageCount,
			totalItems: total,
			isFirst: current === 0,
			isLast: pageCount !== null && current === pageCount - 1,
		};
	}

	async #ensure(count: number): Promise<void> {
		while (!this.#done && this.#items.length < count) {
			// Concurrent presses share one fetch instead of asking the source for the same page twice.
			this.#loading ??= this.#loadNext().finally(() => {
				this.#loading = null;
			});
			await this.#loading;
		}
	}

	async #loadNext(): Promise<void> {
		if (this.#started && this.#nextToken === undefined) {
			this.#done = true;
			return;
		}
		const page = await this.#fetchPage(this.#nextToken);
		this.fetches++;
		this.#started = true;
		this.#items.push(...page.items);
		// An empty page ends the listing even when a token came with it (Roblox's empty-last-page quirk).
		if (!page.nextPageToken || page.items.length === 0) {
			this.#nextToken = undefined;
			this.#done = true;
		} else this.#nextToken = page.nextPageToken;
	}
}

function normaliseIndex(index: number): number {
	return Number.isFinite(index) && index > 0 ? Math.floor(index) : 0;
}

// ---------------------------------------------------------------------------------------------------------------------

export interface TimerHandle {
	cancel(): void;
}

export type ExpiryReason = 'idle' | 'evicted';

export interface PagerSessionsOptions<V> {
	ttlMs?: number;
	maxSessions?: number;
	now?: () => number;
	/** Schedules the idle timer; default an unref'd setTimeout. Tests inject their own. */
	schedule?: (fn: () => void, ms: number) => TimerHandle;
	/** Called once per session that ends without being deleted: its buttons should be disabled. */
	onExpire?: (id: string, value: V, reason: ExpiryReason) => void;
	newId?: () => string;
}

export type OpenResult<V> = { status: 'ok'; value: V } | { status: 'expired' } | { status: 'not-owner' };

interface Entry<V> {
	ownerId: string;
	value: V;
	lastUsed: number;
	timer: TimerHandle | null;
}

const defaultSchedule = (fn: () => void, ms: number): TimerHandle => {
	const timer = setTimeout(fn, ms);
	timer.unref();
	return { cancel: () => clearTimeout(timer) };
};

/** 8 URL-safe characters (48 random bits): short enough for custom ids, unguessable enough for a 10-minute life. */
export const newSessionId = (): string => randomBytes(6).toString('base64url');

export class PagerSessions<V> {
	readonly #entries = new Map<string, Entry<V>>();
	readonly #ttlMs: number;
	readonly #max: number;
	readonly #now: () => number;
	readonly #schedule: (fn: () => void, ms: number) => TimerHandle;
	readonly #onExpire: ((id: string, value: V, reason: ExpiryReason) => void) | undefined;
	readonly #newId: () => string;

	constructor(options: PagerSessionsOptions<V> = {}) {
		this.#ttlMs = options.ttlMs ?? SESSION_TTL_MS;
		this.#max = Math.max(1, options.maxSessions ?? MAX_SESSIONS);
		this.#now = options.now ?? Date.now;
		this.#schedule = options.schedule ?? defaultSchedule;
		this.#onExpire = options.onExpire;
		this.#newId = options.newId ?? newSessionId;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Starts a session for `ownerId`; evicts the least recently used ones beyond the bound. */
	create(ownerId: string, value: V): string {
		let id = this.#newId();
		while (this.#entries.has(id)) id = this.#newId();
		while (this.#entries.size >= this.#max) {
			const oldest = this.#entries.keys().next().value as string;
			this.#end(oldest, 'evicted');
		}
		this.#entries.set(id, { ownerId, value, lastUsed: this.#now(), timer: null });
		this.#arm(id);
		return id;
	}

	/**
	 * A press on one of the session's buttons. Unknown or idle-expired → expired (also after a restart); someone else's
	 * session → not-owner (and the session is not touched); otherwise the session's use is recorded.
	 */
	open(id: string, userId: string): OpenResult<V> {
		const entry = this.#entries.get(id);
		if (!entry) return { status: 'expired' };
		if (this.#now() - entry.lastUsed >= this.#ttlMs) {
			this.#end(id, 'idle');
			return { status: 'expired' };
		}
		if (entry.ownerId !== userId) return { status: 'not-owner' };
		this.touch(id);
		return { status: 'ok', value: entry.value };
	}

	/** Records a use: restarts the idle timer and makes the session the most recently used. */
	touch(id: string): void {
		const entry = this.#entries.get(id);
		if (!entry) return;
		entry.lastUsed = this.#now();
		this.#entries.delete(id);
		this.#entries.set(id, entry);
		this.#arm(id);
	}

	/** Ends a session now as if it had been idle for its whole life (onExpire runs). */
	expire(id: string): boolean {
		if (!this.#entries.has(id)) return false;
		this.#end(id, 'idle');
		return true;
	}

	/** Ends a session without calling onExpire. */
	delete(id: string): boolean {
		const entry = this.#entries.get(id);
		if (!entry) return false;
		entry.timer?.cancel();
		return this.#entries.delete(id);
	}

	/** Ends every session without calling onExpire (shutdown, tests). */
	clear(): void {
		for (const entry of this.#entries.values()) entry.timer?.cancel();
		this.#entries.clear();
	}

	#arm(id: string): void {
		const entry = this.#entries.get(id);
		if (!entry) return;
		entry.timer?.cancel();
		const used = entry.lastUsed;
		entry.timer = this.#schedule(() => {
			const current = this.#entries.get(id);
			// A use after this timer was set re-armed a newer one; this one is stale.
			if (current !== entry || current.lastUsed !== used) return;
			this.#end(id, 'idle');
		}, this.#ttlMs);
	}

	#end(id: string, reason: ExpiryReason): void {
		const entry = this.#entries.get(id);
		if (!entry) return;
		entry.timer?.cancel();
		this.#entries.delete(id);
		this.#onExpire?.(id, entry.value, reason);
	}
}

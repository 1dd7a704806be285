import type { MemberOutcome } from './bulk.js';

/**
 * The periodic re-verification sweep: every linked member of every guild is re-checked once per period (default 24 h),
 * spread evenly over the period so it never competes with people running commands (it also runs at background
 * priority in the Roblox limiter). A member whose check failed (Roblox down, rate limited, private inventory) is
 * retried later in the same pass instead of waiting a whole period.
 */

export interface SweepPosition {
	passStartedAt: number;
	guildId: string;
	memberId: string;
}

export interface SweepPorts {
	guildIds(): string[];
	/** Where the current pass was when the process stopped (null: no pass under way). */
	loadPosition?(): Promise<SweepPosition | null>;
	savePosition?(position: SweepPosition | null): Promise<void>;
	listMembers(guildId: string, afterId: string | undefined, limit: number): Promise<string[]>;
	linkedAmong(memberIds: readonly string[]): Promise<Set<string>>;
	checkMember(guildId: string, memberId: string): Promise<MemberOutcome>;
}

export interface SweepOptions {
	periodMs: number;
	retryDelayMs?: number;
	maxRetries?: number;
	/** How often the pass position is persisted (default every 5 s; it is one small write). */
	positionSaveEveryMs?: number;
	logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
	/** Injected for tests; production waits with unref'd timers. */
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(resolve, ms);
		timer.unref();
		signal.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				resolve();
			},
			{ once: true },
		);
	});

export interface SweepPassResult {
	checked: number;
	changed: number;
	failed: number;
	/** Members the check passed over (left, or pending Membership Screening). */
	skipped: number;
	retried: number;
}

export class Sweeper {
	private controller = new AbortController();
	private loop: Promise<void> | null = null;
	private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

	constructor(
		private readonly ports: SweepPorts,
		private readonly options: SweepOptions,
	) {
		this.sleep = options.sleep ?? defaultSleep;
	}

	start(): void {
		if (this.loop) return;
		this.controller = new AbortController();
		const signal = this.controller.signal;
		this.loop = (async () => {
			// Let start-up traffic (command registration, resumed bulk runs) go first.
			await this.sleep(60_000, signal);
			while (!signal.aborted) {
				const started = Date.now();
				const result = await this.runPass(signal).catch((error: unknown) => {
					this.options.logger?.warn({ err: error }, 'sweep pass failed');
					return null;
				});
				if (result) this.options.logger?.info({ ...result, ms: Date.now() - started }, 'sweep pass finished');
				await this.sleep(Math.max(60_000, this.options.periodMs - (Date.now() - started)), signal);
			}
		})();
	}

	async stop(): Promise<void> {
		this.controller.abort();
		await this.loop;
		this.loop = null;
	}

	/**
	 * One pass over every guild; the checks are spread over `periodMs`. A pass interrupted by a restart continues
	 * where it was, inside its original period, so frequent restarts cannot starve the members late in the order.
	 */
	async runPass(signal: AbortSignal = new AbortController().signal): Promise<SweepPassResult> {
		const saved = await this.ports.loadPosition?.().catch(() => null);
		const now = Date.now();
		const resume = saved && saved.passStartedAt + this.options.periodMs > now ? saved : null;
		const passStartedAt = resume?.passStartedAt ?? now;
		const targets: [string, string][] = [];
		const guildIds = [...this.ports.guildIds()].sort(compareIds);
		for (const guildId of guildIds) {
			let after: string | undefined;
			for (;;) {
				const page = await this.ports.listMembers(guildId, after, 1000);
				if (page.length === 0) break;
				const linked = await this.ports.linkedAmong(page);
				for (const memberId of page) if (linked.has(memberId)) targets.push([guildId, memberId]);
				after = page[page.length - 1];
				if (page.length < 1000) break;
			}
		}
		const result: SweepPassResult = { checked: 0, changed: 0, failed: 0, skipped: 0, retried: 0 };
		// Members up to the saved position were checked before the restart.
		const first = resume
			? targets.findIndex(([guildId, memberId]) => {
					const byGuild = compareIds(guildId, resume.guildId);
					return byGuild > 0 || (byGuild === 0 && compareIds(memberId, resume.memberId) > 0);
				})
			: 0;
		const todo = first === -1 ? [] : targets.slice(first);
		const gap = todo.length > 0 ? Math.max(0, passStartedAt + this.options.periodMs - now) / todo.length : 0;
		let savedAt = 0;
		const remember = async (guildId: string, memberId: string) => {
			if (Date.now() - savedAt < (this.options.positionSaveEveryMs ?? POSITION_SAVE_EVERY_MS)) return;
			savedAt = Date.now();
			await this.ports.savePosition?.({ passStartedAt, guildId, memberId }).catch(() => undefined);
		};
		const retries: { guildId: string; memberId: string; attempt: number; at: number }[] = [];
		const maxRetries = this.options.maxRetries ?? 3;
		const retryDelay = this.options.retryDelayMs ?? 15 * 60_000;

		const check = async (guildId: string, memberId: string, attempt: number) => {
			const outcome = await this.ports
				.checkMember(guildId, memberId)
				.catch((error: unknown): MemberOutcome => ({ kind: 'failed', reason: String(error) }));
			result.checked++;
			if (outcome.kind === 'changed') result.changed++;
			if (outcome.kind === 'skipped') result.skipped++;
			if (outcome.kind === 'failed') {
				result.failed++;
				if (attempt < maxRetries)
					retries.push({ guildId, memberId, attempt: attempt + 1, at: Date.now() + retryDelay });
			}
		};

		for (const [guildId, memberId] of todo) {
			if (signal.aborted) return result;
			const started = Date.now();
			await check(guildId, memberId, 0);
			await remember(guildId, memberId);
			// Retries whose time has come go between the regular checks.
			while (retries.length && retries[0]!.at <= Date.now() && !signal.aborted) {
				const retry = retries.shift()!;
				result.retried++;
				await check(retry.guildId, retry.memberId, retry.attempt);
			}
			const wait = gap - (Date.now() - started);
			if (wait > 0) await this.sleep(wait, signal);
		}
		while (retries.length && !signal.aborted) {
			const retry = retries.shift()!;
			const wait = retry.at - Date.now();
			if (wait > 0) await this.sleep(wait, signal);
			result.retried++;
			await check(retry.guildId, retry.memberId, retry.attempt);
		}
		if (!signal.aborted) await this.ports.savePosition?.(null).catch(() => undefined);
		return result;
	}
}

/** Every few seconds is plenty for a pass that lasts a day; members after the last save are just checked again. */
const POSITION_SAVE_EVERY_MS = 5_000;

/** Snowflakes compare as numbers: shorter is smaller, then by digits. */
function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

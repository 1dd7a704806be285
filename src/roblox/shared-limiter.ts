/**
 * One Roblox budget for every process on an API key: the window of each limiter is a sliding-window log in a Redis
 * sorted set (member = a request, score = its start, then its answer, in Redis's own clock), taken atomically by a
 * Lua script, so the sum of every process's starts stays within Roblox's limit in any rolling window. Each process
 * keeps its own priority queue in front (limiter.ts: interactive before background) and asks Redis for a slot only
 * for the head of that queue.
 *
 * Redis unreachable (refused, timed out): each process falls back to a safe local share, limit ÷ `processes`
 * (ROBLOX_BUDGET_PROCESSES), never the full budget; one warning per outage; back to the shared window as soon as
 * Redis answers again. Both switches are made so that they can't overspend either (see enterFallback and rejoin).
 *
 * Why not a library: rate-limiter-flexible's Redis limiter counts fixed windows (up to twice the limit across a
 * window boundary, which trips Roblox's rolling limit) and has no priorities; redis-semaphore bounds concurrency,
 * not starts per window; bottleneck's Redis mode shares a reservoir refilled at fixed intervals (a fixed window again) and has had no release
 * since 2019. None re-dates a request
 * to its answer. The scripts below are the whole algorithm, in the same shape as store/lock.ts's leases.
 */
import { randomBytes } from 'node:crypto';
import {
	checkRate,
	type BudgetWindow,
	type Grant,
	type Limiter,
	paddedWindowMs,
	QueuedLimiter,
	type Rate,
	type Slot,
	SlidingLog,
	SlidingWindowLimiter,
} from './limiter.js';

/** Every Roblox budget of one process: a limiter per budget name (one shared window per name across processes). */
export interface Budgets {
	limiter(name: string, rate: Rate): Limiter;
	close(): Promise<void>;
}

export interface BudgetLogger {
	warn(obj: object, msg?: string): void;
	info(obj: object, msg?: string): void;
}

/** The part of a node-redis v5 client the scripts need. */
export interface RedisScripts {
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Each process's share of a budget when nothing is shared: at least one request per window. */
export const shareOf = (limit: number, processes: number): number => Math.max(1, Math.floor(limit / processes));

/** No shared store: every limiter is this process's own, at its share of the budget. */
export function localBudgets(processes = 1): Budgets {
	return {
		limiter: (_name, rate) => new SlidingWindowLimiter({ ...rate, limit: shareOf(rate.limit, processes) }),
		close: () => Promise.resolve(),
	};
}

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: log, hold. ARGV: limit, window ms, slot id. → {granted 0/1, wait ms}. */
const TAKE = `${NOW}
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
if hold > now then return {0, hold - now} end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used >= tonumber(ARGV[1]) then
	local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
	return {0, math.max(1, tonumber(oldest[2]) + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}`;

/**
 * KEYS: log. ARGV: window ms, mode, then id, age ms pairs: each slot dated `age` before now (never earlier than it
 * already is). Mode `settle` only re-dates slots still in the log; `rejoin` also adds those Redis never saw.
 */
const REDATE = `${NOW}
local add = ARGV[2] == 'rejoin'
for i = 3, #ARGV, 2 do
	local at = now - tonumber(ARGV[i + 1])
	local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
	if (score and tonumber(score) < at) or (not score and add) then redis.call('ZADD', KEYS[1], at, ARGV[i]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/** KEYS: log, hold. ARGV: ms, limit (0: hold whatever the log says), window ms. */
const HOLD = `${NOW}
local limit = tonumber(ARGV[2])
if limit > 0 then
	redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
	if redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
end
local till = now + tonumber(ARGV[1])
if till > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], till, 'PX', ARGV[1]) end
return 1`;

export interface SharedBudgetOptions {
	processes: number;
	logger?: BudgetLogger | undefined;
	/** A Redis call slower than this counts as an outage (default 1_000 ms). */
	timeoutMs?: number;
	/** While Redis is out, try it again at most this often (default 1_000 ms). */
	probeMs?: number;
	clock?: () => number;
	/** Closes the connection (the caller's, when it opened it). */
	close?: () => Promise<void>;
}

/** The Redis connection every shared window of a process uses, and whether Redis is reachable right now. */
class SharedBudget implements Budgets {
	readonly processes: number;
	readonly clock: () => number;
	private down = false;
	private closed = false;
	private nextProbeAt = 0;
	readonly timeoutMs: number;
	readonly probeMs: number;

	constructor(
		private readonly redis: RedisScripts,
		private readonly opts: SharedBudgetOptions,
	) {
		this.processes = opts.processes;
		this.clock = opts.clock ?? Date.now;
		this.timeoutMs = opts.timeoutMs ?? 1_000;
		this.probeMs = opts.probeMs ?? 1_000;
	}

	limiter(name: string, rate: Rate): Limiter {
		checkRate(rate);
		return new QueuedLimiter(new SharedWindow(this, name, rate), this.clock);
	}

	/** Whether to ask Redis now: always while it answers; during an outage once per probe interval. */
	usable(): boolean {
		if (!this.down) return true;
		const now = this.clock();
		if (now < this.nextProbeAt) return false;
		this.nextProbeAt = now + this.probeMs;
		return true;
	}

	get reachable(): boolean {
		return !this.down;
	}

	async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
		// After a stop, slots settled late must not read as an outage (no warning on the way out).
		if (this.closed) throw new Error('budget closed');
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`no answer from Redis within ${this.timeoutMs} ms`)), this.timeoutMs);
		});
		try {
			const result = await Promise.race([this.redis.eval(script, { keys, arguments: args.map(String) }), timeout]);
			if (this.down) {
				this.down = false;
				this.opts.logger?.info({}, 'Redis answers again: the Roblox budget is shared again');
			}
			return result;
		} catch (err) {
			if (!this.down) {
				this.down = true;
				this.opts.logger?.warn(
					{ error: (err as Error).message, processes: this.processes },
					'Redis unreachable: each process now spends its share of the Roblox budget (limit ÷ ROBLOX_BUDGET_PROCESSES) until it is back',
				);
			}
			this.nextProbeAt = this.clock() + this.probeMs;
			throw err;
		} finally {
			clearTimeout(timer);
		}
	}

	/** The limiters are closed by their owner (client.ts); this ends the connection. */
	async close(): Promise<void> {
		this.closed = true;
		await this.opts.close?.();
	}
}

class SharedWindow implements BudgetWindow {
	private readonly keys: [string, string];
	private readonly limit: number;
	private readonly share: number;
	private readonly windowMs: number;
	/** This process's own starts (from Redis or from the fallback), in its clock; the fallback's log. */
	private readonly own: SlidingLog;
	private fallback = false;
	/** After an outage, this process keeps to its share until then (see rejoin). */
	private graceUntil = 0;
	private readonly prefix = randomBytes(6).toString('hex');
	private seq = 0;

	constructor(
		private readonly budget: SharedBudget,
		name: string,
		rate: Rate,
	) {
		// One hash tag for both keys, so a Redis Cluster keeps them on one node (a script may touch only those).
		this.keys = [`rolink:budget:{${name}}`, `rolink:budget:{${name}}:hold`];
		this.limit = Math.floor(rate.limit);
		this.share = shareOf(this.limit, budget.processes);
		this.windowMs = paddedWindowMs(rate.windowMs);
		this.own = new SlidingLog(this.windowMs);
	}

	async take(): Promise<Grant> {
		const clock = this.budget.clock;
		if (this.budget.usable()) {
			try {
				if (this.fallback) await this.rejoin();
				if (clock() < this.graceUntil) {
					const wait = this.own.wait(this.share, clock());
					if (wait !== undefined) return { waitMs: wait };
				}
				const id = this.nextId();
				const [granted, waitMs] = (await this.budget.run(TAKE, [...this.keys], [this.limit, this.windowMs, id])) as [
					number,
					number,
				];
				if (granted !== 1) return { waitMs: Math.max(1, waitMs) };
				const slot = this.own.add({ at: clock(), id });
				return { settle: () => this.settle(slot) };
			} catch {
				// The outage is logged once, by the budget; this window now serves its share locally.
			}
		}
		this.enterFallback();
		return this.own.take(this.share, clock(), clock, this.nextId());
	}

	exhausted(resetMs: number): boolean {
		if (this.fallback || !this.budget.reachable) return this.own.size(this.budget.clock()) < this.share;
		// Atomically in Redis: hold every process unless the shared log itself explains the empty budget.
		this.send(HOLD, [resetMs, this.limit, this.windowMs]);
		return false;
	}

	shareHold(ms: number): void {
		if (!this.fallback) this.send(HOLD, [ms, 0, this.windowMs]);
	}

	private settle(slot: Slot): void {
		this.own.settle(slot, this.budget.clock());
		if (!this.fallback && slot.id) this.send(REDATE, [this.windowMs, 'settle', slot.id, 0], [this.keys[0]]);
	}

	/** Fire and forget: a failure only marks the outage (the fallback then keeps this process within its share). */
	private send(script: string, args: (string | number)[], keys: string[] = [...this.keys]): void {
		if (!this.budget.reachable) return;
		this.budget.run(script, keys, args).catch(() => undefined);
	}

	/**
	 * What the other processes started in the current window is unknown once Redis is gone, so with several
	 * processes the window counts as full when the outage begins: each process spends its share only once a window
	 * has passed. (The store is Redis too, so the bot can't link or check anyone in that window anyway.)
	 */
	private enterFallback(): void {
		if (this.fallback) return;
		this.fallback = true;
		if (this.budget.processes === 1) return;
		const now = this.budget.clock();
		for (let i = this.own.size(now); i < this.limit; i++) this.own.add({ at: now, phantom: true });
	}

	/**
	 * Back to the shared window: the starts made meanwhile go into it first, each at its age. Another process may
	 * still be in its fallback (it notices Redis is back on its next take, at most a probe interval later), and its
	 * starts reach Redis only when it does; until those are out of the window, this process keeps to its share too,
	 * so the sum stays within the limit whoever has rejoined.
	 */
	private async rejoin(): Promise<void> {
		const now = this.budget.clock();
		const mine = this.own.entries(now).filter((s) => !s.phantom && s.id);
		await this.budget.run(
			REDATE,
			[this.keys[0]],
			[this.windowMs, 'rejoin', ...mine.flatMap((s) => [s.id!, now - s.at])],
		);
		this.own.removePhantoms();
		this.fallback = false;
		this.graceUntil = now + this.windowMs + this.budget.probeMs + this.budget.timeoutMs;
	}

	private nextId(): string {
		return `${this.prefix}:${(this.seq++).toString(36)}`;
	}
}

/** Shared windows on an existing connection (tests pass their own; `openBudgets` opens one). */
export function sharedBudgets(redis: RedisScripts, opts: SharedBudgetOptions): Budgets {
	if (!(opts.processes >= 1)) throw new RangeError('processes must be at least 1');
	return new SharedBudget(redis, opts);
}

/**
 * The budgets for a process: shared through Redis when the store is Redis (`redis://` or `rediss://` DATABASE_URL),
 * else local at limit ÷ processes. The Redis client is its own connection (a busy store connection would delay every
 * Roblox request), loaded only when used, and fails commands at once while reconnecting instead of queueing them.
 */
const CONNECT_WAIT_MS = 3_000;

export async function openBudgets(databaseUrl: string, processes: number, logger?: BudgetLogger): Promise<Budgets> {
	if (!/^rediss?:\/\//i.test(databaseUrl)) return localBudgets(processes);
	const { createClient } = await import('@redis/client');
	const client = createClient({
		url: databaseUrl,
		disableOfflineQueue: true,
		socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1_000) },
	});
	// Errors surface as failed commands (the outage warning); the client keeps reconnecting by itself.
	client.on('error', () => undefined);
	// Waited for (the store has just reached this server, so it is quick), but not forever: a Redis that is down at
	// start-up means the fallback until it comes up, not a bot that won't start.
	const connected = client.connect().then(
		() => undefined,
		() => undefined,
	);
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([connected, new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)))]);
	clearTimeout(timer);
	return sharedBudgets(client, {
		processes,
		logger,
		close: async () => {
			client.destroy();
			await Promise.resolve();
		},
	});
}

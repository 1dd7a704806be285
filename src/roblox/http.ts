import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { RobloxError, type RobloxErrorCode } from './errors.js';
import type { Limiter } from './limiter.js';
import type { Priority } from './types.js';

/**
 * The only place that touches the network. One keep-alive undici Pool per origin, explicit handling of
 * every status code, bounded retries that each go back through the limiter, and logs that never include
 * headers (the API key lives in one).
 */

export interface RobloxLogger {
	debug(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
}

export interface HttpOptions {
	apiKey: string;
	connectMs: number;
	requestMs: number;
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	logger?: RobloxLogger | undefined;
}

export interface HttpRequest {
	/** Base URL of the host, e.g. https://apis.roblox.com (a path prefix is allowed). */
	base: string;
	method: 'GET' | 'POST';
	/** Path plus query string, starting with '/'. */
	path: string;
	body?: unknown;
	/** Send x-api-key. Only Open Cloud gets the key; the anonymous legacy hosts never see it. */
	auth: boolean;
	/** A member's OAuth access token instead of the API key (their own budget, their private inventory). */
	bearer?: string;
	limiter: Limiter;
	priority: Priority;
	/** What a 404 means here (a user endpoint says user-not-found). */
	notFound?: RobloxErrorCode;
	/** Inventory: a v2 403 PERMISSION_DENIED means the inventory is private. */
	inventory?: boolean;
	/** Incremented once per HTTP attempt, so callers can report what an answer cost. */
	calls?: { count: number };
}

export interface HttpStats {
	requests: number;
	inventoryRequests: number;
	groupRequests: number;
	rateLimited: number;
	retries: number;
}

type Attempt = { ok: true; json: unknown } | { ok: false; error: RobloxError; retriable: boolean; waitMs?: number };

const MAX_RETRY_AFTER_MS = 60_000;

export class Http {
	readonly stats: HttpStats = { requests: 0, inventoryRequests: 0, groupRequests: 0, rateLimited: 0, retries: 0 };
	private readonly pools = new Map<string, Pool>();
	private readonly closing = new AbortController();

	constructor(private readonly opts: HttpOptions) {
		// Every in-flight attempt listens for close(); hundreds at once are normal, not a leak.
		setMaxListeners(0, this.closing.signal);
	}

	/** Perform the request with retries; resolves with the parsed JSON of a 2xx, or throws a RobloxError. */
	async json(req: HttpRequest): Promise<unknown> {
		for (let attempt = 0; ; attempt++) {
			const settle = await req.limiter.acquire(req.priority);
			const result = await this.once(req, attempt).finally(settle);
			if (result.ok) return result.json;
			if (!result.retriable || attempt >= this.opts.maxRetries) throw result.error;
			const delay = result.waitMs ?? this.backoff(attempt);
			this.stats.retries++;
			this.opts.logger?.warn(
				{
					host: new URL(req.base).host,
					path: pathOnly(req.path),
					status: result.error.status,
					code: result.error.code,
					attempt: attempt + 1,
					delayMs: delay,
				},
				'roblox retry',
			);
			await this.wait(delay);
		}
	}

	/** A delay that ends early (rejecting) when the client closes, so close() never waits on a backoff. */
	async wait(ms: number): Promise<void> {
		try {
			await sleep(ms, undefined, { signal: this.closing.signal });
		} catch {
			throw new RobloxError('unavailable', 'Roblox client is closed');
		}
	}

	async close(): Promise<void> {
		this.closing.abort();
		const pools = [...this.pools.values()];
		this.pools.clear();
		await Promise.all(pools.map((p) => p.destroy().catch(() => undefined)));
	}

	/** Exponential backoff with "equal jitter": never less than half the step, never more than maxDelayMs. */
	private backoff(attempt: number): number {
		const step = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** attempt);
		return Math.round(step / 2 + Math.random() * (step / 2));
	}

	private pool(origin: string): Pool {
		let pool = this.pools.get(origin);
		if (!pool) {
			pool = new Pool(origin, {
				connections: 16,
				connect: { timeout: this.opts.connectMs },
				headersTimeout: this.opts.requestMs,
				bodyTimeout: this.opts.requestMs,
				keepAliveTimeout: 30_000,
			});
			this.pools.set(origin, pool);
		}
		return pool;
	}

	private async once(req: HttpRequest, attempt: number): Promise<Attempt> {
		const url = new URL(req.base);
		const prefix = url.pathname.replace(/\/+$/, '');
		const path = prefix + req.path;
		const where = `${req.method} ${url.host}${pathOnly(path)}`;
		const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'rolink-bot' };
		if (req.bearer !== undefined) headers.authorization = `Bearer ${req.bearer}`;
		else if (req.auth) headers['x-api-key'] = this.opts.apiKey;
		let body: string | undefined;
		if (req.body !== undefined) {
			body = JSON.stringify(req.body);
			headers['content-type'] = 'application/json';
		}
		this.stats.requests++;
		if (req.inventory) this.stats.inventoryRequests++;
		if (req.path.startsWith('/cloud/v2/groups/')) this.stats.groupRequests++;
		if (req.calls) req.calls.count++;
		const started = performance.now();
		let status = 0;
		let text: string;
		let resHeaders: Record<string, string | string[] | undefined>;
		// undici's own headers/body timeouts run on a coarse (~0.5–1 s) timer wheel and reset per chunk; this
		// precise per-attempt deadline covers headers and body together. Closing the client aborts it too.
		const deadline = new AbortController();
		const timer = setTimeout(() => deadline.abort(), this.opts.requestMs);
		const onClose = () => deadline.abort();
		this.closing.signal.addEventListener('abort', onClose, { once: true });
		try {
			const res = await this.pool(url.origin).request({
				method: req.method,
				path,
				headers,
				body,
				signal: deadline.signal,
			});
			status = res.statusCode;
			resHeaders = res.headers;
			text = await res.body.text();
		} catch (cause) {
			const ms = Math.round(performance.now() - started);
			const reason = this.closing.signal.aborted
				? 'closed'
				: deadline.signal.aborted
					? 'REQUEST_TIMEOUT'
					: errCode(cause);
			this.opts.logger?.debug(
				{ host: url.host, path: pathOnly(path), status, ms, attempt, error: reason },
				'roblox request',
			);
			if (this.closing.signal.aborted)
				return { ok: false, retriable: false, error: new RobloxError('unavailable', 'Roblox client is closed') };
			const what = reason === 'REQUEST_TIMEOUT' ? `REQUEST_TIMEOUT after ${this.opts.requestMs} ms` : reason;
			return {
				ok: false,
				retriable: true,
				error: new RobloxError('unavailable', `${where} failed: ${what}`, { cause }),
			};
		} finally {
			clearTimeout(timer);
			this.closing.signal.removeEventListener('abort', onClose);
		}
		const ms = Math.round(performance.now() - started);
		this.opts.logger?.debug({ host: url.host, path: pathOnly(path), status, ms, attempt }, 'roblox request');

		const remaining = numberHeader(resHeaders['x-ratelimit-remaining']);
		const resetS = numberHeader(resHeaders['x-ratelimit-reset']);
		const resetMs = resetS === undefined ? undefined : resetS * 1000;
		req.limiter.observe(remaining, resetMs);

		if (status >= 200 && status < 300) {
			if (status === 204 || text === '') return { ok: true, json: {} };
			try {
				return { ok: true, json: JSON.parse(text) as unknown };
			} catch (cause) {
				return {
					ok: false,
					retriable: true,
					error: new RobloxError('unavailable', `${where} returned malformed JSON (${status})`, { status, cause }),
				};
			}
		}

		const detail = this.redact(errorDetail(text));
		const error = (code: RobloxErrorCode, extra: { retryAfterMs?: number } = {}) =>
			new RobloxError(code, `${where} → ${status}${detail ? ` ${detail}` : ''}`, { status, ...extra });

		if (status === 429) {
			this.stats.rateLimited++;
			const retryAfterS = numberHeader(resHeaders['retry-after']);
			const waitMs = retryAfterS !== undefined ? retryAfterS * 1000 : resetMs;
			if (waitMs !== undefined) {
				// Everybody sharing this budget must wait, not only the request that hit the wall.
				req.limiter.hold(waitMs);
				if (waitMs > MAX_RETRY_AFTER_MS)
					return { ok: false, retriable: false, error: error('rate-limited', { retryAfterMs: waitMs }) };
			}
			return {
				ok: false,
				retriable: true,
				error: error('rate-limited', waitMs === undefined ? {} : { retryAfterMs: waitMs }),
				...(waitMs === undefined ? {} : { waitMs: jitterUp(waitMs) }),
			};
		}
		if (status >= 500 || status === 408 || status === 499)
			return { ok: false, retriable: true, error: error('unavailable') };
		switch (status) {
			case 400:
				return { ok: false, retriable: false, error: error('invalid-argument') };
			case 401:
				return {
					ok: false,
					retriable: false,
					error: error(req.bearer !== undefined ? 'token-revoked' : 'bad-api-key'),
				};
			case 403:
				// A v2 PERMISSION_DENIED on inventory is the owner's privacy setting (or a filter that needs the
				// owner's own key); a gateway-shaped 403 means the key itself lacks permission.
				if (req.inventory && v2Code(text) === 'PERMISSION_DENIED')
					return { ok: false, retriable: false, error: error('private-inventory') };
				return { ok: false, retriable: false, error: error('bad-api-key') };
			case 404:
				return { ok: false, retriable: false, error: error(req.notFound ?? 'not-found') };
			default:
				// 3xx, 409 and other 4xx: not something a retry or the caller can fix.
				return { ok: false, retriable: false, error: error('unavailable') };
		}
	}

	private redact(s: string): string {
		return this.opts.apiKey ? s.split(this.opts.apiKey).join('[redacted]') : s;
	}
}

/** Retry a little after the server's moment, spread out so a burst of waiters doesn't return in lockstep. */
const jitterUp = (ms: number): number => Math.round(ms + Math.random() * Math.min(250, ms * 0.1 + 20));

const pathOnly = (p: string): string => p.split('?')[0] ?? p;

function numberHeader(v: string | string[] | undefined): number | undefined {
	const s = Array.isArray(v) ? v[0] : v;
	if (s === undefined) return undefined;
	// x-ratelimit-limit style values can list several windows ("100, 100;w=60"); the first figure is the one.
	const n = Number.parseFloat(s.split(',')[0] ?? '');
	return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function errCode(e: unknown): string {
	if (e && typeof e === 'object') {
		const o = e as { code?: unknown; name?: unknown };
		if (typeof o.code === 'string') return o.code;
		if (typeof o.name === 'string') return o.name;
	}
	return 'network error';
}

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		const v = JSON.parse(text) as unknown;
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

const v2Code = (text: string): unknown => parseObject(text)?.code;

/** A short "CODE: message" from either error shape (v2 `{code,message}` or gateway/legacy `{errors:[…]}`). */
function errorDetail(text: string): string {
	const o = parseObject(text);
	if (!o) return '';
	if (typeof o.code === 'string')
		return `${o.code}${typeof o.message === 'string' ? `: ${o.message}` : ''}`.slice(0, 300);
	const first = Array.isArray(o.errors) ? (o.errors[0] as Record<string, unknown> | undefined) : undefined;
	if (first && typeof first === 'object')
		return `code ${String(first.code)}: ${typeof first.message === 'string' ? first.message : ''}`.slice(0, 300);
	return '';
}

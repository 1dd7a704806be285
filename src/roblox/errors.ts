/**
 * The one error type that leaves src/roblox. Callers branch on `code`, never on message text, so the
 * message is free to carry host/path/status detail for logs. It must never carry the API key: every
 * message built from a response body passes through `redact` in http.ts first.
 */

export type RobloxErrorCode =
	| 'private-inventory'
	| 'user-not-found'
	| 'not-found'
	| 'invalid-argument'
	| 'bad-api-key'
	| 'rate-limited'
	| 'unavailable'
	/** OAuth: Roblox (or our checks of its answer) refused a sign-in; nothing may be linked from it. */
	| 'oauth-refused'
	/** OAuth: the member's refresh or access token no longer works (revoked, expired, used twice). */
	| 'token-revoked';

export class RobloxError extends Error {
	override readonly name = 'RobloxError';
	readonly code: RobloxErrorCode;
	readonly status?: number;
	/** Set for rate-limited errors when Roblox told us how long to wait. */
	readonly retryAfterMs?: number;

	constructor(
		code: RobloxErrorCode,
		message: string,
		opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
	) {
		super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
		this.code = code;
		if (opts.status !== undefined) this.status = opts.status;
		if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
	}
}

export const isRobloxError = (e: unknown): e is RobloxError => e instanceof RobloxError;

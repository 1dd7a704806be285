import type { EventEmitter } from 'node:events';

/** Resolve with check()'s first non-undefined result, re-checking on every 'change' event; reject after timeoutMs. */
export function waitUntil<T>(
	events: EventEmitter,
	check: () => T | undefined,
	timeoutMs: number,
	describe: () => string,
): Promise<T> {
	const now = check();
	if (now !== undefined) return Promise.resolve(now);
	return new Promise<T>((resolve, reject) => {
		const onChange = () => {
			const v = check();
			if (v !== undefined) {
				cleanup();
				resolve(v);
			}
		};
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`fake discord: timed out after ${timeoutMs} ms: ${describe()}`));
		}, timeoutMs);
		const cleanup = () => {
			clearTimeout(timer);
			events.off('change', onChange);
		};
		events.on('change', onChange);
	});
}

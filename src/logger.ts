import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * One pino logger for the process. Secrets are scrubbed twice: structured paths that could hold them are redacted,
 * and every line written is searched for the literal secret values as a last guard (an error message from a library
 * could quote a header or a URL, and we never want the token or the API key on disk).
 */
export function createLogger(options: {
	level: LogLevel;
	secrets: readonly string[];
	destination?: DestinationStream;
}): Logger {
	const secrets = options.secrets.filter((secret) => secret.length >= 8);
	const scrub = (line: string) => secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
	return pino(
		{
			level: options.level,
			base: { app: 'rolink' },
			redact: {
				paths: [
					'token',
					'apiKey',
					'*.token',
					'*.apiKey',
					'headers.authorization',
					'headers["x-api-key"]',
					'*.headers.authorization',
					'*.headers["x-api-key"]',
				],
				censor: '[redacted]',
			},
			hooks: { streamWrite: scrub },
		},
		options.destination ?? pino.destination({ dest: 1, sync: true }),
	);
}

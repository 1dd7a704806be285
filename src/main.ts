import { ConfigError, configSecrets, loadDotEnv, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { startApp, StartupError, type App } from './app.js';

/**
 * Entry point (`npm start`). Configuration and start-up problems print one line and exit 1; everything after start
 * goes through the structured logger.
 */
async function main(): Promise<void> {
	let config;
	try {
		loadDotEnv();
		config = parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config) });
	process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

	let app: App;
	try {
		app = await startApp(config, logger);
	} catch (error) {
		if (error instanceof StartupError) {
			console.error(error.message);
			process.exit(1);
		}
		logger.fatal({ err: error }, 'start-up failed');
		process.exit(1);
	}

	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		// Last resort, inside Docker's and systemd's 10 s stop timeout; app.stop() itself takes at most ~4 s.
		const force = setTimeout(() => process.exit(1), 7_500);
		force.unref();
		await app.stop().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
		logger.info({}, 'stopped');
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();

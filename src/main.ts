import { ConfigError, configSecrets, loadDotEnv, parseConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import type { App } from './app.js';
import type { RunningShards } from './shards.js';

/**
 * Entry point (`npm start`). Configuration and start-up problems print one line and exit 1; everything after start
 * goes through the structured logger. With DISCORD_SHARDS this process is the sharding manager (src/shards.ts), and
 * the shard processes it forks come back here as normal Rolinks.
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
	let logger = createLogger({ level: config.logLevel, secrets: configSecrets(config) });
	process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
	// The manager loads only what it needs (discord.js's ShardingManager), not the bot it starts in every shard.
	if (config.shards !== undefined && process.env.SHARDING_MANAGER === undefined) return runManager(config, logger);
	const { startApp, StartupError } = await import('./app.js');
	// discord.js starts each shard process with SHARDS set to its shard id: every line says which shard wrote it.
	if (process.env.SHARDING_MANAGER !== undefined) logger = logger.child({ shard: Number(process.env.SHARDS) });

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
	const stop = onStopSignals(logger, async () => {
		// Last resort, inside Docker's and systemd's 10 s stop timeout; app.stop() itself takes at most ~4 s.
		const force = setTimeout(() => process.exit(1), 7_500);
		force.unref();
		await app.stop();
		return true;
	});
	// A shard whose manager is gone (killed outright) stops too, instead of running on unsupervised.
	if (process.send) process.once('disconnect', () => void stop('manager gone'));
}

async function runManager(config: Config, logger: Logger): Promise<void> {
	const { startShards, ShardStartError } = await import('./shards.js');
	let shards: RunningShards;
	try {
		shards = await startShards(config, logger);
	} catch (error) {
		if (error instanceof ShardStartError) {
			console.error(error.message);
			process.exit(1);
		}
		logger.fatal({ err: error }, 'start-up failed');
		process.exit(1);
	}
	onStopSignals(logger, () => shards.stop());
}

/** SIGINT / SIGTERM run `stop` once, then exit: 0 when it went well, 1 when it failed or said so. */
function onStopSignals(logger: Logger, stop: () => Promise<boolean>): (reason: string) => Promise<void> {
	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		const ok = await stop().catch((error: unknown) => {
			logger.error({ err: error }, 'error during shutdown');
			return true;
		});
		logger.info({}, 'stopped');
		process.exit(ok ? 0 : 1);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	return shutdown;
}

void main();

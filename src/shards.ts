import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import {
	DiscordAPIError,
	REST,
	Routes,
	ShardingManager,
	type RESTGetAPIGatewayBotResult,
	type Shard,
} from 'discord.js';
import { TOKEN_REJECTED_HTTP } from './bot/client.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * Sharding (DISCORD_SHARDS=auto|<n>): this process becomes a discord.js ShardingManager and forks one Rolink per shard,
 * `dist/src/main.js` again, which discord.js hands its shard through SHARDS / SHARD_COUNT. Each shard process is a
 * whole Rolink on the shared store (its own Client, Roblox limiters, sweep and bulk runs, for its own guilds only).
 * The manager holds no Discord connection and no store: it spawns, respawns a shard that dies (its runs resume from the
 * store), and on SIGTERM stops every shard gracefully.
 */

/** Set for every shard process: how many processes share one Roblox budget (each takes budget ÷ this). */
const BUDGET_PROCESSES_ENV = 'ROBLOX_BUDGET_PROCESSES';

/** Discord lets `max_concurrency` shards IDENTIFY at once, then the next group after 5 s (discord.js waits 5.5 s). */
const IDENTIFY_INTERVAL_MS = 5_500;
/** A shard is ready once Discord sent all its guilds (discord.js waits up to 15 s for them) and start-up ran. */
const SPAWN_TIMEOUT_MS = 90_000;
/** Inside Docker's and systemd's 10 s: each shard stops in at most ~7.5 s (main.ts), all of them at once. */
const STOP_TIMEOUT_MS = 7_700;
/** How long a shard that failed to start gets to print its reason and exit by itself. */
const FAILED_START_GRACE_MS = 3_000;

/** A start the operator must fix (bad token, a shard that could not start): main prints it alone and exits 1. */
export class ShardStartError extends Error {}

/** The shard count to run and how many may connect at once, from GET /gateway/bot (Discord's recommendation). */
async function planShards(config: Config): Promise<{ count: number; maxConcurrency: number }> {
	const rest = new REST({ api: config.discordApiUrl, retries: 2 }).setToken(config.discordToken);
	let info: RESTGetAPIGatewayBotResult;
	try {
		info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
	} catch (error) {
		if (error instanceof DiscordAPIError && error.status === 401) throw new ShardStartError(TOKEN_REJECTED_HTTP);
		throw error;
	}
	return {
		count: config.shards === 'auto' || config.shards === undefined ? info.shards : config.shards,
		maxConcurrency: Math.max(1, info.session_start_limit.max_concurrency),
	};
}

export interface RunningShards {
	manager: ShardingManager;
	/** Stops every shard (SIGTERM, then SIGKILL after the timeout); true when all of them exited 0 in time. */
	stop(): Promise<boolean>;
}

/** Spawns every shard and resolves once all are ready; a shard that fails to start stops the others and rejects. */
export async function startShards(config: Config, logger: Logger): Promise<RunningShards> {
	const { count, maxConcurrency } = await planShards(config);
	const log = logger.child({ component: 'shards' });
	// Every shard process inherits this: its Roblox limiters take budget ÷ count. An operator's own value wins (more
	// machines, each with shards, share the key's budget too).
	if (!process.env[BUDGET_PROCESSES_ENV]?.trim()) process.env[BUDGET_PROCESSES_ENV] = String(count);
	const manager = new ShardingManager(fileURLToPath(new URL('./main.js', import.meta.url)), {
		totalShards: count,
		// Said outright: the shards are spawned here, not by manager.spawn() (which would fill it in), and broadcastEval
		// checks that every listed shard exists.
		shardList: [...Array(count).keys()],
		token: config.discordToken,
		mode: 'process',
		// Under `npm run dev` the children need tsx's loader too.
		execArgv: process.execArgv,
		// Off until every shard has started once: a shard that cannot start (bad token, missing intent) would only
		// fail again. After that a shard that dies is started again at once.
		respawn: false,
	});
	manager.on('shardCreate', (shard) => watch(shard, manager, log));
	log.info({ shards: count, maxConcurrency }, 'starting shards');
	const running: RunningShards = { manager, stop: () => stopShards(manager, log) };
	try {
		for (let first = 0; first < count; first += maxConcurrency) {
			if (first > 0) await sleep(IDENTIFY_INTERVAL_MS);
			const group = [];
			for (let id = first; id < Math.min(count, first + maxConcurrency); id++) group.push(manager.createShard(id));
			await Promise.all(group.map((shard) => shard.spawn(SPAWN_TIMEOUT_MS)));
		}
	} catch (error) {
		// A shard that hit a fatal answer (4014, 4004) is about to print why and exit: let it, then stop the rest.
		await exited(manager, FAILED_START_GRACE_MS);
		await running.stop();
		throw new ShardStartError(`A shard did not start (${(error as Error).message}); its own error is above.`);
	}
	manager.respawn = true;
	log.info({ shards: count, managerRssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }, 'all shards ready');
	return running;
}

function watch(shard: Shard, manager: ShardingManager, log: Logger): void {
	// Process mode: the shard's process is a ChildProcess (the Worker half of the union is for mode 'worker').
	shard.on('spawn', (child: ChildProcess | Worker) =>
		log.info({ shard: shard.id, pid: (child as ChildProcess).pid }, 'shard process started'),
	);
	shard.on('death', (child: ChildProcess | Worker) => {
		const { pid, exitCode, signalCode } = child as ChildProcess;
		const respawning = manager.respawn;
		log[respawning ? 'error' : 'info'](
			{ shard: shard.id, pid, code: exitCode, signal: signalCode },
			respawning ? 'shard process died; starting it again' : 'shard process exited',
		);
	});
	// A respawn that fails (e.g. it did not get ready in time) is reported here; without a listener it would throw.
	shard.on('error', (error: Error) => log.error({ err: error, shard: shard.id }, 'shard error'));
}

/** Resolves when every shard process has exited, or after `ms`. */
async function exited(manager: ShardingManager, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline && [...manager.shards.values()].some((shard) => shard.process)) await sleep(50);
}

async function stopShards(manager: ShardingManager, log: Logger): Promise<boolean> {
	manager.respawn = false;
	const exits = [...manager.shards.values()].map((shard) => {
		const child = shard.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
		return new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => {
				log.error({ shard: shard.id, pid: child.pid }, 'shard did not stop in time; killing it');
				child.kill('SIGKILL');
			}, STOP_TIMEOUT_MS);
			child.once('exit', (code) => {
				clearTimeout(timer);
				resolve(code === 0);
			});
			child.kill('SIGTERM');
		});
	});
	const results = await Promise.all(exits);
	return results.every(Boolean);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

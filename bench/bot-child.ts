/**
 * The bot under test, in a process of its own (compiled to dist/bench/bot-child.js and started by bench/bot.ts with
 * `node --expose-gc`, no tsx: the compiled start `npm start` runs).
 *
 * It is the same start-up as `npm start` (parseConfig + createLogger + startApp) with the bench's AppOptions from
 * argv[2], plus a tiny IPC protocol so the bench can sample this process's memory and wait for a bulk run:
 *   parent → { id, type: 'memory' | 'bulkWait' | 'stop', guildId? }
 *   child  → { type: 'ready', memory } once, then { id, ok, result | error } per request.
 * Running the bot apart from the fakes keeps their CPU and their recorded requests out of the bot's figures.
 */
import { startApp, type App, type AppOptions } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

type Request =
	{ id: number; type: 'memory' } | { id: number; type: 'bulkWait'; guildId: string } | { id: number; type: 'stop' };

function gcHint(): boolean {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (typeof gc !== 'function') return false;
	gc();
	gc();
	return true;
}

async function memory() {
	const gc = gcHint();
	await new Promise((resolve) => setTimeout(resolve, 50));
	gcHint();
	const m = process.memoryUsage();
	return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, gc };
}

const send = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
	if (!process.send) throw new Error('bench/bot-child.ts must be started by bench/bot.ts (it needs an IPC channel)');
	const options = JSON.parse(process.argv[2] ?? '{}') as AppOptions;
	const config = parseConfig(process.env);
	const logger = createLogger({ level: config.logLevel, secrets: [config.discordToken, config.robloxApiKey] });
	let app: App;
	try {
		app = await startApp(config, logger, options);
	} catch (error) {
		send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
		process.exit(1);
	}
	let stopped: Promise<void> | undefined;
	const stop = () => (stopped ??= app.stop().catch(() => undefined));
	process.on('message', (raw) => {
		const request = raw as Request;
		void (async () => {
			try {
				if (request.type === 'memory') send({ id: request.id, ok: true, result: await memory() });
				else if (request.type === 'bulkWait')
					send({ id: request.id, ok: true, result: (await app.ctx.bulk.wait(request.guildId)) ?? null });
				else if (request.type === 'stop') {
					await stop();
					send({ id: request.id, ok: true, result: null });
					process.disconnect();
					setTimeout(() => process.exit(0), 100).unref();
				}
			} catch (error) {
				send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
			}
		})();
	});
	// The parent going away (crash, Ctrl-C) must not leave a bot behind.
	process.on('disconnect', () => {
		void stop().finally(() => process.exit(0));
	});
	send({ type: 'ready', memory: await memory() });
}

void main();

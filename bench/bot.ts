import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppOptions } from '../src/app.js';
import type { RunState } from '../src/store/runs.js';
import { createWorld, ROOT, START_FLAGS, type World } from '../test/helpers/world.js';
import type { MemorySample } from './util.js';

/** The bot in its own process (bench/bot-child.ts compiled to dist/, as `npm start` runs), driven over IPC. */
export interface BotProcess {
	pid: number;
	/** Memory right after start-up (after a GC hint). */
	startup: MemorySample;
	memory(): Promise<MemorySample>;
	/** Resolves with the run's final state once the guild's bulk run ends (null when none is running). */
	bulkWait(guildId: string, timeoutMs: number): Promise<RunState | null>;
	stop(): Promise<void>;
	/** The last lines the bot logged (warn and above by default), for error messages. */
	output(): string;
}

// Compiled by `npm run bench`'s prebench step (and the test suite's global setup), like `npm start`'s prestart.
const CHILD = fileURLToPath(new URL('../dist/bench/bot-child.js', import.meta.url));

export async function startBotProcess(
	world: World,
	options: { env?: Record<string, string>; app?: AppOptions; startTimeoutMs?: number } = {},
): Promise<BotProcess> {
	const env = {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		...world.env({ LOG_LEVEL: 'warn', ...options.env }),
	};
	const app: AppOptions = {
		sweep: false,
		...options.app,
		roblox: {
			retries: { max: 2, baseDelayMs: 20, maxDelayMs: 100 },
			timeouts: { requestMs: 5_000, connectMs: 2_000 },
			...options.app?.roblox,
		},
	};
	const child: ChildProcess = fork(CHILD, [JSON.stringify(app)], {
		cwd: ROOT,
		env,
		execArgv: ['--expose-gc', ...START_FLAGS],
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);

	let nextId = 1;
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let exited = false;
	const exitedPromise = new Promise<void>((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			for (const p of pending.values())
				p.reject(new Error(`bot process exited (${code ?? signal}) ${output.slice(-2000)}`));
			pending.clear();
			resolve();
		});
	});

	const startup = await new Promise<MemorySample>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`bot process did not start within ${options.startTimeoutMs ?? 30_000} ms: ${output.slice(-2000)}`),
			);
		}, options.startTimeoutMs ?? 30_000);
		child.on('message', (raw) => {
			const message = raw as {
				type?: string;
				id?: number;
				ok?: boolean;
				result?: unknown;
				error?: string;
				memory?: MemorySample;
			};
			if (message.type === 'ready') {
				clearTimeout(timer);
				resolve(message.memory!);
			} else if (message.type === 'failed') {
				clearTimeout(timer);
				reject(new Error(`bot process failed to start: ${message.error}`));
			} else if (message.id !== undefined) {
				const p = pending.get(message.id);
				pending.delete(message.id);
				if (message.ok) p?.resolve(message.result);
				else p?.reject(new Error(message.error));
			}
		});
		void exitedPromise.then(() => {
			clearTimeout(timer);
			reject(new Error(`bot process exited during start-up: ${output.slice(-2000)}`));
		});
	});

	const call = <T>(request: Record<string, unknown>, timeoutMs: number): Promise<T> => {
		if (exited) return Promise.reject(new Error('bot process has exited'));
		const id = nextId++;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				pending.delete(id);
				reject(new Error(`bot process did not answer ${String(request.type)} within ${timeoutMs} ms`));
			}, timeoutMs);
			pending.set(id, {
				resolve: (v) => {
					clearTimeout(timer);
					resolve(v as T);
				},
				reject: (e) => {
					clearTimeout(timer);
					reject(e);
				},
			});
			child.send({ ...request, id });
		});
	};

	return {
		pid: child.pid!,
		startup,
		memory: () => call<MemorySample>({ type: 'memory' }, 10_000),
		bulkWait: (guildId, timeoutMs) => call<RunState | null>({ type: 'bulkWait', guildId }, timeoutMs),
		async stop() {
			if (exited) return;
			await call({ type: 'stop' }, 15_000).catch(() => undefined);
			const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exitedPromise;
			clearTimeout(killTimer);
		},
		output: () => output,
	};
}

/**
 * Start-up RSS of `count` more bot processes, each on a fresh world, started and stopped one after the other. One
 * start-up's RSS varies by tens of MB on a shared machine (when V8's and malloc's young garbage is given back), so
 * figure 5 reports the median of several.
 */
export async function startupSamples(count: number): Promise<MemorySample[]> {
	const samples: MemorySample[] = [];
	for (let i = 0; i < count; i++) {
		const world = await createWorld();
		try {
			const bot = await startBotProcess(world);
			samples.push(bot.startup);
			await bot.stop();
		} finally {
			await world.close();
		}
	}
	return samples;
}

/**
 * Real Redis and Postgres servers for tests and the bench: started on 127.0.0.1 on a free port with their data in a
 * temporary folder, stopped (and the folder removed) afterwards. Never mocked.
 *
 * A machine without the server binary gets `null` and one line saying so; with CI=true a missing server is an
 * error instead, so CI can't go green by skipping the Redis and Postgres suites.
 *
 * Postgres refuses to run as root. When the tests run as root (CI does), the server runs as the `postgres` user the
 * Debian package creates (or `nobody`), through spawn's uid/gid options, with the data folder handed to that user.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningServer {
	/** Base connection URL (Redis: database 0; Postgres: the `postgres` database). */
	url: string;
	port: number;
	/** The server process (outage tests pause it with SIGSTOP). */
	pid: number;
	stop(): Promise<void>;
}

export type ServerKind = 'redis' | 'postgres';

/** Same rule for every caller: CI must have the server, elsewhere its absence is reported and skipped. */
export function missingServer(kind: ServerKind, why: string): null {
	const line = `${kind}: ${why}; the ${kind} store suites are skipped (install ${kind === 'redis' ? 'redis-server' : 'postgresql'} to run them)`;
	if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true and ${line}`);
	console.warn(line);
	return null;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function findBinary(name: string, extraDirs: string[]): string | null {
	for (const dir of [...(process.env.PATH ?? '').split(':'), ...extraDirs]) {
		if (dir === '') continue;
		const candidate = path.join(dir, name);
		if (existsSync(candidate)) return candidate;
	}
	return null;
}

/** Debian's postgresql package puts its binaries in /usr/lib/postgresql/<major>/bin, not on PATH. */
function postgresDirs(): string[] {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return [];
	return readdirSync(root)
		.sort((a, b) => Number(b) - Number(a))
		.map((major) => path.join(root, major, 'bin'));
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, log: () => string) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log()}`);
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${what} did not start within 30 s: ${log()}`);
}

/** Postgres gets SIGINT (fast shutdown): SIGTERM would wait for every client to disconnect. */
function stopper(child: ChildProcess, dir: string, signal: NodeJS.Signals = 'SIGTERM'): () => Promise<void> {
	let stopped: Promise<void> | undefined;
	return () =>
		(stopped ??= (async () => {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise<void>((r) => child.once('exit', () => r()));
				child.kill(signal);
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			await rm(dir, { recursive: true, force: true });
		})());
}

async function canConnect(port: number): Promise<boolean> {
	const { connect } = await import('node:net');
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** `port`: start again where a stopped one listened (outage tests); a free port by default. */
export async function startRedis(options: { port?: number } = {}): Promise<RunningServer | null> {
	const bin = findBinary('redis-server', ['/usr/bin', '/usr/local/bin']);
	if (!bin) return missingServer('redis', 'redis-server not found');
	const dir = await mkdtemp(path.join(tmpdir(), 'rolink-redis-'));
	const port = options.port ?? (await freePort());
	let output = '';
	// Many logical databases: each store test takes its own, so tests in parallel workers never see each other.
	const child = spawn(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--databases',
			'10000',
			'--protected-mode',
			'no',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
	child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
	const stop = stopper(child, dir);
	try {
		await waitFor(
			'redis-server',
			() => canConnect(port),
			child,
			() => output,
		);
	} catch (err) {
		await stop();
		throw err;
	}
	return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, stop };
}

/** The user Postgres runs as when we are root: Debian's `postgres`, else `nobody`. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		try {
			const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
			if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
		} catch {
			/* no such user */
		}
	}
	throw new Error('running as root and neither a postgres nor a nobody user exists to run Postgres as');
}

export async function startPostgres(): Promise<RunningServer | null> {
	const dirs = postgresDirs();
	const initdb = findBinary('initdb', dirs);
	const postgres = initdb ? path.join(path.dirname(initdb), 'postgres') : null;
	if (!initdb || !postgres || !existsSync(postgres)) return missingServer('postgres', 'initdb/postgres not found');
	const user = postgresUser();
	const dir = await mkdtemp(path.join(tmpdir(), 'rolink-pg-'));
	const data = path.join(dir, 'data');
	if (user) {
		await chown(dir, user.uid, user.gid);
		await chmod(dir, 0o700);
	}
	const as = user ? { uid: user.uid, gid: user.gid } : {};
	try {
		execFileSync(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
			...as,
			stdio: 'pipe',
			cwd: dir,
		});
	} catch (err) {
		await rm(dir, { recursive: true, force: true });
		const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
		throw new Error(`initdb failed: ${stderr || (err as Error).message}`);
	}
	const port = await freePort();
	let output = '';
	// Durability off: test data is thrown away, and fsyncs on a shared 2-core machine are pure waiting.
	const child = spawn(
		postgres,
		[
			'-D',
			data,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			dir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=300',
		],
		{ ...as, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
	child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
	const stop = stopper(child, dir, 'SIGINT');
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	try {
		const pg = await import('pg');
		await waitFor(
			'postgres',
			async () => {
				const client = new pg.default.Client({ connectionString: url });
				try {
					await client.connect();
					await client.query('SELECT 1');
					return true;
				} catch {
					return false;
				} finally {
					await client.end().catch(() => undefined);
				}
			},
			child,
			() => output,
		);
	} catch (err) {
		await stop();
		throw err;
	}
	return { url, port, pid: child.pid!, stop };
}

/**
 * A Redis database of its own (the server runs with 10,000 of them): the number comes from an INCR on database 0,
 * so test files in parallel workers never share one. Emptied before use.
 */
export async function freshRedisUrl(baseUrl: string): Promise<string> {
	const { createClient } = await import('@redis/client');
	const client = createClient({ url: baseUrl });
	await client.connect();
	try {
		const n = (await client.incr('rolink-test:next-db')) % 9_999 || 9_999;
		const url = `${baseUrl}/${n}`;
		await client.select(n);
		await client.flushDb();
		return url;
	} finally {
		client.destroy();
	}
}

/** A Postgres database of its own, dropped by the returned cleanup. */
export async function freshPostgresUrl(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
	const pg = (await import('pg')).default;
	const name = `rolink_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`;
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	return {
		url: baseUrl.replace(/\/[^/]*$/, `/${name}`),
		async drop() {
			const client = new pg.Client({ connectionString: baseUrl });
			await client.connect();
			try {
				await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await client.end();
			}
		},
	};
}

/**
 * vitest globalSetup: one Redis and one Postgres for the whole run (each test takes its own logical database on
 * them, see test/store/helpers.ts), stopped at the end. A missing server is reported in one line and its suites skip;
 * with CI=true it fails the run (see servers.ts).
 */
import type { TestProject } from 'vitest/node';
import { type RunningServer, startPostgres, startRedis } from './servers.js';

declare module 'vitest' {
	export interface ProvidedContext {
		redisUrl: string | null;
		postgresUrl: string | null;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started: RunningServer[] = [];
	try {
		const redis = await startRedis();
		if (redis) started.push(redis);
		const postgres = await startPostgres();
		if (postgres) started.push(postgres);
		project.provide('redisUrl', redis?.url ?? null);
		project.provide('postgresUrl', postgres?.url ?? null);
	} catch (err) {
		await Promise.allSettled(started.map((s) => s.stop()));
		throw err;
	}
	return async () => {
		await Promise.allSettled(started.map((s) => s.stop()));
	};
}

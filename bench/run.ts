/**
 * `npm run bench` (add `-- --quick` for small sizes, `-- --only 2,10` for some figures): Rolink measured against its
 * own limits on the local fakes. Prints a table of ratios and targets and writes the same figures to
 * bench/results/latest.json. Exits 0 when a target fails (it is a report); exits 1 only when the bench itself
 * crashed. See bench/README.md.
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureInteractions } from './interactions.js';
import { renderTable, writeReport, type BenchReport, type Figure } from './report.js';
import { measureRequests } from './requests.js';
import { measureServerStores, measureStore } from './store.js';
import { measureSweep } from './sweep.js';
import { measureUpdateAll } from './update-all.js';
import { gc } from './util.js';
import { measureSharedBudget } from './shared-budget.js';

const SIZES = {
	full: {
		requestMembers: 200,
		bindings: 50,
		updateAllMembers: 2_000,
		sharedMembers: 2_000,
		oauthMembers: 2_000,
		store: 100_000,
		sweepPerGuild: 300,
		pool: 3_000,
		warmup: 100,
		latency: 1_000,
		batch: 20,
		burst: 200,
		memoryTotal: 10_000,
		load: 1_000,
		loadSeconds: 10,
	},
	quick: {
		requestMembers: 30,
		bindings: 50,
		updateAllMembers: 200,
		sharedMembers: 400,
		// Half of these wait on the key's 100/s: a run shorter than a few windows measures start-up, not budgets.
		oauthMembers: 1_000,
		store: 10_000,
		sweepPerGuild: 30,
		pool: 300,
		warmup: 20,
		latency: 100,
		batch: 20,
		burst: 40,
		memoryTotal: 500,
		load: 100,
		loadSeconds: 2,
	},
} as const;

const RATE = { limit: 100, windowMs: 1_000 };

async function main(): Promise<number> {
	const quick = process.argv.includes('--quick');
	const sizes = SIZES[quick ? 'quick' : 'full'];
	const out = fileURLToPath(new URL('./results/latest.json', import.meta.url));
	const startedAt = new Date();
	const figures: Figure[] = [];
	const errors: string[] = [];
	// `--only 2,10`: just those figures' steps (a step is named by the figures it measures, e.g. "3+5+load").
	const onlyArg = process.argv.indexOf('--only');
	const only = onlyArg === -1 ? null : new Set((process.argv[onlyArg + 1] ?? '').split(','));
	const sectionsOf = (name: string) => name.split(' ')[0]!.split('+');
	const step = async (name: string, run: () => Promise<{ figures: Figure[] }>) => {
		if (only && !sectionsOf(name).some((section) => only.has(section))) return;
		const t = Date.now();
		process.stdout.write(`… ${name}`);
		try {
			const result = await run();
			figures.push(...result.figures);
			process.stdout.write(` (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
		} catch (error) {
			process.stdout.write(' CRASHED\n');
			errors.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		}
	};

	console.log(
		`Rolink bench (${quick ? 'quick' : 'full'}) on Node ${process.version}, ${cpus().length} CPUs; fakes on 127.0.0.1 only\n`,
	);
	// The store runs first: its RSS figure is about this process, and is least disturbed before the others.
	await step(`4 link store, ${sizes.store.toLocaleString('en-US')} links`, () => measureStore({ links: sizes.store }));
	await step(`4 link store on Redis and Postgres, ${sizes.store.toLocaleString('en-US')} links`, () =>
		measureServerStores({ links: sizes.store }),
	);
	await step(`1 requests per member, ${sizes.requestMembers} members`, () =>
		measureRequests({ members: sizes.requestMembers, bindings: sizes.bindings }),
	);
	await step(`2 /update-all, ${sizes.updateAllMembers} members at ${RATE.limit}/s`, () =>
		measureUpdateAll({ members: sizes.updateAllMembers, rate: RATE }),
	);
	await step(
		`10 /update-all in 2 shard processes on one Redis, ${sizes.sharedMembers} members at ${RATE.limit}/s for both`,
		() => measureSharedBudget({ members: sizes.sharedMembers, rate: RATE }),
	);
	await step(`7 /update-all, ${sizes.oauthMembers} members, half linked by OAuth (inventory scope)`, () =>
		measureUpdateAll({
			members: sizes.oauthMembers,
			rate: RATE,
			// Roblox's 20 a minute per authorization, scaled like the key's 100 a minute (× 60).
			oauth: { share: 0.5, memberRate: { limit: RATE.limit / 5, windowMs: RATE.windowMs } },
		}),
	);
	await step(`8 /update-all, ${sizes.updateAllMembers} members, inventory and group bindings`, () =>
		measureUpdateAll({ members: sizes.updateAllMembers, rate: RATE, groups: { groupSize: 1_500 } }),
	);
	await step(`8 /update-all, ${sizes.updateAllMembers} members, group bindings in one group of 300 (rosters)`, () =>
		measureUpdateAll({ members: sizes.updateAllMembers, rate: RATE, groups: { groupSize: 300, oneGroup: true } }),
	);
	await step(`9 sweep, 10 guilds of ${sizes.sweepPerGuild} linked members, each member in 3`, () =>
		measureSweep({ guilds: 10, perGuild: sizes.sweepPerGuild, shared: 3 }),
	);
	await step(`3+5+load interactions (${sizes.memoryTotal.toLocaleString('en-US')} + ${sizes.load} load)`, () =>
		measureInteractions({
			pool: sizes.pool,
			warmup: sizes.warmup,
			latency: sizes.latency,
			batch: sizes.batch,
			burst: sizes.burst,
			memoryTotal: sizes.memoryTotal,
			load: sizes.load,
			loadSeconds: sizes.loadSeconds,
		}),
	);

	figures.sort((a, b) => a.section.localeCompare(b.section, 'en', { numeric: true }));
	const report: BenchReport = {
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		mode: quick ? 'quick' : 'full',
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		cpus: cpus().length,
		gcExposed: gc(),
		sizes: { ...sizes, rateLimit: RATE.limit, rateWindowMs: RATE.windowMs },
		figures,
		notes: figures.filter((f) => f.note).map((f) => `${f.key}: ${f.note}`),
		errors,
	};
	await writeReport(out, report);

	console.log(`\n${renderTable(figures)}\n`);
	for (const note of report.notes) console.log(`  note ${note}`);
	const failed = figures.filter((f) => f.pass === false);
	console.log(
		`\n${figures.length} figures, ${failed.length} target(s) missed${failed.length ? `: ${failed.map((f) => f.key).join(', ')}` : ''}.`,
	);
	console.log(`Total ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s. JSON: ${out}`);
	if (errors.length) {
		console.error(`\nThe bench crashed in ${errors.length} step(s):\n${errors.join('\n\n')}`);
		return 1;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);

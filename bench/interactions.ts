import { openStores } from '../src/store/index.js';
import type { InteractionHandle } from '../test/fakes/discord/index.js';
import { ADMIN_ID, createWorld, type World } from '../test/helpers/world.js';
import { startBotProcess, startupSamples, type BotProcess } from './bot.js';
import { below, figure, type Figure } from './report.js';
import { benchMemberId, benchRobloxId, MB, percentile, quietLogger, round, sleep } from './util.js';

/**
 * Figures 3 (interaction latency), 5 (memory) and the load figure, all against one bot process
 * (bench/bot-child.ts) logged into the fake Discord through the real discord.js client and gateway.
 *
 * The interactions alternate `/verify` by linked members of a guild with no bindings (the bot defers at once, then
 * re-checks: store reads, no Roblox call) and `/settings show` by an admin (answered directly). /verify allows 5 a
 * minute per user, so the members rotate through a pool large enough that nobody hits that limit.
 *
 * Latency = the fake's clock when the first callback arrived − when INTERACTION_CREATE was handed to the gateway.
 * An interaction is "dropped" when no callback was accepted (Discord's 3 s window included).
 */

export interface InteractionOptions {
	/** Linked members taking turns at /verify. */
	pool: number;
	warmup: number;
	/** Interactions for the latency figure (bounded batches). */
	latency: number;
	/** Bursts: this many interactions dispatched at the same instant. */
	batch: number;
	/** Steady arrival rate for the latency figure (default 50 a second). */
	ratePerSecond?: number;
	/** Interactions measured in bursts (default 200). */
	burst?: number;
	/** Total interactions before the second memory sample (warm-up and latency ones included). Omit to skip #5. */
	memoryTotal?: number;
	/** Load: this many interactions spread evenly over `loadSeconds`. Omit to skip. */
	load?: number;
	loadSeconds?: number;
	/** Targets. */
	p99TargetMs?: number;
	memoryGrowthTargetMb?: number;
	loadMemoryTargetMb?: number;
}

export interface Sample {
	firstMs: number;
	/** Until the final answer (edited deferral or direct reply); NaN when none came. */
	finalMs: number;
	dropped: boolean;
	rejected: number;
}

export interface InteractionResult {
	latency: Sample[];
	memory?: {
		startupRss: number;
		warmRss: number;
		afterRss: number;
		warmHeap: number;
		afterHeap: number;
		interactions: number;
		gc: boolean;
	};
	load?: { samples: Sample[]; seconds: number; beforeRss: number; afterRss: number };
	figures: Figure[];
}

export async function measureInteractions(options: InteractionOptions): Promise<InteractionResult> {
	let world: World | undefined;
	let bot: BotProcess | undefined;
	try {
		world = await createWorld();
		const w = world;
		for (let i = 0; i < options.pool; i++) w.guild.addMember({ userId: benchMemberId(i), username: `bench${i}` });
		const stores = await openStores(w.databaseUrl, quietLogger);
		try {
			for (let i = 0; i < options.pool; i++) {
				await stores.links.save({
					discordId: benchMemberId(i),
					robloxId: benchRobloxId(i),
					robloxName: `bench_player_${i}`,
					linkedAt: new Date().toISOString(),
					method: 'import',
				});
			}
		} finally {
			await stores.close();
		}
		bot = await startBotProcess(w);
		const running = bot;

		let turn = 0;
		const fire = (): InteractionHandle => {
			const n = turn++;
			if (n % 2 === 0)
				return w.discord.runCommand({ guildId: w.guild.id, userId: ADMIN_ID, name: 'settings', subcommand: 'show' });
			return w.discord.runCommand({
				guildId: w.guild.id,
				userId: benchMemberId((n >> 1) % options.pool),
				name: 'verify',
			});
		};
		const observe = async (handle: InteractionHandle): Promise<Sample> => {
			let finalAt = Number.NaN;
			try {
				await handle.waitForReply(undefined, 10_000);
				finalAt = Date.now();
			} catch {
				/* counted below */
			}
			const first = handle.callbacks[0];
			return {
				firstMs: first ? first.at - handle.dispatchedAt : Number.NaN,
				finalMs: finalAt - handle.dispatchedAt,
				dropped: first === undefined,
				rejected: handle.rejectedCallbacks.length,
			};
		};
		const batches = async (count: number): Promise<Sample[]> => {
			const out: Sample[] = [];
			for (let done = 0; done < count;) {
				const size = Math.min(options.batch, count - done);
				const handles = Array.from({ length: size }, fire);
				out.push(...(await Promise.all(handles.map(observe))));
				done += size;
			}
			return out;
		};

		const startup = running.startup;
		await batches(options.warmup);
		// Start-up leaves transpiler and login garbage that RSS gives back only later: growth is measured from here.
		const warm = options.memoryTotal !== undefined ? await running.memory() : startup;
		// Latency is measured at a steady arrival rate (open loop), as interactions reach a bot in real life; bursts
		// of `batch` at the same instant are measured too and reported alongside, as information.
		const rate = options.ratePerSecond ?? 50;
		const latency = await fireSpread(options.latency, (options.latency / rate) * 1000, fire, observe);
		const burst = await batches(options.burst ?? 200);
		const burstFirst = burst.map((s) => s.firstMs).filter(Number.isFinite);
		const result: InteractionResult = {
			latency,
			figures: [
				...latencyFigures(latency, options),
				figure({
					key: 'latency.burstP50',
					section: '3',
					label: `Bursts of ${options.batch} at the same instant (${burst.length}): first callback p50`,
					value: round(percentile(burstFirst, 50), 1),
					unit: 'ms',
				}),
				figure({
					key: 'latency.burstP99',
					section: '3',
					label: `Bursts of ${options.batch} at the same instant: first callback p99`,
					value: round(percentile(burstFirst, 99), 1),
					unit: 'ms',
				}),
				figure({
					key: 'latency.burstOver3s',
					section: '3',
					label: 'Bursts: answered after 3 s or dropped',
					value: burst.filter((s) => !(s.firstMs <= 3_000)).length,
					unit: '',
					target: '= 0',
					pass: burst.every((s) => s.firstMs <= 3_000),
				}),
			],
		};

		if (options.memoryTotal !== undefined) {
			const remaining = Math.max(0, options.memoryTotal - options.warmup - options.latency);
			const extra = await batches(remaining);
			const after = await running.memory();
			const all = [...latency, ...extra];
			result.memory = {
				startupRss: startup.rss,
				warmRss: warm.rss,
				afterRss: after.rss,
				warmHeap: warm.heapUsed,
				afterHeap: after.heapUsed,
				interactions: options.memoryTotal,
				gc: after.gc,
			};
			const growth = (after.rss - warm.rss) / MB;
			const startups = [startup, ...(await startupSamples(2))].map((m) => m.rss / MB).sort((a, b) => a - b);
			const startupMedian = startups[Math.floor(startups.length / 2)]!;
			const target = options.memoryGrowthTargetMb ?? 64;
			const dropped = all.filter((s) => s.dropped).length;
			result.figures.push(
				figure({
					key: 'memory.startupRss',
					section: '5',
					label: `Bot RSS right after start-up, median of ${startups.length} start-ups (compiled start, as npm start)`,
					value: round(startupMedian, 1),
					unit: 'MB',
					target: '< 100 MB',
					pass: below(startupMedian, 100),
					note: `start-ups: ${startups.map((mb) => round(mb, 1)).join(', ')} MB`,
				}),
				figure({
					key: 'memory.warmRss',
					section: '5',
					label: `Bot RSS after ${options.warmup} warm-up interactions (baseline)`,
					value: round(warm.rss / MB, 1),
					unit: 'MB',
				}),
				figure({
					key: 'memory.afterRss',
					section: '5',
					label: `Bot RSS after ${options.memoryTotal.toLocaleString('en-US')} interactions`,
					value: round(after.rss / MB, 1),
					unit: 'MB',
					note: `heap ${round(warm.heapUsed / MB, 1)} → ${round(after.heapUsed / MB, 1)} MB`,
				}),
				figure({
					key: 'memory.growth',
					section: '5',
					label: 'Bot RSS growth (after − baseline, after GC)',
					value: round(growth, 1),
					unit: 'MB',
					target: `< ${target} MB`,
					pass: below(growth, target),
				}),
				figure({
					key: 'memory.dropped',
					section: '5',
					label: `Dropped interactions during the memory run (${all.length.toLocaleString('en-US')} measured)`,
					value: dropped,
					unit: '',
					target: '= 0',
					pass: dropped === 0,
				}),
			);
		}

		if (options.load !== undefined) {
			const seconds = options.loadSeconds ?? 10;
			const before = await running.memory();
			const samples = await fireSpread(options.load, seconds * 1000, fire, observe);
			await sleep(500);
			const after = await running.memory();
			result.load = { samples, seconds, beforeRss: before.rss, afterRss: after.rss };
			const dropped = samples.filter((s) => s.dropped).length;
			const late = samples.filter((s) => !(s.firstMs <= 3_000)).length;
			const growth = (after.rss - before.rss) / MB;
			const target = options.loadMemoryTargetMb ?? 32;
			result.figures.push(
				figure({
					key: 'load.answeredIn3s',
					section: '6',
					label: `Load: ${options.load.toLocaleString('en-US')} interactions within ${seconds} s, first answer within 3 s`,
					value: options.load - late,
					unit: `/ ${options.load.toLocaleString('en-US')}`,
					target: `= ${options.load.toLocaleString('en-US')}`,
					pass: late === 0,
				}),
				figure({
					key: 'load.dropped',
					section: '6',
					label: 'Load: dropped interactions',
					value: dropped,
					unit: '',
					target: '= 0',
					pass: dropped === 0,
				}),
				figure({
					key: 'load.p99',
					section: '6',
					label: 'Load: first-answer latency p99',
					value: round(
						percentile(
							samples.map((s) => s.firstMs),
							99,
						),
						1,
					),
					unit: 'ms',
				}),
				figure({
					key: 'load.memoryGrowth',
					section: '6',
					label: 'Load: bot RSS after − before (after GC)',
					value: round(growth, 1),
					unit: 'MB',
					target: `< ${target} MB`,
					pass: below(growth, target),
				}),
			);
		}
		return result;
	} finally {
		await bot?.stop().catch(() => undefined);
		await world?.close().catch(() => undefined);
	}
}

/** Fires `count` interactions evenly over `spanMs` (in 50 ms ticks), then waits for every answer. */
async function fireSpread(
	count: number,
	spanMs: number,
	fire: () => InteractionHandle,
	observe: (h: InteractionHandle) => Promise<Sample>,
): Promise<Sample[]> {
	const tickMs = 50;
	const ticks = Math.max(1, Math.floor(spanMs / tickMs));
	const pending: Promise<Sample>[] = [];
	const start = Date.now();
	for (let t = 0; t < ticks && pending.length < count; t++) {
		const due = Math.round(((t + 1) * count) / ticks);
		while (pending.length < due) pending.push(observe(fire()));
		const wait = start + (t + 1) * tickMs - Date.now();
		if (wait > 0) await sleep(wait);
	}
	while (pending.length < count) pending.push(observe(fire()));
	return Promise.all(pending);
}

function latencyFigures(samples: Sample[], options: InteractionOptions): Figure[] {
	const first = samples.map((s) => s.firstMs).filter(Number.isFinite);
	const final = samples.map((s) => s.finalMs).filter(Number.isFinite);
	const p50 = percentile(first, 50);
	const p99 = percentile(first, 99);
	const max = first.length ? Math.max(...first) : Number.NaN;
	const dropped = samples.filter((s) => s.dropped).length;
	const over3s = samples.filter((s) => !(s.firstMs <= 3_000)).length;
	const target = options.p99TargetMs ?? 50;
	return [
		figure({
			key: 'latency.p50',
			section: '3',
			label: `Interaction → first callback p50 (${samples.length} interactions arriving at ${options.ratePerSecond ?? 50}/s)`,
			value: round(p50, 1),
			unit: 'ms',
		}),
		figure({
			key: 'latency.p99',
			section: '3',
			label: 'Interaction → first callback p99',
			value: round(p99, 1),
			unit: 'ms',
			target: `< ${target} ms`,
			pass: below(p99, target),
		}),
		figure({
			key: 'latency.max',
			section: '3',
			label: 'Interaction → first callback max',
			value: round(max, 1),
			unit: 'ms',
		}),
		figure({
			key: 'latency.finalP99',
			section: '3',
			label: 'Interaction → final answer p99 (edited deferral or reply)',
			value: round(percentile(final, 99), 1),
			unit: 'ms',
		}),
		figure({
			key: 'latency.over3s',
			section: '3',
			label: 'Interactions answered after 3 s',
			value: over3s,
			unit: '',
			target: '= 0',
			pass: over3s === 0,
		}),
		figure({
			key: 'latency.dropped',
			section: '3',
			label: 'Dropped interactions (no accepted callback)',
			value: dropped,
			unit: '',
			target: '= 0',
			pass: dropped === 0,
		}),
	];
}

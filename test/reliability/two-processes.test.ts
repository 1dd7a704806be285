/**
 * Two bot processes on one store: `npm start` with DISCORD_SHARDS=2 (a ShardingManager and one Rolink process per
 * shard), compiled as a user runs it, racing where a real deployment races:
 * - two members verifying the same Roblox account in two servers, one on each shard: one link, truthful answers;
 * - /update-all: the guild's shard process stops gracefully mid-run and the manager starts it again; the new process
 *   resumes the run at start-up while /update-all is pressed there again: one run, each member checked once;
 * - concurrent /bind add on one guild from two processes: a second deployment overlapping the first (both sessions of
 *   the guild's shard get its interactions; each command is answered by the process that acknowledges it first).
 * On SQLite (one file shared by both processes), Redis and Postgres.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openStores } from '../../src/store/index.js';
import type { InteractionHandle } from '../fakes/discord/index.js';
import { freshPostgresUrl, freshRedisUrl } from '../helpers/servers.js';
import { ADMIN_ID, createWorld, MEMBER_ID, spawnBot, textOf, type BotProcess, type World } from '../helpers/world.js';
import { discordIdOf, until } from './helpers.js';
import { killTree } from './process-tree.js';

const quiet = { error() {}, warn() {}, info() {} };
/** Shard 1 of 2 holds the world's guild (900000000000000001 >> 22 is odd); this guild is on shard 0. */
const OTHER_GUILD = '900000000004194305';
const RIVAL = '100000000000000031';
const TWIN = '5770001';
const MEMBERS = 200;
const BADGE = '8008';
const memberId = (i: number) => discordIdOf('80000000000000', i);
const robloxId = (i: number) => String(7_800_000 + i);
const BIND_COUNT = 12;

interface Line {
	msg?: string;
	shard?: number;
	pid?: number;
	guildId?: string;
}
/** The deployment's JSON log lines (pino), from its manager and every shard process. */
const logLines = (bot: BotProcess): Line[] =>
	bot
		.output()
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Line);
/** The shard's process as its manager last started it. */
const pidOf = (bot: BotProcess, shard: number): number =>
	logLines(bot)
		.filter((l) => l.msg === 'shard process started' && l.shard === shard)
		.at(-1)!.pid!;
const readyCount = (bot: BotProcess) => logLines(bot).filter((l) => l.msg === 'Rolink is ready').length;

type Backend = 'sqlite' | 'redis' | 'postgres';
const serverUrl = (backend: Exclude<Backend, 'sqlite'>) => inject(backend === 'redis' ? 'redisUrl' : 'postgresUrl');

async function databaseFor(backend: Backend, world: World): Promise<string> {
	if (backend === 'sqlite') return world.databaseUrl;
	if (backend === 'redis') return freshRedisUrl(serverUrl('redis')!);
	return (await freshPostgresUrl(serverUrl('postgres')!)).url;
}

for (const backend of ['sqlite', 'redis', 'postgres'] as const) {
	describe.skipIf(backend !== 'sqlite' && serverUrl(backend) === null)(`two bot processes on ${backend}`, () => {
		let world: World | undefined;
		const bots: BotProcess[] = [];
		afterEach(async () => {
			await Promise.all(bots.splice(0).map((bot) => killTree(bot)));
			await world?.close();
			world = undefined;
		});

		it('no double link, no lost binding, one run', { timeout: 150_000 }, async () => {
			world = await createWorld({
				discord: { shards: 2, maxConcurrency: 16 },
				roblox: { rateLimit: { limit: 100_000, windowMs: 60_000 } },
			});
			const w = world;
			const guildA = w.guild; // shard 1
			const guildB = w.discord.addGuild({ id: OTHER_GUILD, name: 'Other Fans' }); // shard 0
			guildB.addMember({ userId: RIVAL, username: 'rival' });
			w.roblox.addUser({ id: TWIN, name: 'twin_tess', about: 'hi' });
			for (let i = 0; i < MEMBERS; i++) {
				guildA.addMember({ userId: memberId(i), username: `u${i}` });
				w.roblox.addUser({ id: robloxId(i), name: `two_${i}` });
				if (i % 2 === 0) w.roblox.giveItem(robloxId(i), { kind: 'badge', id: BADGE });
			}
			w.roblox.addBadge({ id: BADGE, name: 'Veteran' });
			for (let k = 0; k < BIND_COUNT; k++) w.roblox.addBadge({ id: String(9100 + k), name: `Badge ${k}` });
			const databaseUrl = await databaseFor(backend, w);
			const seed = await openStores(databaseUrl, quiet);
			await seed.guilds.addBinding(guildA.id, {
				kind: 'badge',
				itemId: BADGE,
				roleId: w.roles.badge.id,
				addedBy: ADMIN_ID,
			});
			for (let i = 0; i < MEMBERS; i++)
				await seed.links.save({
					discordId: memberId(i),
					robloxId: robloxId(i),
					linkedAt: new Date().toISOString(),
					method: 'profile-code',
				});
			await seed.close();

			const spawn = () => {
				const bot = spawnBot(
					w.env({
						DATABASE_URL: databaseUrl,
						LOG_LEVEL: 'info',
						ROBLOX_INVENTORY_RATE_PER_MINUTE: '100000',
						DISCORD_SHARDS: '2',
					}),
				);
				bots.push(bot);
				return bot;
			};
			const deployment = spawn();
			await deployment.waitFor(/all shards ready/, 60_000);

			// 1. Two members, one in each server (so on different processes), prove the same Roblox account at once.
			const codeAndCheck = async (guildId: string, userId: string) => {
				const reply = await w.discord
					.runCommand({ guildId, userId, name: 'verify', options: { username: 'twin_tess' } })
					.waitForReply((m) => (m.embeds?.length ?? 0) > 0, 15_000);
				const code = /```\n([a-z ]+)\n```/.exec(textOf(reply))![1]!;
				return { code, checkId: reply.components[0].components[0].custom_id as string };
			};
			const a = await codeAndCheck(guildA.id, MEMBER_ID);
			const b = await codeAndCheck(guildB.id, RIVAL);
			w.roblox.setAbout(TWIN, `${a.code}\n${b.code}`);
			// "At the same instant": each About read takes a moment, so the two proofs overlap whichever process is first.
			w.roblox.injectFault({ path: new RegExp(`^/cloud/v2/users/${TWIN}$`), delayMs: 400, times: 2 });
			const finalAnswer = (handle: InteractionHandle) =>
				until(
					() =>
						[handle.original(), ...handle.followUps]
							.map((m) => textOf(m))
							.find((text) => /now linked|not linked/.test(text)),
					15_000,
					'the Check answer',
				);
			const [answerA, answerB] = await Promise.all([
				finalAnswer(w.discord.pressButton({ guildId: guildA.id, userId: MEMBER_ID, customId: a.checkId })),
				finalAnswer(w.discord.pressButton({ guildId: guildB.id, userId: RIVAL, customId: b.checkId })),
			]);
			const stores = await openStores(databaseUrl, quiet);
			try {
				const holder = await stores.links.getByRoblox(TWIN);
				expect(holder).not.toBeNull();
				const loser = holder!.discordId === MEMBER_ID ? RIVAL : MEMBER_ID;
				expect(await stores.links.getByDiscord(loser)).toBeNull();
				expect(holder).toMatchObject({ method: 'profile-code' });
				const answers: Record<string, string> = { [MEMBER_ID]: answerA, [RIVAL]: answerB };
				expect(answers[holder!.discordId]).toMatch(/You are now linked to \*\*twin_tess\*\*/);
				expect(answers[loser]).toMatch(/at the same moment, so you were not linked/);
			} finally {
				await stores.close();
			}

			// 2. /update-all in the guild (shard 1), then shard 1 restarts gracefully mid-run. The run is released; the
			// other process may take it over while the new shard-1 process resumes it at start-up, and /update-all is
			// pressed again there. Every inventory answer takes 1 s, so the run lasts several seconds.
			w.roblox.injectFault({ path: /inventory-items/, delayMs: 1_000, times: 100_000 });
			w.roblox.resetRequests();
			const first = w.discord.runCommand({ guildId: guildA.id, userId: ADMIN_ID, name: 'update-all' });
			expect((await first.waitForReply(undefined, 15_000)).content).toMatch(/Started/);
			await until(() => w.roblox.inventoryRequests() >= 40, 20_000, '40 inventory requests');
			const firstShard1 = pidOf(deployment, 1);
			process.kill(firstShard1, 'SIGTERM');
			await until(() => pidOf(deployment, 1) !== firstShard1, 20_000, 'a new shard-1 process');
			await until(() => readyCount(deployment) >= 3, 20_000, 'the new shard-1 process to be ready');
			const again = w.discord.runCommand({ guildId: guildA.id, userId: ADMIN_ID, name: 'update-all' });
			expect((await again.waitForReply(undefined, 15_000)).content).toMatch(/already running/);
			const runState = async () => {
				const s = await openStores(databaseUrl, quiet);
				try {
					return await s.runs.get(guildA.id);
				} finally {
					await s.close();
				}
			};
			let state = await runState();
			const deadline = Date.now() + 40_000;
			while (state?.status === 'running' && Date.now() < deadline) {
				await new Promise((r) => setTimeout(r, 300));
				state = await runState();
			}
			// The linked members and the world's four others (owner, admin, mod, member).
			expect(state).toMatchObject({ status: 'done', failed: 0, processed: MEMBERS + 4 });
			// One run: each member checked once over the three processes, resumed by exactly one of them.
			for (let i = 0; i < MEMBERS; i++) expect(w.roblox.inventoryRequests(robloxId(i)), `member ${i}`).toBe(1);
			const resumed = logLines(deployment).filter((l) => l.msg === 'resuming bulk run');
			expect(resumed.map((l) => [l.guildId, l.shard])).toEqual([[guildA.id, 1]]);
			const wrong = Array.from({ length: MEMBERS }, (_, i) => i).filter(
				(i) => guildA.member(memberId(i))!.roleIds.includes(w.roles.badge.id) !== (i % 2 === 0),
			);
			expect(wrong).toEqual([]);

			// 3. A second deployment overlapping the first (a restart that starts the new one before the old stops):
			// two shard-1 processes are up, so the guild's interactions reach both. A burst of /bind add: each is answered once, none lost or doubled.
			const overlap = spawn();
			await overlap.waitFor(/all shards ready/, 60_000);
			const oldShard1 = pidOf(deployment, 1);
			const bindAdd = (k: number) =>
				w.discord.runCommand({
					guildId: guildA.id,
					userId: ADMIN_ID,
					name: 'bind',
					subcommand: 'add',
					options: { kind: 'badge', id: String(9100 + k), role: w.roles.pass.id },
				});
			// The older session gets each event first and so would win every acknowledgement: it is paused (SIGSTOP)
			// for the first half of the burst, which the new process answers, and goes on as the second half comes
			// (how that half splits between the two is up to the race), so both processes write the guild's bindings
			// in one burst.
			process.kill(oldShard1, 'SIGSTOP');
			const adds = Array.from({ length: BIND_COUNT / 2 }, (_, k) => bindAdd(k));
			await Promise.all(adds.map((add) => add.waitForCallback(15_000)));
			process.kill(oldShard1, 'SIGCONT');
			adds.push(...Array.from({ length: BIND_COUNT / 2 }, (_, k) => bindAdd(BIND_COUNT / 2 + k)));
			const replies = await Promise.all(adds.map((add) => add.waitForReply(undefined, 15_000)));
			for (const reply of replies) expect(textOf(reply)).not.toMatch(/unexpected|already/i);
			const after = await openStores(databaseUrl, quiet);
			try {
				const { bindings } = await after.guilds.get(guildA.id);
				const added = bindings
					.filter((x) => x.roleId === w.roles.pass.id)
					.map((x) => (x as { itemId?: string }).itemId);
				expect(added.sort()).toEqual(Array.from({ length: BIND_COUNT }, (_, k) => String(9100 + k)).sort());
				expect(bindings).toHaveLength(BIND_COUNT + 1);
			} finally {
				await after.close();
			}
		});
	});
}

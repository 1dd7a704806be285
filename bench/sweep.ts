import { DiscordMemberPorts } from '../src/bot/bulk-ports.js';
import { Sweeper, type SweepPorts } from '../src/roles/sweep.js';
import type { FakeGuild, FakeRole } from '../test/fakes/discord/index.js';
import { ADMIN_ID, createWorld, startBot, type RunningBot, type World } from '../test/helpers/world.js';
import { atMost, figure, type Figure } from './report.js';
import { benchMemberId, benchRobloxId, round } from './util.js';

/**
 * Figure 9 — one check per Roblox user across guilds. `guilds` guilds on the fake Discord, each with `perGuild` linked
 * members, every member in `shared` of them (so guilds × perGuild ÷ shared distinct users). Each guild binds a badge
 * of its own; every member owns about half of them. One sweep pass runs through the real discord.js client (in this
 * process: the figure is a count of requests, not a rate) and the fake Roblox counts inventory requests. The same
 * world is swept a second time, fresh, with the cross-guild check left out: today's per-guild checks, for the ratio.
 */

export interface SweepBenchOptions {
	guilds: number;
	perGuild: number;
	shared: number;
}

interface SweepRun {
	users: number;
	places: number;
	inventoryRequests: number;
	wrongRoles: number;
	failed: number;
}

const badgeOf = (g: number) => String(2_190_000_000 + g);
const guildIdOf = (g: number) => `9100000000000000${String(g).padStart(2, '0')}`;
/** Member u is in guilds u, u + step, u + 2·step… (mod guilds): `shared` distinct guilds, each as full as the others. */
const guildsOf = (u: number, o: SweepBenchOptions) =>
	Array.from({ length: o.shared }, (_, k) => (u + k * Math.floor(o.guilds / o.shared)) % o.guilds);
const owns = (u: number, g: number) => (u * 7 + g) % 2 === 0;

async function sweepOnce(o: SweepBenchOptions, acrossGuilds: boolean): Promise<SweepRun> {
	const users = (o.guilds * o.perGuild) / o.shared;
	let world: World | undefined;
	let bot: RunningBot | undefined;
	try {
		// No budget in the way: the figure is a count of requests, not a rate.
		world = await createWorld({ roblox: { rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
		const guilds: { guild: FakeGuild; role: FakeRole }[] = [];
		for (let g = 0; g < o.guilds; g++) {
			const guild = world.discord.addGuild({ id: guildIdOf(g), name: `Bench ${g}` });
			guilds.push({ guild, role: guild.addRole({ name: 'Badge holder', position: 10 }) });
			world.roblox.addBadge({ id: badgeOf(g), name: `Badge ${g}` });
		}
		for (let u = 0; u < users; u++) {
			world.roblox.addUser({ id: benchRobloxId(u), name: `sweep_player_${u}` });
			for (const g of guildsOf(u, o)) {
				// About a third start out of date, so the pass both adds and removes.
				const stale = u % 3 === 0;
				guilds[g]!.guild.addMember({
					userId: benchMemberId(u),
					username: `sweep${u}`,
					roleIds: owns(u, g) !== stale ? [guilds[g]!.role.id] : [],
				});
				if (owns(u, g)) world.roblox.giveItem(benchRobloxId(u), { kind: 'badge', id: badgeOf(g) });
			}
		}
		bot = await startBot(world, { ROBLOX_INVENTORY_RATE_PER_MINUTE: '1000000' });
		const ctx = bot.app.ctx;
		for (const [g, { guild, role }] of guilds.entries())
			await ctx.stores.guilds.addBinding(guild.id, {
				kind: 'badge',
				itemId: badgeOf(g),
				roleId: role.id,
				addedBy: ADMIN_ID,
			});
		for (let u = 0; u < users; u++)
			await ctx.stores.links.save({
				discordId: benchMemberId(u),
				robloxId: benchRobloxId(u),
				linkedAt: new Date().toISOString(),
				method: 'import',
			});
		world.roblox.resetRequests();

		const ports = new DiscordMemberPorts(ctx.client, ctx.members, ctx.stores.links, ctx.members.audit, ctx.logger);
		// The ports app.ts gives the sweep (only the bench's guilds: the world's own has no linked member); the
		// baseline leaves out the cross-guild check.
		const sweepPorts: SweepPorts = {
			guildIds: () => guilds.map(({ guild }) => guild.id),
			listMembers: (guildId, after, limit) => ports.listMembers(guildId, after, limit, false),
			linkedAmong: (ids) => ports.linkedAmong(ids),
			checkMember: (guildId, memberId) => ports.check(guildId, memberId, 'sweep'),
			...(acrossGuilds ? { checkAcross: (memberId, guildIds) => ports.checkAcross(memberId, guildIds) } : {}),
		};
		const result = await new Sweeper(sweepPorts, { periodMs: 1 }).runPass();
		let wrongRoles = 0;
		for (let u = 0; u < users; u++)
			for (const g of guildsOf(u, o)) {
				const { guild, role } = guilds[g]!;
				if (guild.member(benchMemberId(u))!.roleIds.includes(role.id) !== owns(u, g)) wrongRoles++;
			}
		return {
			users,
			places: result.checked,
			inventoryRequests: world.roblox.inventoryRequests(),
			wrongRoles,
			failed: result.failed,
		};
	} finally {
		await bot?.stop();
		await world?.close();
	}
}

export async function measureSweep(o: SweepBenchOptions): Promise<{ figures: Figure[] }> {
	const across = await sweepOnce(o, true);
	const separate = await sweepOnce(o, false);
	const perUser = across.inventoryRequests / across.users;
	const baseline = separate.inventoryRequests / separate.users;
	const setup = `${o.guilds} guilds of ${o.perGuild} linked members, each member in ${o.shared}`;
	return {
		figures: [
			figure({
				key: 'sweep.requestsPerUser',
				section: '9',
				label: `Sweep over ${setup}: inventory requests per distinct Roblox user (${across.inventoryRequests} / ${across.users})`,
				value: round(perUser, 2),
				unit: 'req',
				target: '= 1.0',
				pass: perUser === 1,
			}),
			figure({
				key: 'sweep.baselinePerUser',
				section: '9',
				label: `The same pass with each guild checking separately (before #15): requests per user`,
				value: round(baseline, 2),
				unit: 'req',
			}),
			figure({
				key: 'sweep.wrong',
				section: '9',
				label: `Places checked (${across.places}); failed; members with wrong roles afterwards`,
				value: across.failed + across.wrongRoles,
				unit: '',
				target: '= 0',
				pass: atMost(across.failed + across.wrongRoles, 0),
			}),
		],
	};
}

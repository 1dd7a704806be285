import { DiscordAPIError, RESTJSONErrorCodes, type Client, type GuildMember } from 'discord.js';
import type { Logger } from '../logger.js';
import type { RobloxClient } from '../roblox/client.js';
import type { Priority } from '../roblox/types.js';
import type { GuildConfig, GuildStore } from '../store/guilds.js';
import type { Link, LinkStore } from '../store/links.js';
import type Keyv from 'keyv';
import { translator, type PlainKey } from '../ui/i18n.js';
import { noteRobloxAnswer } from '../linking/gone.js';
import { questionFor } from '../kinds/index.js';
import { evaluateMember } from '../roles/evaluate.js';
import type { MemberTokens } from '../linking/member-tokens.js';
import { planRoleChanges, type RolePlan, type Verdict } from '../roles/plan.js';
import { breakerSetting } from '../roles/breaker.js';
import type { HeldSource } from '../store/held.js';
import { guildAbilities } from './abilities.js';
import type { AuditLog } from './audit.js';
import type { HeldRemovals } from './held-removals.js';

export type SyncTrigger = 'verify' | 'update' | 'join' | 'screening' | 'sweep' | 'bulk' | 'link' | 'unlink';

export interface SyncResult {
	verdict: Verdict;
	plan: RolePlan;
	/** The Discord edit went through (or there was nothing to change). */
	applied: boolean;
	/** Discord refused the edit (e.g. a role moved above the bot mid-run); roles unchanged. */
	applyError?: string;
	/** Discord no longer knows the member (they left mid-run). */
	memberGone?: boolean;
	changed: boolean;
	/** Bound roles the plan would remove but `holdRemovals` held back (the mass-removal breaker decides later). */
	held: string[];
}

const TRIGGER: Record<SyncTrigger, PlainKey> = {
	verify: 'triggerVerify',
	update: 'triggerUpdate',
	join: 'triggerJoin',
	screening: 'triggerScreening',
	sweep: 'triggerSweep',
	bulk: 'triggerBulk',
	link: 'triggerLink',
	unlink: 'triggerUnlink',
};

/**
 * "Check this member": the one path every trigger takes (commands, joins, the sweep, bulk runs). Reads the link and
 * the guild's bindings, asks Roblox once, plans with the pure planner, applies in one member edit.
 */
/** Triggers where nobody is looking at a reply: a private inventory is explained by DM instead. */
const BACKGROUND = new Set<SyncTrigger>(['join', 'sweep', 'bulk']);
const PRIVATE_NOTICE_EVERY_MS = 7 * 24 * 3_600_000;
/** How long a member held back by Membership Screening is remembered, so the update that clears it is noticed. */
const SCREENING_MEMORY_MS = 90 * 24 * 3_600_000;
const screeningKey = (guildId: string, userId: string) => `screening:${guildId}:${userId}`;

export class MemberSync {
	readonly audit: AuditLog;

	constructor(
		private readonly deps: {
			client: Client;
			links: LinkStore;
			/** Remembers whom we told about a private inventory, so a daily sweep does not DM them every day. */
			cache: Keyv;
			guilds: GuildStore;
			roblox: RobloxClient;
			audit: AuditLog;
			logger: Logger;
			memberTokens?: MemberTokens | undefined;
			/** Clock for the gone-account grace period (tests move it days ahead). */
			now?: () => number;
			/** With sharding: the other shard processes, which refresh the member in their guilds (ShardRelay). */
			otherShards?: { refresh(userId: string, trigger: SyncTrigger, exceptGuildId?: string): void } | undefined;
			/** Told of every check, so held removals a newer check disagrees with are dropped. */
			held?: Pick<HeldRemovals, 'noted'>;
		},
	) {
		this.audit = deps.audit;
	}

	/**
	 * Re-check a user in every guild the bot shares with them (after an unlink or a takeover, their roles must follow
	 * everywhere, not only where they ran the command). Best effort: failures are logged.
	 */
	async refreshEverywhere(userId: string, trigger: SyncTrigger, exceptGuildId?: string): Promise<void> {
		this.deps.otherShards?.refresh(userId, trigger, exceptGuildId);
		await this.refreshHere(userId, trigger, exceptGuildId);
	}

	/** refreshEverywhere in this process's guilds only (with sharding, the others are another process's). */
	async refreshHere(userId: string, trigger: SyncTrigger, exceptGuildId?: string): Promise<void> {
		for (const guild of this.deps.client.guilds.cache.values()) {
			if (guild.id === exceptGuildId) continue;
			try {
				const member = await guild.members.fetch(userId).catch(() => null);
				if (member) await this.sync(member, { trigger, priority: 'interactive' });
			} catch (error) {
				this.deps.logger.warn({ err: error, guildId: guild.id, userId }, 'refresh after link change failed');
			}
		}
	}

	/** Tracks 404s for the linked account; on the answer that makes it gone, tells the audit channel. */
	private async noteAnswer(member: GuildMember, link: Link, verdict: Verdict): Promise<'gone' | null> {
		const now = (this.deps.now ?? Date.now)();
		const health = await noteRobloxAnswer(this.deps.links, link, verdict, now).catch((error: unknown) => {
			this.deps.logger.warn({ err: error, userId: member.id }, 'could not record a Roblox not-found answer');
			return null;
		});
		if (health !== 'gone') return health;
		this.deps.logger.info({ userId: member.id, robloxId: link.robloxId }, 'linked Roblox account gone');
		const name = link.robloxName ?? link.robloxId;
		const since = link.missingSince ? Math.floor(Date.parse(link.missingSince) / 1000) : null;
		void this.deps.audit.post(member.guild.id, (t) => ({
			title: t('robloxAccountGoneTitle'),
			lines: [
				since === null
					? t('robloxAccountGone', { memberId: member.id, name, robloxId: link.robloxId })
					: t('robloxAccountGoneSince', { memberId: member.id, name, robloxId: link.robloxId, since }),
				t('robloxAccountGoneHelp'),
			],
		}));
		// Other servers drop the roles now too, instead of at their next check.
		void this.refreshEverywhere(member.id, 'sweep', member.guild.id);
		return health;
	}

	/** Best effort, at most once a week per member: DMs can be closed, and that is fine. */
	private async tellPrivate(member: GuildMember): Promise<void> {
		const key = `private-notice:${member.id}`;
		try {
			if (await this.deps.cache.get(key)) return;
			await this.deps.cache.set(key, true, PRIVATE_NOTICE_EVERY_MS);
			// Outside an interaction Discord does not say the member's language; the server's is the best guess.
			const t = translator(member.guild.preferredLocale);
			await member.send({
				content: t('inventoryPrivateDm', { guild: member.guild.name }),
				allowedMentions: { parse: [] },
			});
		} catch (error) {
			this.deps.logger.debug({ err: error, userId: member.id }, 'could not tell a member their inventory is private');
		}
	}

	/**
	 * Was this member held back for Membership Screening? Forgets it on asking: the caller is about to check them.
	 * Discord's "old member" in an update can be a partial (not cached, or after a restart), so the flag is stored.
	 */
	async takeScreeningHold(guildId: string, userId: string): Promise<boolean> {
		try {
			return await this.deps.cache.delete(screeningKey(guildId, userId));
		} catch (error) {
			this.deps.logger.warn({ err: error, guildId, userId }, 'could not read the screening hold');
			return false;
		}
	}

	/** Groups the nickname template reads ranks from (`{group-rank}`), besides the bindings'. */
	static nicknameGroups(settings: GuildConfig['settings']): string[] {
		return settings.nicknameGroupId && settings.nicknameTemplate?.includes('{group-rank}')
			? [settings.nicknameGroupId]
			: [];
	}

	/**
	 * Bulk runs and sweeps: read the group memberships of these members together (50 users a Roblox request, or the
	 * groups' rosters when cheaper) before their checks, which then cost no group request. Nothing is read when the
	 * guild asks no group. `remaining` (members still to check) is scaled by the linked share of this chunk.
	 */
	async prefetch(guildId: string, memberIds: readonly string[], remaining = memberIds.length): Promise<void> {
		const config = await this.deps.guilds.get(guildId);
		const groups = [...questionFor(config.bindings).groups, ...MemberSync.nicknameGroups(config.settings)];
		if (groups.length === 0 || memberIds.length === 0) return;
		const links = await this.deps.links.getManyByDiscord(memberIds);
		const robloxIds = [...links.values()].filter((link) => !link.goneAt).map((link) => link.robloxId);
		await this.deps.roblox.prefetchGroupMemberships(robloxIds, {
			priority: 'background',
			groups,
			expected: Math.ceil((remaining * robloxIds.length) / memberIds.length),
		});
	}

	/**
	 * One user in several guilds (the sweep): one Roblox question for the union of the guilds' bindings, which asks only
	 * what some guild needs, then each guild's own plan and edit from that one answer. The fail-safe stays the
	 * planner's: an unknown answer is unknown in every guild. Pending members are the caller's to leave out.
	 */
	async syncAcross(
		members: readonly GuildMember[],
		options: { trigger: SyncTrigger; priority: Priority; holdRemovals?: HeldSource },
	): Promise<SyncResult[]> {
		const first = members[0];
		if (!first) return [];
		const configs = await Promise.all(members.map((member) => this.deps.guilds.get(member.guild.id)));
		const link = await this.deps.links.getByDiscord(first.id);
		let verdict = await evaluateMember(
			this.deps,
			first.id,
			configs.flatMap((config) => config.bindings),
			{
				priority: options.priority,
				needNames: configs.some((config) =>
					Boolean(config.settings.nicknameTemplate || config.settings.minAccountAgeDays),
				),
				link,
				extraGroups: [...new Set(configs.flatMap((config) => MemberSync.nicknameGroups(config.settings)))],
			},
		);
		if (link && (await this.noteAnswer(first, link, verdict)) === 'gone') verdict = { status: 'unlinked' };
		const results: SyncResult[] = [];
		for (const [index, member] of members.entries())
			results.push(await this.sync(member, { ...options, config: configs[index]!, link, verdict }));
		return results;
	}

	async sync(
		member: GuildMember,
		options: {
			trigger: SyncTrigger;
			priority: Priority;
			fresh?: boolean;
			config?: GuildConfig;
			link?: Link | null;
			/** Roblox's answer, already asked with these bindings among others' (syncAcross). */
			verdict?: Verdict;
			/** Bulk runs and sweeps: remove no bound role now; the removals go to this source's held set. */
			holdRemovals?: HeldSource;
		},
	): Promise<SyncResult> {
		const config = options.config ?? (await this.deps.guilds.get(member.guild.id));
		const pending = member.pending;
		if (pending)
			await this.deps.cache
				.set(screeningKey(member.guild.id, member.id), true, SCREENING_MEMORY_MS)
				.catch((error: unknown) =>
					this.deps.logger.warn({ err: error, userId: member.id }, 'could not remember a screening hold'),
				);
		// A pending member gets no bound role whatever they own, so Roblox is not asked (no budget spent).
		const link = options.link !== undefined ? options.link : await this.deps.links.getByDiscord(member.id);
		const asked = pending ? undefined : options.verdict;
		let verdict =
			asked ??
			(await evaluateMember(this.deps, member.id, pending ? [] : config.bindings, {
				priority: options.priority,
				needNames: !pending && Boolean(config.settings.nicknameTemplate || config.settings.minAccountAgeDays),
				...(options.fresh ? { fresh: true } : {}),
				link,
				...(pending ? {} : { extraGroups: MemberSync.nicknameGroups(config.settings) }),
			}));
		if (!asked && link && (await this.noteAnswer(member, link, verdict)) === 'gone') verdict = { status: 'unlinked' };
		const plan = planRoleChanges({
			bindings: config.bindings,
			settings: config.settings,
			verdict,
			currentRoleIds: member.roles.cache.keys(),
			discordName: member.user.displayName,
			currentNickname: member.nickname,
			abilities: guildAbilities(member.guild, member),
			pending,
		});
		if (verdict.status === 'unknown' && verdict.reason === 'private-inventory' && BACKGROUND.has(options.trigger))
			void this.tellPrivate(member);
		const held = await this.holdBack(member, config, verdict, plan, options.holdRemovals);
		const changed = plan.add.length > 0 || plan.remove.length > 0 || plan.nickname !== null;
		if (!changed) return { verdict, plan, applied: true, changed: false, held };

		const roles = new Set(member.roles.cache.keys());
		roles.delete(member.guild.id);
		for (const id of plan.add) roles.add(id);
		for (const id of plan.remove) roles.delete(id);
		// Discord's audit log is read by the server's staff: the reason is in the server's language.
		const guildT = translator(member.guild.preferredLocale);
		try {
			// One PATCH for roles and nickname together: fewer Discord calls, and the member never sees half a change.
			await member.edit({
				...(plan.add.length || plan.remove.length ? { roles: [...roles] } : {}),
				...(plan.nickname !== null ? { nick: plan.nickname } : {}),
				reason: guildT('editReason', { trigger: guildT(TRIGGER[options.trigger]) }),
			});
		} catch (error) {
			if (!(error instanceof DiscordAPIError)) throw error;
			// The member left between listing and editing: nothing to fix, and not a failure.
			if (error.code === RESTJSONErrorCodes.UnknownMember)
				return { verdict, plan, applied: false, memberGone: true, changed: false, held };
			this.deps.logger.warn(
				{ err: error, guildId: member.guild.id, userId: member.id, trigger: options.trigger },
				'member edit refused',
			);
			return { verdict, plan, applied: false, applyError: error.message, changed: false, held };
		}
		this.deps.logger.info(
			{
				guildId: member.guild.id,
				userId: member.id,
				trigger: options.trigger,
				add: plan.add,
				remove: plan.remove,
				nickname: plan.nickname,
			},
			'member roles updated',
		);
		if (options.trigger !== 'bulk') {
			const roleList = (ids: string[]) => ids.map((id) => `<@&${id}>`).join(', ');
			const { trigger } = options;
			void this.deps.audit.post(member.guild.id, (t) => {
				const lines = [t('auditMember', { userId: member.id, tag: member.user.tag })];
				if (verdict.status !== 'unlinked')
					lines.push(t('auditRoblox', { name: verdict.roblox.name, id: verdict.roblox.id }));
				if (plan.add.length) lines.push(t('summaryAdded', { roles: roleList(plan.add) }));
				if (plan.remove.length) lines.push(t('summaryRemoved', { roles: roleList(plan.remove) }));
				if (plan.nickname !== null) lines.push(t('summaryNickname', { nickname: plan.nickname }));
				lines.push(t('auditTrigger', { trigger: t(TRIGGER[trigger]) }));
				return { title: t('auditRolesUpdated'), lines };
			});
		}
		return { verdict, plan, applied: true, changed: true, held };
	}

	/**
	 * The mass-removal breaker's half in a check: with `source`, bound-role removals are taken out of the plan (and
	 * returned); either way the held removals are told of this check, the newest word on this member.
	 */
	private async holdBack(
		member: GuildMember,
		config: GuildConfig,
		verdict: Verdict,
		plan: RolePlan,
		source: HeldSource | undefined,
	): Promise<string[]> {
		let held: string[] = [];
		if (source && plan.remove.length > 0 && breakerSetting(config.settings.removalBreaker)) {
			const bound = new Set(config.bindings.map((binding) => binding.roleId));
			held = plan.remove.filter((id) => bound.has(id));
			plan.remove = plan.remove.filter((id) => !bound.has(id));
		}
		await this.deps.held
			?.noted(member.guild.id, member.id, {
				source: source ?? null,
				known: verdict.status !== 'unknown',
				held,
				bindings: config.bindings,
			})
			.catch((error: unknown) => {
				this.deps.logger.warn({ err: error, guildId: member.guild.id, userId: member.id }, 'could not note a check');
			});
		return held;
	}
}

import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type Client, type GuildMember } from 'discord.js';
import type { Logger } from '../logger.js';
import type { BulkPorts, MemberOutcome } from '../roles/bulk.js';
import type { SweepPorts } from '../roles/sweep.js';
import type { RunStore } from '../store/runs.js';
import type { LinkStore } from '../store/links.js';
import type { HeldSource } from '../store/held.js';
import type { RunFailure, RunHeld, RunState } from '../store/runs.js';
import { EMBED_LIMITS, joinLinesWithin } from '../ui/embed-limits.js';
import { text, translator, type Translator } from '../ui/i18n.js';
import { robloxReason } from '../ui/roblox-reason.js';
import { customId } from './command.js';
import type { AuditLog } from './audit.js';
import { heldButtonsRow, sampleText, type HeldRemovals } from './held-removals.js';
import type { MemberSync, SyncResult, SyncTrigger } from './member-sync.js';

/**
 * The Discord side of bulk runs and sweeps: listing members page by page (so a 100k-member guild is never held in
 * memory at once), checking one through MemberSync, and showing progress.
 */
export class DiscordMemberPorts implements BulkPorts, SweepPorts {
	/** Set by the app when a sweep runs: it takes a bulk run's still-failing members into its retry queue. */
	retryLater?: (guildId: string, memberIds: readonly string[]) => Promise<number | null>;
	/** Members from the last listed page, so checking one does not cost a second Discord call. */
	private readonly listed = new Map<string, GuildMember>();

	constructor(
		private readonly client: Client,
		private readonly members: MemberSync,
		private readonly links: LinkStore,
		private readonly audit: AuditLog,
		private readonly logger: Logger,
		private readonly heldRemovals?: HeldRemovals,
	) {}

	readonly held = {
		begin: async (guildId: string) => this.heldRemovals?.begin(guildId, 'bulk'),
		flush: async () => this.heldRemovals?.flush(),
		settle: async (state: RunState) => {
			const outcome = await this.heldRemovals?.settle(state.guildId, 'bulk');
			if (!outcome) return null;
			const { kind, id, checked, losing, roles, sample } = outcome;
			const held: RunHeld = { kind, id, checked, losing, roles, sample };
			if (outcome.kind !== 'applied') return { held, failures: [] };
			const failures = outcome.failed.map(({ memberId, error }) => ({
				memberId,
				reason: text('bulkFailureEditRefused', { error: error.slice(0, 160) }),
			}));
			return { held: { ...held, removed: outcome.removed }, failures };
		},
	};

	/**
	 * What the sweep is given: its place kept in the run store, members fetched when their turn comes, and bound-role
	 * removals held per guild until the pass ends (the mass-removal breaker decides then).
	 */
	forSweep(runs: Pick<RunStore, 'getSweepCursor' | 'setSweepCursor'>, scope?: string): SweepPorts {
		const held = this.heldRemovals;
		return {
			guildIds: () => this.guildIds(),
			// Each shard process sweeps its own guilds (`scope`), so each keeps its own place in its pass.
			loadPosition: () => runs.getSweepCursor(scope),
			// Held removals first: a member behind the saved position never loses its held removal to a crash.
			savePosition: async (position) => {
				await held?.flush();
				await runs.setSweepCursor(position, scope);
			},
			listMembers: (guildId, after, limit) => this.listMembers(guildId, after, limit, false),
			linkedAmong: (ids) => this.linkedAmong(ids),
			checkMember: (guildId, memberId) => this.check(guildId, memberId, 'sweep', held ? 'sweep' : undefined),
			checkAcross: (memberId, guildIds) => this.checkAcross(memberId, guildIds, held ? 'sweep' : undefined),
			...(held ? { passEnded: () => held.settleAll('sweep', this.guildIds()) } : {}),
		};
	}

	guildIds(): string[] {
		return [...this.client.guilds.cache.keys()];
	}

	async countMembers(guildId: string): Promise<number> {
		const guild = await this.client.guilds.fetch(guildId);
		return guild.memberCount;
	}

	/**
	 * One page of member ids. With `keep`, the members are held until checked: a bulk run checks a page within
	 * seconds, so their roles are fresh. The sweep passes false: its checks are spread over hours, and planning from
	 * hours-old roles could undo a moderator's edit, so it fetches each member when its turn comes.
	 */
	async listMembers(guildId: string, afterId: string | undefined, limit: number, keep = true): Promise<string[]> {
		const guild = await this.client.guilds.fetch(guildId);
		const page = await guild.members.list({ limit, ...(afterId ? { after: afterId } : {}), cache: false });
		// Only the current page is ever held, so memory stays bounded by the page size.
		for (const key of this.listed.keys()) if (key.startsWith(`${guildId}:`)) this.listed.delete(key);
		const ids: string[] = [];
		for (const member of page.values()) {
			if (member.user.bot) continue;
			if (keep) this.listed.set(`${guildId}:${member.id}`, member);
			ids.push(member.id);
		}
		// Keep the paging cursor right even when the page ends with a bot: callers page by the last id we return.
		const last = page.lastKey();
		if (last && ids[ids.length - 1] !== last && page.size === limit) ids.push(last);
		return ids;
	}

	async linkedAmong(memberIds: readonly string[]): Promise<Set<string>> {
		// Gone accounts (deleted on Roblox) are not re-checked: each check would be a wasted 404.
		const links = await this.links.getManyByDiscord(memberIds);
		return new Set([...links.values()].filter((link) => !link.goneAt).map((link) => link.discordId));
	}

	prepare(guildId: string, memberIds: readonly string[], remaining?: number): Promise<void> {
		return this.members.prefetch(guildId, memberIds, remaining);
	}

	checkMember(guildId: string, memberId: string): Promise<MemberOutcome> {
		return this.check(guildId, memberId, 'bulk', this.heldRemovals ? 'bulk' : undefined);
	}

	/** `holdRemovals`: bound-role removals go to that source's held set instead (the mass-removal breaker). */
	async check(
		guildId: string,
		memberId: string,
		trigger: SyncTrigger,
		holdRemovals?: HeldSource,
	): Promise<MemberOutcome> {
		const member = await this.checkable(guildId, memberId);
		if (!member) return { kind: 'skipped' };
		return outcomeOf(
			await this.members.sync(member, { trigger, priority: 'background', ...(holdRemovals ? { holdRemovals } : {}) }),
		);
	}

	/**
	 * The sweep's check of one member in several guilds: one Roblox question for all of them (MemberSync.syncAcross).
	 * Discord calls are those of checking each guild alone: one member fetch per guild, one edit where roles change.
	 */
	async checkAcross(
		memberId: string,
		guildIds: readonly string[],
		holdRemovals?: HeldSource,
	): Promise<Map<string, MemberOutcome>> {
		const outcomes = new Map<string, MemberOutcome>();
		const members: GuildMember[] = [];
		for (const guildId of guildIds) {
			const member = await this.checkable(guildId, memberId);
			if (member) members.push(member);
			else outcomes.set(guildId, { kind: 'skipped' });
		}
		const results = await this.members.syncAcross(members, {
			trigger: 'sweep',
			priority: 'background',
			...(holdRemovals ? { holdRemovals } : {}),
		});
		for (const [index, member] of members.entries()) outcomes.set(member.guild.id, outcomeOf(results[index]!));
		return outcomes;
	}

	/** The member as Discord has them now, or undefined when there is nothing to check (left, a bot, screening). */
	private async checkable(guildId: string, memberId: string): Promise<GuildMember | undefined> {
		const key = `${guildId}:${memberId}`;
		let member = this.listed.get(key);
		this.listed.delete(key);
		if (!member) {
			const guild = await this.client.guilds.fetch(guildId);
			member = (await guild.members.fetch({ user: memberId, force: true }).catch(() => null)) ?? undefined;
			if (!member) return undefined;
		}
		if (member.user.bot) return undefined;
		// Membership Screening: roles wait for the member update that says they accepted the rules.
		if (member.pending) return undefined;
		return member;
	}

	async report(state: RunState, phase: 'progress' | 'final'): Promise<void> {
		if (phase === 'final') {
			void this.audit.post(state.guildId, (t) => ({
				title: t('auditBulkSummary'),
				lines: [
					t('auditBulkChecked', {
						processed: state.processed,
						changed: state.changed,
						failed: state.failed,
						skipped: state.skipped,
					}),
					t(state.status === 'done' ? 'auditBulkFinished' : 'auditBulkStopped', { userId: state.startedBy }),
					...retryLines(t, state),
					...state.failures
						.slice(-5)
						.map((failure) => t('auditFailureLine', { memberId: failure.memberId, reason: failureText(t, failure) })),
				],
			}));
		}
		if (!state.progressChannelId || !state.progressMessageId) return;
		const channel = await this.client.channels.fetch(state.progressChannelId).catch(() => null);
		if (!channel?.isSendable()) return;
		// The progress message is public: it is in the server's language.
		const t = translator(this.client.guilds.cache.get(state.guildId)?.preferredLocale);
		await channel.messages.edit(state.progressMessageId, renderProgress(state, t)).catch((error: unknown) => {
			this.logger.warn({ err: error, guildId: state.guildId }, 'could not edit the progress message');
		});
	}
}

/** What one check came to, for a bulk run or the sweep. */
function outcomeOf(result: SyncResult): MemberOutcome {
	if (result.memberGone) return { kind: 'skipped' };
	const held = result.held.length ? { held: result.held.length } : {};
	if (result.applyError)
		return { kind: 'failed', reason: text('bulkFailureEditRefused', { error: result.applyError.slice(0, 160) }) };
	// Retrying soon cannot help these: the fix is someone's (the member's privacy setting, the role order).
	// Wanted changes the bot may not make (a role above Rolink, Manage Roles missing) leave the member wrong: a failure.
	if (result.plan.blocked.length) {
		const roles = result.plan.blocked.map((id) => `<@&${id}>`).join(', ');
		return { kind: 'failed', reason: text('bulkFailureBlocked', { roles }), retriable: false };
	}
	if (result.verdict.status === 'unknown')
		return {
			kind: 'failed',
			reason: text('bulkFailureRoblox', { reason: robloxReason(result.verdict.reason) }),
			retriable: !NOT_RETRIABLE.has(result.verdict.reason),
		};
	if (result.verdict.status === 'owned' && result.verdict.groups?.ok === false)
		return {
			kind: 'failed',
			reason: text('bulkFailureRobloxGroups', { reason: robloxReason(result.verdict.groups.reason) }),
			retriable: true,
		};
	if (result.changed) return { kind: 'changed', ...held };
	return result.verdict.status === 'unlinked' ? { kind: 'skipped', ...held } : { kind: 'unchanged', ...held };
}

/** Roblox answers that a retry within minutes will not change. */
const NOT_RETRIABLE = new Set(['private-inventory', 'user-not-found', 'bad-api-key', 'invalid-argument']);

const failureText = (t: Translator, failure: RunFailure) =>
	typeof failure.reason === 'string' ? failure.reason : t.text(failure.reason);

/** What the retry phase did, for the summary (empty when nothing failed). */
function retryLines(t: Translator, state: RunState): string[] {
	if (state.status === 'running') {
		const retry = state.retry;
		if (!retry) return [];
		return [
			t('bulkRetrying', {
				count: state.retryIds?.length ?? 0,
				round: retry.round,
				rounds: retry.rounds,
				at: Math.floor(retry.at / 1000),
			}),
		];
	}
	if (!state.retried) return [];
	const retries = text('retries', { count: state.retried });
	if (state.failed === 0) return [t('bulkAllRecovered', { retries })];
	const still = t('bulkStillFailed', { count: state.failed, retries });
	return [
		state.nextRetryAt
			? `${still} ${t('bulkRetryFrom', { at: Math.floor(state.nextRetryAt / 1000) })}`
			: `${still} ${t('bulkRetryLater')}`,
	];
}

export function renderProgress(state: RunState, t: Translator) {
	const running = state.status === 'running';
	const percent = state.total > 0 ? Math.min(100, Math.floor((state.processed / state.total) * 100)) : 0;
	const eta =
		running && state.etaSeconds !== undefined
			? formatDuration(t, state.etaSeconds)
			: running
				? t('bulkEstimating')
				: '—';
	const title = t(running ? 'bulkTitleRunning' : state.status === 'done' ? 'bulkTitleDone' : 'bulkTitleStopped');
	const failures = joinLinesWithin(
		state.failures.slice(-5).map((failure) => `<@${failure.memberId}>: ${failureText(t, failure)}`),
		EMBED_LIMITS.fieldValue,
		() => '…',
		200,
	);
	const embed = new EmbedBuilder()
		.setTitle(title)
		.setDescription(t('bulkProgress', { processed: state.processed, total: state.total, percent }))
		.addFields(
			{ name: t('bulkChanged'), value: String(state.changed), inline: true },
			{ name: t('bulkFailed'), value: String(state.failed), inline: true },
			{ name: t('bulkNotLinked'), value: String(state.skipped), inline: true },
			{ name: t('bulkTimeLeft'), value: eta, inline: true },
		)
		.setFooter({
			text: t(state.resumedAt ? 'bulkFooterResumed' : 'bulkFooter', { runId: state.runId }),
		});
	const retry = retryLines(t, state).join('\n');
	if (retry) embed.addFields({ name: t('bulkRetries'), value: retry.slice(0, 1024) });
	if (failures) embed.addFields({ name: t('bulkLatestFailures'), value: failures });
	const held = heldLines(t, state);
	if (held) embed.addFields({ name: t('heldField'), value: held });
	const waiting = !running && state.held?.kind === 'held' && !state.held.decided;
	const components = running
		? [
				new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder()
						.setCustomId(customId('update-all', 'stop', state.runId))
						.setLabel(t('bulkStopLabel'))
						.setStyle(ButtonStyle.Danger),
				),
			]
		: waiting
			? [heldButtonsRow(t, 'bulk', state.held!.id)]
			: [];
	return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}

/** The mass-removal breaker's part of the progress message: held so far, made at the end, or waiting for an admin. */
function heldLines(t: Translator, state: RunState): string {
	const held = state.held;
	if (!held)
		return state.status === 'running' && state.heldMembers ? t('heldRunning', { count: state.heldMembers }) : '';
	if (held.kind === 'applied') return t('heldApplied', { count: held.removed ?? 0 });
	if (held.decided)
		return held.decided.action === 'applied'
			? t('heldDecidedApplied', { userId: held.decided.by, count: held.decided.removed ?? 0 })
			: t('heldDecidedDiscarded', { userId: held.decided.by });
	const lines = [
		t('heldWaiting', { count: held.losing, checked: held.checked }),
		...(held.roles ?? []).map(([roleId, count]) => t('heldRoleCount', { roleId, count })),
		t('heldSample', { members: sampleText(t, held.sample ?? [], held.losing) }),
	];
	return joinLinesWithin(lines, EMBED_LIMITS.fieldValue, (count) => t('importMore', { count }));
}

function formatDuration(t: Translator, totalSeconds: number): string {
	if (totalSeconds < 60) return t('durationSeconds', { s: totalSeconds });
	const minutes = Math.floor(totalSeconds / 60);
	if (minutes < 60) return t('durationMinutes', { m: minutes, s: totalSeconds % 60 });
	return t('durationHours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

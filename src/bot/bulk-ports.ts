import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type Client, type GuildMember } from 'discord.js';
import type { Logger } from '../logger.js';
import type { BulkPorts, MemberOutcome } from '../roles/bulk.js';
import type { SweepPorts } from '../roles/sweep.js';
import type { LinkStore } from '../store/links.js';
import type { RunState } from '../store/runs.js';
import { customId } from './command.js';
import { strings } from '../ui/strings.js';
import type { AuditLog } from './audit.js';
import type { MemberSync, SyncTrigger } from './member-sync.js';

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
	) {}

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

	prepare(guildId: string, memberIds: readonly string[]): Promise<void> {
		return this.members.prefetch(guildId, memberIds);
	}

	checkMember(guildId: string, memberId: string): Promise<MemberOutcome> {
		return this.check(guildId, memberId, 'bulk');
	}

	async check(guildId: string, memberId: string, trigger: SyncTrigger): Promise<MemberOutcome> {
		const key = `${guildId}:${memberId}`;
		let member = this.listed.get(key);
		this.listed.delete(key);
		if (!member) {
			const guild = await this.client.guilds.fetch(guildId);
			member = (await guild.members.fetch({ user: memberId, force: true }).catch(() => null)) ?? undefined;
			if (!member) return { kind: 'skipped' };
		}
		if (member.user.bot) return { kind: 'skipped' };
		// Membership Screening: roles wait for the member update that says they accepted the rules.
		if (member.pending) return { kind: 'skipped' };
		const result = await this.members.sync(member, { trigger, priority: 'background' });
		if (result.memberGone) return { kind: 'skipped' };
		if (result.applyError) return { kind: 'failed', reason: `Discord refused the edit: ${result.applyError}` };
		// Retrying soon cannot help these: the fix is someone's (the member's privacy setting, the role order).
		// Wanted changes the bot may not make (a role above Rolink, Manage Roles missing) leave the member wrong: a failure.
		if (result.plan.blocked.length) {
			return {
				kind: 'failed',
				reason: `cannot manage ${result.plan.blocked.map((id) => `<@&${id}>`).join(', ')}: move Rolink's role above it and give Rolink Manage Roles`,
				retriable: false,
			};
		}
		if (result.verdict.status === 'unknown')
			return {
				kind: 'failed',
				reason: `Roblox: ${result.verdict.reason}`,
				retriable: !NOT_RETRIABLE.has(result.verdict.reason),
			};
		if (result.verdict.status === 'owned' && result.verdict.groups?.ok === false)
			return { kind: 'failed', reason: `Roblox groups: ${result.verdict.groups.reason}`, retriable: true };
		if (result.changed) return { kind: 'changed' };
		return result.verdict.status === 'unlinked' ? { kind: 'skipped' } : { kind: 'unchanged' };
	}

	async report(state: RunState, phase: 'progress' | 'final'): Promise<void> {
		if (phase === 'final') {
			const lines = [
				`Checked ${state.processed} members: ${state.changed} changed, ${state.failed} failed, ${state.skipped} skipped (not linked, or not past Membership Screening).`,
				`Started by <@${state.startedBy}>; ${state.status === 'done' ? 'finished' : 'stopped'}.`,
				...retryLines(state),
				...state.failures.slice(-5).map((failure) => `• <@${failure.memberId}>: ${failure.reason}`),
			];
			void this.audit.post(state.guildId, 'Bulk update summary', lines);
		}
		if (!state.progressChannelId || !state.progressMessageId) return;
		const channel = await this.client.channels.fetch(state.progressChannelId).catch(() => null);
		if (!channel?.isSendable()) return;
		await channel.messages.edit(state.progressMessageId, renderProgress(state)).catch((error: unknown) => {
			this.logger.warn({ err: error, guildId: state.guildId }, 'could not edit the progress message');
		});
	}
}

/** Roblox answers that a retry within minutes will not change. */
const NOT_RETRIABLE = new Set(['private-inventory', 'user-not-found', 'bad-api-key', 'invalid-argument']);

/** What the retry phase did, for the summary (empty when nothing failed). */
function retryLines(state: RunState): string[] {
	if (state.status === 'running') {
		const retry = state.retry;
		return retry ? [strings.bulkRetrying(state.retryIds?.length ?? 0, retry.round, retry.rounds, retry.at)] : [];
	}
	if (!state.retried) return [];
	if (state.failed === 0) return [strings.bulkAllRecovered(state.retried)];
	return [strings.bulkStillFailed(state.failed, state.retried, state.nextRetryAt)];
}

export function renderProgress(state: RunState) {
	const running = state.status === 'running';
	const percent = state.total > 0 ? Math.min(100, Math.floor((state.processed / state.total) * 100)) : 0;
	const eta =
		running && state.etaSeconds !== undefined ? formatDuration(state.etaSeconds) : running ? 'estimating…' : '—';
	const title = running ? 'Updating every member…' : state.status === 'done' ? 'Update finished' : 'Update stopped';
	const failures = state.failures
		.slice(-5)
		.map((failure) => `<@${failure.memberId}>: ${failure.reason}`)
		.join('\n')
		.slice(0, 1000);
	const embed = new EmbedBuilder()
		.setTitle(title)
		.setDescription(`${state.processed} / ${state.total} members (${percent}%)`)
		.addFields(
			{ name: 'Changed', value: String(state.changed), inline: true },
			{ name: 'Failed', value: String(state.failed), inline: true },
			{ name: 'Skipped (not linked or pending)', value: String(state.skipped), inline: true },
			{ name: 'Time left', value: eta, inline: true },
		)
		.setFooter({ text: `Run ${state.runId}${state.resumedAt ? ' · resumed after a restart' : ''}` });
	const retry = retryLines(state).join('\n');
	if (retry) embed.addFields({ name: 'Retries', value: retry.slice(0, 1024) });
	if (failures) embed.addFields({ name: 'Latest failures', value: failures });
	const components = running
		? [
				new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder()
						.setCustomId(customId('update-all', 'stop', state.runId))
						.setLabel('Stop')
						.setStyle(ButtonStyle.Danger),
				),
			]
		: [];
	return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}

function formatDuration(totalSeconds: number): string {
	if (totalSeconds < 60) return `${totalSeconds}s`;
	const minutes = Math.floor(totalSeconds / 60);
	if (minutes < 60) return `${minutes}m ${totalSeconds % 60}s`;
	return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

import type { RobloxClient } from '../roblox/client.js';
import { isRobloxError } from '../roblox/errors.js';
import type { Priority } from '../roblox/types.js';
import type { MemberAuth } from '../roblox/context.js';
import type { MemberTokens } from '../linking/member-tokens.js';
import type { Link, LinkStore } from '../store/links.js';
import { asksInventory, questionFor } from '../kinds/index.js';
import type { Part } from '../kinds/types.js';
import type { GroupAnswer, OwnershipAnswer } from '../roblox/types.js';
import type { Binding } from '../kinds/types.js';
import type { RobloxIdentity, Verdict } from './plan.js';

export interface EvaluateDeps {
	links: Pick<LinkStore, 'getByDiscord'>;
	roblox: Pick<RobloxClient, 'checkOwnership' | 'getUser' | 'checkGroups'>;
	/** Members who granted the inventory scope are checked with their own token and budget. */
	memberTokens?: Pick<MemberTokens, 'authFor' | 'invalidate'> | undefined;
}

export interface EvaluateOptions {
	priority: Priority;
	/** Skip the short-lived ownership cache (a member just asked for a refresh). */
	fresh?: boolean;
	/**
	 * The Open Cloud user resource (names, creation time) is only needed for nicknames and the account-age rule; not
	 * asking saves a users-API call per member in bulk runs.
	 */
	needNames: boolean;
	/** Already read by the caller. */
	link?: Link | null;
	/** Groups to ask about besides the bindings' (the nickname's `{group-rank}` group). */
	extraGroups?: readonly string[];
}

/**
 * "What does Roblox say about this member?" — the Roblox half of checking a member, with no discord.js. One ownership
 * request covers every ID-bound item of the guild (plus one for collectibles when bound); none at all when the
 * guild has no bindings. A Roblox failure becomes an `unknown` verdict, which the planner never removes roles on.
 */
export async function evaluateMember(
	deps: EvaluateDeps,
	discordId: string,
	bindings: readonly Binding[],
	options: EvaluateOptions,
): Promise<Verdict> {
	const link = options.link !== undefined ? options.link : await deps.links.getByDiscord(discordId);
	// An account Roblox no longer has counts as not linked: its roles go, and the member may link again.
	if (!link || link.goneAt) return { status: 'unlinked' };
	let roblox: RobloxIdentity = {
		id: link.robloxId,
		name: link.robloxName ?? link.robloxId,
		displayName: link.robloxName ?? link.robloxId,
	};
	const query = questionFor(bindings);
	for (const groupId of options.extraGroups ?? []) if (!query.groups.includes(groupId)) query.groups.push(groupId);
	// The groups part has its own budget and its own fail-safe: it is asked alongside the inventory, and its failure
	// only makes group bindings unknown. One memberships request covers every group; none when no group is asked.
	const groups: Promise<Part<GroupAnswer> | undefined> =
		query.groups.length === 0
			? Promise.resolve(undefined)
			: deps.roblox
					.checkGroups(link.robloxId, query.groups, {
						priority: options.priority,
						...(options.fresh ? { fresh: true } : {}),
					})
					.then(
						(value): Part<GroupAnswer> => ({ ok: true, value }),
						(error: unknown): Part<GroupAnswer> => {
							if (isRobloxError(error)) return { ok: false, reason: error.code };
							throw error;
						},
					);
	try {
		if (options.needNames) {
			const user = await deps.roblox.getUser(link.robloxId, { priority: options.priority });
			roblox = {
				id: user.id,
				name: user.name,
				displayName: user.displayName,
				...(user.createTime !== undefined ? { createTime: user.createTime } : {}),
			};
		}
		let ownership: OwnershipAnswer;
		if (!asksInventory(query)) {
			ownership = { userId: link.robloxId, owned: new Set(), requests: 0, checkedAt: Date.now() };
		} else {
			const ask = (member: MemberAuth | null) =>
				deps.roblox.checkOwnership(link.robloxId, query.items, {
					collectibles: query.collectibles,
					priority: options.priority,
					...(options.fresh ? { fresh: true } : {}),
					...(member ? { member } : {}),
				});
			const member = (await deps.memberTokens?.authFor(link.discordId, link.robloxId)) ?? null;
			try {
				ownership = await ask(member);
			} catch (error) {
				// The member's token stopped working between refresh and use: this once, ask with the API key.
				if (!member || !isRobloxError(error) || error.code !== 'token-revoked') throw error;
				deps.memberTokens?.invalidate(link.discordId);
				ownership = await ask(null);
			}
		}
		const part = await groups;
		return { status: 'owned', roblox, ownership, ...(part ? { groups: part } : {}) };
	} catch (error) {
		if (isRobloxError(error)) {
			const part = await groups;
			return { status: 'unknown', roblox, reason: error.code, ...(part ? { groups: part } : {}) };
		}
		throw error;
	}
}

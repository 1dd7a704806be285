import { UserError } from '../errors.js';
import type { RobloxClient } from '../roblox/client.js';
import { isRobloxError } from '../roblox/errors.js';
import type { Link, LinkMethod, LinkStore } from '../store/links.js';
import { generateVerificationCode, type PendingStore, type PendingVerification } from '../store/pending.js';
import { strings } from '../ui/strings.js';
import { parseRobloxTarget } from './input.js';

/**
 * Linking with proof: a member shows they control a Roblox account by putting a one-time code in its About.
 * Plain functions over the store and the Roblox client; the commands only render what these return.
 */

export const CODE_TTL_MS = 15 * 60_000;

export interface LinkingDeps {
	links: LinkStore;
	pending: PendingStore;
	roblox: Pick<RobloxClient, 'resolveUsername' | 'getUserStatus' | 'getUser'>;
	now: () => number;
}

export interface RobloxAccount {
	id: string;
	name: string;
	displayName: string;
}

/** Username or id → an existing, not banned account; UserError otherwise. */
export async function resolveRobloxAccount(deps: Pick<LinkingDeps, 'roblox'>, input: string): Promise<RobloxAccount> {
	const target = parseRobloxTarget(input);
	let id: string;
	if (target.kind === 'name') {
		const match = await deps.roblox.resolveUsername(target.name);
		if (!match) throw new UserError(strings.robloxUserNotFound());
		id = match.id;
	} else id = target.id;
	const status = await deps.roblox.getUserStatus(id);
	if (!status) throw new UserError(strings.robloxUserNotFound());
	if (status.isBanned) throw new UserError(strings.bannedUser(status.name));
	return { id: status.id, name: status.name, displayName: status.displayName };
}

/** Issues a code for this member and account, or returns the one still valid for the same account. */
export async function startVerification(
	deps: LinkingDeps,
	discordId: string,
	account: RobloxAccount,
): Promise<PendingVerification> {
	const now = deps.now();
	const existing = await deps.pending.get(discordId);
	if (existing && existing.robloxId === account.id && existing.expiresAt > now) return existing;
	const pending: PendingVerification = {
		discordId,
		robloxId: account.id,
		robloxName: account.name,
		code: generateVerificationCode(),
		createdAt: now,
		expiresAt: now + CODE_TTL_MS,
	};
	await deps.pending.put(pending);
	return pending;
}

export type CheckResult =
	| { status: 'linked'; link: Link; previousHolder: string | null; pending: PendingVerification }
	| { status: 'code-missing'; pending: PendingVerification }
	| { status: 'expired' }
	/** No code pending, but the member is linked already (a second press of Check, or a reply lost in a crash). */
	| { status: 'already-linked'; link: Link };

/** Roblox may reformat About text (line breaks, repeated spaces, case); compare on words only. */
export function aboutContainsCode(about: string, code: string): boolean {
	const words = (text: string) =>
		text
			.toLowerCase()
			.split(/[^a-z]+/)
			.filter(Boolean)
			.join(' ');
	return ` ${words(about)} `.includes(` ${words(code)} `);
}

/** Reads the account's About (fresh, never cached) and links on a match. A taken-over account unlinks its old holder. */
export async function checkVerification(deps: LinkingDeps, discordId: string): Promise<CheckResult> {
	const pending = await deps.pending.get(discordId);
	if (!pending || pending.expiresAt <= deps.now()) {
		const link = await deps.links.getByDiscord(discordId);
		return link ? { status: 'already-linked', link } : { status: 'expired' };
	}
	let about: string;
	try {
		about = (await deps.roblox.getUser(pending.robloxId, { fresh: true, priority: 'interactive' })).about;
	} catch (error) {
		if (isRobloxError(error) && error.code === 'user-not-found') throw new UserError(strings.robloxUserNotFound());
		throw error;
	}
	if (!aboutContainsCode(about, pending.code)) return { status: 'code-missing', pending };
	const { link, previousHolder } = await saveProvenLink(deps, discordId, pending, 'profile-code');
	await deps.pending.delete(discordId);
	return { status: 'linked', link, previousHolder, pending };
}

/**
 * The takeover rule, shared by every way of proving control (profile code, OAuth): the prover gets the link, and an
 * account linked to someone else is taken over (their link removed; the caller tells them and the audit channel).
 */
export async function saveProvenLink(
	deps: Pick<LinkingDeps, 'links' | 'now'>,
	discordId: string,
	account: { robloxId: string; robloxName: string },
	method: Exclude<LinkMethod, 'takeover' | 'import'>,
): Promise<{ link: Link; previousHolder: string | null }> {
	const current = await deps.links.getByRoblox(account.robloxId);
	const link: Link = {
		discordId,
		robloxId: account.robloxId,
		robloxName: account.robloxName,
		linkedAt: new Date(deps.now()).toISOString(),
		method: current && current.discordId !== discordId ? 'takeover' : method,
	};
	const { previousHolder } = await deps.links.save(link);
	return { link, previousHolder };
}

import { userError, UserError } from '../errors.js';
import type { RobloxClient } from '../roblox/client.js';
import { isRobloxError } from '../roblox/errors.js';
import type { Link, LinkMethod, LinkStore } from '../store/links.js';
import { generateVerificationCode, type PendingStore, type PendingVerification } from '../store/pending.js';
import type { ProofStore } from '../store/proofs.js';
import { text } from '../ui/i18n.js';
import { parseRobloxTarget } from './input.js';

/**
 * Linking with proof: a member shows they control a Roblox account by putting a one-time code in its About.
 * Plain functions over the store and the Roblox client; the commands only render what these return.
 */

export const CODE_TTL_MS = 15 * 60_000;

/**
 * Two members proving the same account at once (both codes in one About) is a race, not a takeover: the first to save
 * keeps the link and the other is told so, instead of one of them being told "you are now linked" about a link that is
 * gone a moment later. A takeover after the earlier proof has finished works as always. The proofs under way are kept
 * in the store (ProofStore), so the race is the same when the two presses reach different processes or shards.
 */

/** Another member proved the same account at the same moment and keeps it (see ProofStore). */
export class AccountJustLinkedError extends UserError {
	constructor(readonly holder: Link) {
		super(text('accountJustLinked', { name: holder.robloxName ?? holder.robloxId }));
	}
}

export interface LinkingDeps {
	links: LinkStore;
	pending: PendingStore;
	proofs: ProofStore;
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
		if (!match) throw userError('robloxUserNotFound');
		id = match.id;
	} else id = target.id;
	const status = await deps.roblox.getUserStatus(id);
	if (!status) throw userError('robloxUserNotFound');
	if (status.isBanned) throw userError('bannedUser', { name: status.name });
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
	| { status: 'already-linked'; link: Link }
	/** Another member proved the same account a moment ago and keeps it; nothing was saved. */
	| { status: 'held'; holder: Link; error: AccountJustLinkedError };

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
	await deps.proofs.begin(pending.robloxId, discordId, deps.now());
	try {
		let about: string;
		try {
			about = (await deps.roblox.getUser(pending.robloxId, { fresh: true, priority: 'interactive' })).about;
		} catch (error) {
			if (isRobloxError(error) && error.code === 'user-not-found') throw userError('robloxUserNotFound');
			throw error;
		}
		if (!aboutContainsCode(about, pending.code)) return { status: 'code-missing', pending };
		let saved: { link: Link; previousHolder: string | null };
		try {
			saved = await saveProvenLink(deps, discordId, pending, 'profile-code', () =>
				deps.proofs.rivals(pending.robloxId, discordId, deps.now()),
			);
		} catch (error) {
			// The code stays pending: pressing Check again takes the account over by the usual rule.
			if (error instanceof AccountJustLinkedError) return { status: 'held', holder: error.holder, error };
			throw error;
		}
		await deps.pending.delete(discordId);
		return { status: 'linked', ...saved, pending };
	} finally {
		await deps.proofs.end(pending.robloxId, discordId, deps.now()).catch(() => undefined); // or it expires
	}
}

/**
 * The takeover rule, shared by every way of proving control (profile code, OAuth): the prover gets the link, and an
 * account linked to someone else is taken over (their link removed; the caller tells them and the audit channel).
 */
export async function saveProvenLink(
	deps: Pick<LinkingDeps, 'links' | 'proofs' | 'now'>,
	discordId: string,
	account: { robloxId: string; robloxName: string },
	method: Exclude<LinkMethod, 'takeover' | 'import'>,
	/** Members whose proof of the same account overlapped this one (profile codes), read at the save: not taken over. */
	rivals: () => Promise<ReadonlySet<string>> = () => Promise.resolve(new Set()),
): Promise<{ link: Link; previousHolder: string | null }> {
	// One proof at a time per Roblox account: the holder read here is the one the save replaces, so the recorded
	// method and the answers say what really happened even when two members press Check at the same instant.
	return deps.proofs.saving(account.robloxId, async () => {
		const current = await deps.links.getByRoblox(account.robloxId);
		const now = deps.now();
		if (current && current.discordId !== discordId && (await rivals()).has(current.discordId))
			throw new AccountJustLinkedError(current);
		const link: Link = {
			discordId,
			robloxId: account.robloxId,
			robloxName: account.robloxName,
			linkedAt: new Date(now).toISOString(),
			method: current && current.discordId !== discordId ? 'takeover' : method,
		};
		const { previousHolder } = await deps.links.save(link);
		return { link, previousHolder };
	});
}

import type { RobloxSignIn } from '../roblox/oauth.js';
import type { Link, LinkStore } from '../store/links.js';
import type { ProofStore } from '../store/proofs.js';
import type { MemberTokens } from './member-tokens.js';
import { ExpiringRecords } from './one-time.js';
import { saveProvenLink } from './verification.js';

/**
 * Linking by signing in: the member proves the Discord account (Discord OAuth2, identify) and the Roblox account
 * (Roblox OpenID Connect) in one browser session. The web service does the proving; this is what happens after.
 */

/** State, nonce and the link a member got from /verify all live 10 minutes. */
export const WEB_FLOW_TTL_MS = 10 * 60_000;

/** What a "Link with Roblox" button carries: who asked, and where their roles should be granted at once. */
export interface LinkTicket {
	discordId: string;
	guildId: string;
}

export type LinkTickets = ExpiringRecords<LinkTicket>;

export function createLinkTickets(now: () => number = Date.now): LinkTickets {
	return new ExpiringRecords<LinkTicket>({ ttlMs: WEB_FLOW_TTL_MS, maxEntries: 10_000, now });
}

/** The web page's address for a ticket: `${publicUrl}/link?t=…`. */
export const linkUrl = (publicUrl: string, ticket: string) => `${publicUrl}/link?t=${encodeURIComponent(ticket)}`;

export interface OAuthLinkDeps {
	links: LinkStore;
	proofs: ProofStore;
	memberTokens?: Pick<MemberTokens, 'remember' | 'forget'> | undefined;
	now: () => number;
}

export interface OAuthLinkResult {
	link: Link;
	previousHolder: string | null;
	/** Whether the member's own token (inventory scope) is kept. */
	tokenKept: boolean;
}

/** Same takeover rule as the profile code; a kept token follows the link, an old one goes with its link. */
export async function linkByOAuth(
	deps: OAuthLinkDeps,
	discordId: string,
	signIn: RobloxSignIn,
): Promise<OAuthLinkResult> {
	const { link, previousHolder } = await saveProvenLink(
		deps,
		discordId,
		{ robloxId: signIn.robloxId, robloxName: signIn.name },
		'oauth',
	);
	if (previousHolder) await deps.memberTokens?.forget(previousHolder);
	let tokenKept = false;
	if (signIn.tokens && deps.memberTokens) {
		await deps.memberTokens.remember(discordId, signIn.robloxId, signIn.tokens);
		tokenKept = true;
	} else await deps.memberTokens?.forget(discordId);
	return { link, previousHolder, tokenKept };
}

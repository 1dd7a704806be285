import type { RobloxSignIn } from '../roblox/oauth.js';
import { LINK_TICKET_TTL_MS, type LinkTicket, type LinkTicketStore } from '../store/link-tickets.js';
import type { Link, LinkStore } from '../store/links.js';
import type { ProofStore } from '../store/proofs.js';
import type { MemberTokens } from './member-tokens.js';
import { saveProvenLink } from './verification.js';

/**
 * Linking by signing in: the member proves the Discord account (Discord OAuth2, identify) and the Roblox account
 * (Roblox OpenID Connect) in one browser session. The web service does the proving; this is what happens after.
 */

/** State, nonce and the link a member got from /verify all live 10 minutes (the ticket's own life). */
export const WEB_FLOW_TTL_MS = LINK_TICKET_TTL_MS;

/**
 * Where "Link with Roblox" tickets live: the store (hashed, single use), so that the process serving the web pages
 * can take a ticket that another shard's process made.
 */
export type LinkTickets = Pick<LinkTicketStore, 'create' | 'take'>;
export type { LinkTicket };

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

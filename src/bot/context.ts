import type { Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RobloxClient } from '../roblox/client.js';
import type { Stores } from '../store/index.js';
import type { MemberSync } from './member-sync.js';
import type { HeldRemovals } from './held-removals.js';
import type { BulkRunner } from '../roles/bulk.js';
import type { RateLimits } from './cooldown.js';
import type { LinkTickets } from '../linking/oauth-link.js';
import type { MemberTokens } from '../linking/member-tokens.js';

/** Everything a command handler may use. Built once in app.ts; commands never construct services themselves. */
export interface BotContext {
	config: Config;
	logger: Logger;
	client: Client;
	stores: Stores;
	roblox: RobloxClient;
	members: MemberSync;
	bulk: BulkRunner;
	/** Removals the mass-removal breaker holds for an admin (Apply / Discard). */
	held: HeldRemovals;
	limits: RateLimits;
	now: () => number;
	/** Set when one-click linking (OAuth) is configured. */
	web?: { publicUrl: string; tickets: LinkTickets };
	/** Set when members' own Roblox tokens may be kept (inventory scope). */
	memberTokens?: MemberTokens;
}

import type { EventEmitter } from 'node:events';
import { ShardClientUtil, type Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { LinkedPort } from '../web/server.js';
import type { SyncTrigger } from './member-sync.js';

/** What a refresh request carries from one shard process to the others. */
interface Refresh {
	userId: string;
	trigger: SyncTrigger;
	exceptGuildId?: string;
	from: number;
}

const EVENT = 'rolink:refresh';

type LinkedEvent = Parameters<LinkedPort>[0];
type LinkedResult = Awaited<ReturnType<LinkedPort>>;
/** Where a shard process keeps its web-link handler on its Client, for the function broadcastEval sends it. */
type WithLinkedHandler = { rolinkWebLinked?: LinkedPort };

/** A web page waits this long for the guild's shard to grant the roles; after that it says they follow shortly. */
const LINKED_TIMEOUT_MS = 10_000;

/**
 * With sharding, each process sees only its shards' guilds, but a link change must move the member's roles in every
 * server. The other shard processes are asked through discord.js's broadcastEval (the manager passes it on), and each
 * refreshes the member in its own guilds.
 */
export class ShardRelay {
	constructor(
		private readonly client: Client,
		private readonly logger: Logger,
	) {}

	/** Asks every other shard process to refresh the user in its guilds. Best effort, as the local refresh is. */
	refresh(userId: string, trigger: SyncTrigger, exceptGuildId?: string): void {
		const context: Refresh = { userId, trigger, ...(exceptGuildId ? { exceptGuildId } : {}), from: process.pid };
		// The function runs in each shard process, as text: it may use only its arguments. The event is EVENT.
		const ask = (client: Client, request: Refresh) =>
			void (client as unknown as EventEmitter).emit('rolink:refresh', request);
		this.client
			.shard!.broadcastEval(ask, { context })
			.catch((error: unknown) => this.logger.warn({ err: error, userId }, 'could not ask the other shards to refresh'));
	}

	/**
	 * A link made in the web service (shard 0's process) for a member who started in a guild of another shard: that
	 * shard grants the roles there, tells that guild's audit channel, and answers what it gave for the page.
	 */
	async linked(event: LinkedEvent): Promise<LinkedResult> {
		const util = this.client.shard!;
		const shard = ShardClientUtil.shardIdForGuildId(event.guildId, util.count);
		// Runs in the guild's shard process, as text: it may use only its arguments.
		const ask = (client: Client, e: LinkedEvent) =>
			(client as unknown as WithLinkedHandler).rolinkWebLinked?.(e) ?? { guildName: null, added: [] };
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`shard ${shard} did not answer within ${LINKED_TIMEOUT_MS} ms`)),
				LINKED_TIMEOUT_MS,
			);
		});
		try {
			return await Promise.race([util.broadcastEval(ask, { shard, context: event }), timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	/** Serves `linked` requests from the process that runs the web service. */
	onLinked(port: LinkedPort): void {
		(this.client as unknown as WithLinkedHandler).rolinkWebLinked = port;
	}

	/** Runs `refreshHere` for requests from the other shard processes. */
	onRefresh(refreshHere: (userId: string, trigger: SyncTrigger, exceptGuildId?: string) => Promise<void>): void {
		(this.client as unknown as EventEmitter).on(EVENT, (request: Refresh) => {
			if (request.from !== process.pid) void refreshHere(request.userId, request.trigger, request.exceptGuildId);
		});
	}
}

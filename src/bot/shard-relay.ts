import type { EventEmitter } from 'node:events';
import type { Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { SyncTrigger } from './member-sync.js';

/** What a refresh request carries from one shard process to the others. */
interface Refresh {
	userId: string;
	trigger: SyncTrigger;
	exceptGuildId?: string;
	from: number;
}

const EVENT = 'rolink:refresh';

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

	/** Runs `refreshHere` for requests from the other shard processes. */
	onRefresh(refreshHere: (userId: string, trigger: SyncTrigger, exceptGuildId?: string) => Promise<void>): void {
		(this.client as unknown as EventEmitter).on(EVENT, (request: Refresh) => {
			if (request.from !== process.pid) void refreshHere(request.userId, request.trigger, request.exceptGuildId);
		});
	}
}

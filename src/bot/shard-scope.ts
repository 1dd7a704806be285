import { ShardClientUtil, type Client } from 'discord.js';

/**
 * What this process holds. Unsharded: everything. Started by the sharding manager (src/shards.ts), its shards only:
 * Discord sends it only their guilds' events, and it resumes, sweeps and bulk-runs only their guilds.
 */
export interface ShardScope {
	/** Whether this process holds shard 0: once-per-bot work (command registration, the web service) runs here. */
	primary: boolean;
	/** Whether the guild's shard, `(guild_id >> 22) % count`, is one of this process's. */
	owns: (guildId: string) => boolean;
	/** Names state each process keeps for itself (its sweep position); undefined when unsharded. */
	key?: string;
}

export function shardScope(client: Client): ShardScope {
	const util = client.shard;
	if (!util) return { primary: true, owns: () => true };
	// Before login discord.js holds the id from SHARDS as it parsed it (a number); after, an array.
	const ids = ([] as number[]).concat(util.ids);
	const count = util.count;
	return {
		primary: ids.includes(0),
		owns: (guildId) => ids.includes(ShardClientUtil.shardIdForGuildId(guildId, count)),
		key: `shards-${ids.join('+')}-of-${count}`,
	};
}

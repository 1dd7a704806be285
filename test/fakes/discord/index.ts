/**
 * A local fake Discord (REST under /api/v10 + gateway WebSocket at /gateway, one port on 127.0.0.1) that the real
 * discord.js Client logs into.
 *
 *   const fake = await startFakeDiscord({ interactionTimeoutMs: 300 });
 *   const g = fake.addGuild({ id: GUILD, ownerId: OWNER });       // @everyone, managed 'Rolink' bot role at position 100,
 *   g.addRole({ id: R, name: 'Verified', position: 10 });          // bot + owner members, a 'general' text channel
 *   g.addMember({ userId: U, username: 'alice' });                // silent; memberJoin() dispatches GUILD_MEMBER_ADD
 *   const client = new Client({ intents, rest: { api: fake.apiUrl } }); await client.login(fake.token);
 *   const h = fake.runCommand({ guildId: GUILD, userId: U, name: 'verify', options: { user: U } });
 *   expect((await h.waitForReply()).content).toMatch(...); expect(g.member(U)!.roleIds).toContain(R);
 *
 * Sharding: `startFakeDiscord({ shards: 2 })` makes GET /gateway/bot recommend two shards; a client that IDENTIFYs with
 * `shard: [id, count]` gets only the guilds with `(guild_id >> 22) % count === id`, and their events (DMs: shard 0).
 *
 * Files: server.ts (startFakeDiscord), rest.ts (routes, auth, faults, permission rules, 3 s window), gateway.ts
 * (HELLO/IDENTIFY/READY/GUILD_CREATE, shards, RESUME replay, member chunks), interactions.ts (INTERACTION_CREATE payloads and
 * handles), state.ts (guilds/roles/members/messages and their JSON), permissions.ts (bits, hierarchy), types.ts (API).
 */
export { startFakeDiscord, DEFAULT_FAKE_TOKEN, FAKE_APPLICATION_ID, FAKE_BOT_USER_ID } from './server.js';
export { Perm, ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, PRIVILEGED_INTENTS, Intent } from './permissions.js';
export type * from './types.js';

/**
 * A local fake Discord (REST + gateway) that the real discord.js Client can log into. See server.ts for the entry point,
 * rest.ts for the routes and rules, gateway.ts for the WebSocket protocol, interactions.ts for INTERACTION_CREATE payloads.
 */
export { startFakeDiscord, DEFAULT_FAKE_TOKEN, FAKE_APPLICATION_ID, FAKE_BOT_USER_ID } from './server.js';
export { Perm, ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, PRIVILEGED_INTENTS, Intent } from './permissions.js';
export type * from './types.js';

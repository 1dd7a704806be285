/** Public surface of the Roblox layer. Everything else in this folder is an implementation detail. */
export { RobloxError, isRobloxError, type RobloxErrorCode } from './errors.js';
export { formatFilter, parseFilter, type InventoryFilter } from './filter.js';
export { createRobloxClient, type RobloxClient, type RobloxClientOptions, type UserStatus } from './client.js';
export type { ApiKeyInfo } from './apikey.js';
export { openBudgets, type Budgets } from './shared-limiter.js';
export type { MemberAuth } from './context.js';
export {
	createRobloxOAuth,
	IDENTITY_SCOPES,
	INVENTORY_SCOPE,
	type RobloxOAuth,
	type RobloxOAuthOptions,
	type RobloxSignIn,
	type TokenPair,
} from './oauth.js';
export type { RobloxLogger } from './http.js';
export { MAX_URL_LENGTH } from './ownership.js';
export * from './types.js';

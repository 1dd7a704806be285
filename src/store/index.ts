/** The persistence layer: plain data over Keyv, no discord.js. Open once with openStores(DATABASE_URL). */
export { BindingLimitError, StorageUnavailableError } from './errors.js';
export {
	type Binding,
	type BindingKind,
	type NewBinding,
	type GuildConfig,
	type GuildSettings,
	type GuildSettingsPatch,
	GuildStore,
	MAX_BINDINGS_PER_GUILD,
	defaultGuildSettings,
} from './guilds.js';
export { type Link, type LinkMethod, LinkStore } from './links.js';
export { DEFAULT_DATABASE_URL, NAMESPACES, type Namespace, type StoreLogger, type Stores, openStores } from './open.js';
export {
	CODE_WORD_COUNT,
	type PendingVerification,
	PendingStore,
	VERIFICATION_TTL_MS,
	generateVerificationCode,
} from './pending.js';
export { LINK_TICKET_TTL_MS, type LinkTicket, LinkTicketStore } from './link-tickets.js';
export { PROOF_TTL_MS, ProofStore } from './proofs.js';
export { MAX_RUN_FAILURES, type RunFailure, type RunState, RunStore, type SweepCursor } from './runs.js';
export { type MemberToken, type SealedToken, TokenCipher, TokenStore } from './tokens.js';

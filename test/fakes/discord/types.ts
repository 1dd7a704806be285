/** Public types of the fake Discord. */
import type { FakeDiscordOAuth } from './oauth.js';

export interface StartFakeDiscordOptions {
	/** Bot token the fake accepts; default 'fake-bot-token.abc.def'. */
	token?: string;
	/** Bitfield of privileged intents the application may use; default all (GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT). */
	allowedIntents?: number;
	/** The interaction acknowledge window (Discord: 3000 ms); lower it in tests. */
	interactionTimeoutMs?: number;
	/** Heartbeat interval announced in HELLO; default 41250 ms. */
	heartbeatIntervalMs?: number;
	/** The shard count GET /gateway/bot recommends (`shards`); default 1. */
	shards?: number;
	/** `session_start_limit.max_concurrency` in GET /gateway/bot (IDENTIFYs allowed per 5 s); default 1. */
	maxConcurrency?: number;
	/** IDENTIFY for a shard holding more guilds than this closes with 4011 Sharding required; default 2500 (Discord's). */
	maxGuildsPerShard?: number;
}

export interface RecordedRequest {
	method: string;
	/** Decoded path without '/api/v10', e.g. '/webhooks/1/tok/messages/@original'. */
	path: string;
	query: Record<string, string>;
	/** Lower-case header names; x-audit-log-reason is URL-decoded. */
	headers: Record<string, string>;
	/** Parsed JSON body, or the raw text when it is not JSON, or undefined. */
	body: any;
	/** The URL-decoded X-Audit-Log-Reason, if any. */
	reason?: string;
	status: number;
	/** Response body sent back (parsed), for debugging. */
	response?: any;
	at: number;
}

export interface FaultSpec {
	method?: string;
	path: RegExp;
	status: 500 | 502 | 429 | 403;
	/** How many matching requests to fail; default 1. */
	times?: number;
	/** Seconds, for 429. Default 0.1. */
	retryAfter?: number;
	global?: boolean;
	/** Discord error code in the body (default: 0, or 50013 for 403). */
	code?: number;
}

export interface CallbackRecord {
	type: number;
	data?: any;
	at: number;
}

export interface RejectedCallback extends CallbackRecord {
	status: number;
	code: number;
}

export interface InteractionHandle {
	id: string;
	token: string;
	/** Accepted POST /interactions/{id}/{token}/callback bodies, in order. */
	callbacks: CallbackRecord[];
	/** Callbacks the fake refused (late: 404/10062, duplicate: 400/40060). */
	rejectedCallbacks: RejectedCallback[];
	/** The first accepted callback. */
	waitForCallback(timeoutMs?: number): Promise<CallbackRecord>;
	/** Date.now() when INTERACTION_CREATE was handed to the gateway. */
	dispatchedAt: number;
	/**
	 * Resolves with the current original response message once it satisfies pred. Default pred: any message that is not a
	 * deferred "thinking" placeholder (flags & 128).
	 */
	waitForReply(pred?: (msg: any) => boolean, timeoutMs?: number): Promise<any>;
	/**
	 * Autocomplete only: the choices of the first callback, which must be type 8 (APPLICATION_COMMAND_AUTOCOMPLETE_RESULT);
	 * rejects when the bot answered with another type or not within the timeout.
	 */
	waitForChoices(timeoutMs?: number): Promise<{ name: string; value: string | number }[]>;
	/** undefined until there is a response. */
	original(): any;
	followUps: any[];
	/** The full INTERACTION_CREATE payload that was dispatched. */
	payload: any;
}

export interface FakeRole {
	id: string;
	name: string;
	permissions: bigint;
	position: number;
	managed: boolean;
	color: number;
	/** For managed bot roles. */
	botId?: string;
}

export interface FakeUser {
	id: string;
	username: string;
	globalName: string | null;
	bot: boolean;
}

export interface FakeMember {
	userId: string;
	user: FakeUser;
	roleIds: string[];
	nick: string | null;
	joinedAt: string;
	/** Membership Screening: true until the member accepts the server rules (see FakeDiscord.passScreening). */
	pending: boolean;
}

export interface FakeChannel {
	id: string;
	name: string;
	type: number;
	guildId?: string;
	/** DM recipient for type-1 channels. */
	recipientId?: string;
}

export interface AuditEntry {
	action: 'member_role_add' | 'member_role_remove' | 'member_update';
	userId: string;
	roleId?: string;
	changes?: any;
	reason?: string;
	at: number;
}

export interface FakeGuild {
	id: string;
	name: string;
	ownerId: string;
	/** The server's language (Server Settings → Community), sent as preferred_locale and guild_locale. Set before the bot connects. */
	preferredLocale: string;
	addRole(r: {
		id?: string;
		name: string;
		permissions?: bigint;
		position?: number;
		managed?: boolean;
		color?: number;
	}): FakeRole;
	addMember(m: {
		userId: string;
		username?: string;
		roleIds?: string[];
		nick?: string | null;
		bot?: boolean;
	}): FakeMember;
	addChannel(c: { id?: string; name: string; type?: number }): { id: string };
	member(userId: string): FakeMember | undefined;
	members(): FakeMember[];
	role(id: string): FakeRole | undefined;
	roles(): FakeRole[];
	channels(): FakeChannel[];
	/** The default text channel ('general') created with the guild. */
	defaultChannelId: string;
	setRolePosition(roleId: string, position: number): void;
	/** Change a role's permissions (dispatches GUILD_ROLE_UPDATE). */
	setRolePermissions(roleId: string, permissions: bigint): void;
	deleteRole(roleId: string): void;
	/** The managed 'Rolink' role given to the bot member (Manage Roles + Manage Nicknames). */
	botRole(): FakeRole;
	/** Messages posted by the bot with POST /channels/{id}/messages, with later edits applied. */
	messages(channelId: string): any[];
	/** Successful member edits the bot made, with their audit-log reasons. */
	auditLog: AuditEntry[];
	/** Remove a member (dispatches GUILD_MEMBER_REMOVE). */
	memberLeave(userId: string): void;
}

export interface RunCommandInput {
	guildId?: string;
	userId: string;
	name: string;
	/** 'sub' or 'group sub'. */
	subcommand?: string;
	options?: Record<string, string | number | boolean>;
	types?: Record<
		string,
		'user' | 'role' | 'channel' | 'string' | 'integer' | 'number' | 'boolean' | 'mentionable' | 'attachment'
	>;
	memberPermissions?: bigint;
	channelId?: string;
	locale?: string;
}

/** A member typing in an autocomplete option: `options` as filled so far, `focused` the option being typed in. */
export interface AutocompleteInput extends RunCommandInput {
	/** The option the member is typing in; its value in `options` is what they typed so far (sent as a string). */
	focused: string;
}

export interface PressButtonInput {
	guildId?: string;
	userId: string;
	customId: string;
	messageId?: string;
	channelId?: string;
	memberPermissions?: bigint;
	/** The presser's Discord language (default en-US). */
	locale?: string;
}

export interface FakeDiscord {
	apiUrl: string;
	/** Origin of the fake's OAuth2 pages and API (what DISCORD_OAUTH_URL points at). */
	oauthUrl: string;
	oauth: FakeDiscordOAuth;
	gatewayUrl: string;
	token: string;
	applicationId: string;
	botUserId: string;
	addGuild(g?: { id?: string; name?: string; ownerId?: string; botRoleIds?: string[] }): FakeGuild;
	guild(id: string): FakeGuild;
	addUser(u: { id: string; username?: string; bot?: boolean }): FakeUser;
	runCommand(i: RunCommandInput): InteractionHandle;
	pressButton(i: PressButtonInput): InteractionHandle;
	/** INTERACTION_CREATE type 4 (APPLICATION_COMMAND_AUTOCOMPLETE): the bot must answer with callback type 8. */
	autocomplete(i: AutocompleteInput): InteractionHandle;
	/** `pending: true` joins a server with Membership Screening: the member has not accepted the rules yet. */
	/** Submits a modal (INTERACTION_CREATE type 5) with text inputs by custom id, as Discord does after a type-9 callback. */
	submitModal(i: {
		guildId?: string;
		userId: string;
		customId: string;
		fields: Record<string, string>;
	}): InteractionHandle;
	/**
	 * Puts a file on the fake CDN, as a member's upload for an attachment option: pass the returned id as the option's
	 * value. The size Discord reports is the content's byte length unless `size` says otherwise.
	 */
	uploadAttachment(filename: string, content: string, options?: { size?: number; contentType?: string }): string;
	/** The text of a file the bot attached to a message (the fake CDN's copy). */
	attachmentText(url: string): string | undefined;
	/** Someone (a moderator) deletes a message: it is gone and MESSAGE_DELETE is dispatched. */
	deleteMessage(channelId: string, messageId: string): void;
	memberJoin(guildId: string, m: { userId: string; username?: string; pending?: boolean }): FakeMember;
	/** The member accepts the rules: `pending` becomes false and GUILD_MEMBER_UPDATE is dispatched, as Discord does. */
	passScreening(guildId: string, userId: string): void;
	requests: RecordedRequest[];
	/** First recorded request (already recorded ones included) matching pred. */
	waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
	commands: { global: any[]; guild: Map<string, any[]> };
	injectFault(f: FaultSpec): void;
	dropGateway(code?: number): void;
	identifyCount: number;
	resumeCount: number;
	/** The `shard` array of every accepted IDENTIFY, in order (`[0, 1]` for a client that sent none). */
	identifiedShards: [number, number][];
	/** The shard arrays of the sessions connected now. */
	liveShards(): [number, number][];
	/** The shard id that gets a guild's events with `shardCount` shards: `(guild_id >> 22) % shardCount`. */
	shardOf(guildId: string, shardCount: number): number;
	/** Messages the bot sent to a user's DM channel. */
	dmMessages(userId: string): any[];
	/** Resolves when at least `count` sessions have identified (READY sent). */
	waitForSessions(count?: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

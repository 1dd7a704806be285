/** In-memory state of the fake Discord, and the Discord-shaped payloads built from it. */
import { EventEmitter } from 'node:events';
import { DEFAULT_EVERYONE_PERMISSIONS, Perm, computePermissions } from './permissions.js';
import type { AuditEntry, FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser } from './types.js';

const FIXED_JOINED_AT = '2024-01-01T00:00:00.000Z';

/** Deterministic snowflakes: a fixed epoch-ish base plus a counter. */
export class Snowflakes {
	#next = 1_200_000_000_000_000_000n;
	next(): string {
		this.#next += 1n << 22n;
		return this.#next.toString();
	}
}

export type Dispatch = (t: string, d: any, opts?: { intent?: number }) => void;

export class World {
	readonly ids = new Snowflakes();
	readonly events = new EventEmitter();
	readonly users = new Map<string, FakeUser>();
	readonly guilds = new Map<string, GuildState>();
	/** GET /applications/@me `flags` (privileged-intent flags, set from the allowed intents). */
	applicationFlags = 0;
	/** DM channels by user id. */
	readonly dmChannels = new Map<string, FakeChannel>();
	readonly channelMessages = new Map<string, any[]>();
	/** Every message the bot created (channel posts, interaction responses, follow-ups) by id. */
	readonly messagesById = new Map<string, any>();
	/** Files on the fake CDN (GET /attachments/{id}/{filename}), by attachment id. */
	readonly attachments = new Map<string, { filename: string; content: string; contentType: string; json: any }>();
	dispatch: Dispatch = () => {};
	readonly botUser: FakeUser;

	constructor(
		readonly applicationId: string,
		botUserId: string,
	) {
		this.events.setMaxListeners(0);
		this.botUser = this.addUser({ id: botUserId, username: 'Rolink', bot: true });
	}

	changed(): void {
		this.events.emit('change');
	}

	addUser(u: { id: string; username?: string; bot?: boolean }): FakeUser {
		const existing = this.users.get(u.id);
		if (existing) {
			if (u.username) existing.username = u.username;
			return existing;
		}
		const user: FakeUser = {
			id: u.id,
			username: u.username ?? `user${u.id.slice(-4)}`,
			globalName: null,
			bot: u.bot ?? false,
		};
		this.users.set(u.id, user);
		return user;
	}

	user(id: string): FakeUser {
		return this.users.get(id) ?? this.addUser({ id });
	}

	dmChannel(userId: string): FakeChannel {
		let ch = this.dmChannels.get(userId);
		if (!ch) {
			ch = { id: this.ids.next(), name: '', type: 1, recipientId: userId };
			this.dmChannels.set(userId, ch);
		}
		return ch;
	}

	findChannel(id: string): FakeChannel | undefined {
		for (const g of this.guilds.values()) {
			const c = g.channelMap.get(id);
			if (c) return c;
		}
		for (const c of this.dmChannels.values()) if (c.id === id) return c;
		return undefined;
	}

	userJson(u: FakeUser): any {
		return {
			id: u.id,
			username: u.username,
			global_name: u.globalName,
			discriminator: '0',
			avatar: null,
			bot: u.bot || undefined,
			system: false,
			public_flags: 0,
			flags: 0,
			banner: null,
			accent_color: null,
			avatar_decoration_data: null,
			collectibles: null,
			primary_guild: null,
		};
	}

	channelJson(c: FakeChannel): any {
		if (c.type === 1) {
			return {
				id: c.id,
				type: 1,
				flags: 0,
				last_message_id: null,
				recipients: [this.userJson(this.user(c.recipientId ?? '0'))],
			};
		}
		const g = c.guildId ? this.guilds.get(c.guildId) : undefined;
		return {
			id: c.id,
			type: c.type,
			guild_id: c.guildId,
			name: c.name,
			position: g ? [...g.channelMap.keys()].indexOf(c.id) : 0,
			permission_overwrites: [],
			nsfw: false,
			parent_id: null,
			topic: null,
			last_message_id: null,
			rate_limit_per_user: 0,
			flags: 0,
		};
	}

	/** A message object as Discord returns it. */
	makeMessage(channelId: string, body: any, extra: Record<string, unknown> = {}): any {
		const id = this.ids.next();
		const ch = this.findChannel(channelId);
		const msg: any = {
			id,
			type: 0,
			channel_id: channelId,
			author: this.userJson(this.botUser),
			content: typeof body?.content === 'string' ? body.content : '',
			timestamp: new Date().toISOString(),
			edited_timestamp: null,
			tts: Boolean(body?.tts),
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			mention_channels: [],
			attachments: Array.isArray(body?.attachments) ? body.attachments : [],
			embeds: Array.isArray(body?.embeds) ? body.embeds : [],
			components: Array.isArray(body?.components) ? body.components : [],
			reactions: [],
			pinned: false,
			flags: typeof body?.flags === 'number' ? body.flags : 0,
			...extra,
		};
		if (ch?.guildId) msg.guild_id = ch.guildId;
		if (body?.message_reference) msg.message_reference = body.message_reference;
		this.messagesById.set(id, msg);
		return msg;
	}

	/** Stores a file on the fake CDN and returns its attachment object. */
	storeAttachment(filename: string, content: string, contentType: string, base: string): any {
		const id = this.ids.next();
		const url = `${base}/attachments/${id}/${encodeURIComponent(filename)}`;
		const json = {
			id,
			filename,
			size: Buffer.byteLength(content),
			url,
			proxy_url: url,
			content_type: contentType,
		};
		this.attachments.set(id, { filename, content, contentType, json });
		return json;
	}

	/** Deletes a stored message and dispatches MESSAGE_DELETE (GUILD_MESSAGES intent), as Discord does for anyone's delete. */
	deleteMessage(msg: any): void {
		msg.deleted = true;
		const list = this.channelMessages.get(msg.channel_id);
		if (list && list.includes(msg)) list.splice(list.indexOf(msg), 1);
		const d: any = { id: msg.id, channel_id: msg.channel_id };
		if (msg.guild_id) d.guild_id = msg.guild_id;
		this.dispatch('MESSAGE_DELETE', d, { intent: 1 << 9 });
		this.changed();
	}

	/** Apply an edit body (content/embeds/components/flags/attachments) to a stored message in place. */
	applyEdit(msg: any, body: any): any {
		if (!body || typeof body !== 'object') return msg;
		for (const k of ['content', 'embeds', 'components', 'flags', 'attachments'] as const) {
			if (k in body && body[k] !== undefined)
				msg[k] = body[k] === null ? (k === 'content' ? '' : k === 'flags' ? 0 : []) : body[k];
		}
		msg.edited_timestamp = new Date().toISOString();
		return msg;
	}
}

export class GuildState implements FakeGuild {
	readonly roleMap = new Map<string, FakeRole>();
	readonly memberMap = new Map<string, FakeMember>();
	readonly channelMap = new Map<string, FakeChannel>();
	readonly auditLog: AuditEntry[] = [];
	readonly defaultChannelId: string;
	botRoleId = '';
	preferredLocale = 'en-US';

	constructor(
		private readonly world: World,
		readonly id: string,
		public name: string,
		public ownerId: string,
	) {
		this.roleMap.set(id, {
			id,
			name: '@everyone',
			permissions: DEFAULT_EVERYONE_PERMISSIONS,
			position: 0,
			managed: false,
			color: 0,
		});
		this.defaultChannelId = this.addChannel({ name: 'general' }).id;
	}

	addRole(r: {
		id?: string;
		name: string;
		permissions?: bigint;
		position?: number;
		managed?: boolean;
		color?: number;
	}): FakeRole {
		const id = r.id ?? this.world.ids.next();
		let position = r.position;
		if (position === undefined) {
			let top = 0;
			for (const x of this.roleMap.values()) if (x.id !== this.botRoleId && x.position > top) top = x.position;
			position = top + 1;
		}
		const role: FakeRole = {
			id,
			name: r.name,
			permissions: r.permissions ?? 0n,
			position,
			managed: r.managed ?? false,
			color: r.color ?? 0,
		};
		this.roleMap.set(id, role);
		this.world.dispatch('GUILD_ROLE_CREATE', { guild_id: this.id, role: roleJson(role) });
		this.world.changed();
		return role;
	}

	addMember(m: {
		userId: string;
		username?: string;
		roleIds?: string[];
		nick?: string | null;
		bot?: boolean;
	}): FakeMember {
		const user = this.world.addUser({ id: m.userId, username: m.username, bot: m.bot });
		const member: FakeMember = {
			userId: m.userId,
			user,
			roleIds: [...(m.roleIds ?? [])],
			nick: m.nick ?? null,
			joinedAt: FIXED_JOINED_AT,
			pending: false,
		};
		this.memberMap.set(m.userId, member);
		this.world.changed();
		return member;
	}

	addChannel(c: { id?: string; name: string; type?: number }): { id: string } {
		const ch: FakeChannel = { id: c.id ?? this.world.ids.next(), name: c.name, type: c.type ?? 0, guildId: this.id };
		this.channelMap.set(ch.id, ch);
		return { id: ch.id };
	}

	member(userId: string): FakeMember | undefined {
		return this.memberMap.get(userId);
	}
	members(): FakeMember[] {
		return [...this.memberMap.values()];
	}
	role(id: string): FakeRole | undefined {
		return this.roleMap.get(id);
	}
	roles(): FakeRole[] {
		return [...this.roleMap.values()];
	}
	channels(): FakeChannel[] {
		return [...this.channelMap.values()];
	}
	botRole(): FakeRole {
		const r = this.roleMap.get(this.botRoleId);
		if (!r) throw new Error(`guild ${this.id} has no bot role`);
		return r;
	}

	setRolePosition(roleId: string, position: number): void {
		const r = this.mustRole(roleId);
		r.position = position;
		this.world.dispatch('GUILD_ROLE_UPDATE', { guild_id: this.id, role: roleJson(r) });
		this.world.changed();
	}

	setRolePermissions(roleId: string, permissions: bigint): void {
		const r = this.mustRole(roleId);
		r.permissions = permissions;
		this.world.dispatch('GUILD_ROLE_UPDATE', { guild_id: this.id, role: roleJson(r) });
		this.world.changed();
	}

	deleteRole(roleId: string): void {
		this.mustRole(roleId);
		this.roleMap.delete(roleId);
		for (const m of this.memberMap.values()) m.roleIds = m.roleIds.filter((id) => id !== roleId);
		this.world.dispatch('GUILD_ROLE_DELETE', { guild_id: this.id, role_id: roleId });
		this.world.changed();
	}

	memberLeave(userId: string): void {
		const m = this.memberMap.get(userId);
		if (!m) return;
		this.memberMap.delete(userId);
		this.world.dispatch(
			'GUILD_MEMBER_REMOVE',
			{ guild_id: this.id, user: this.world.userJson(m.user) },
			{ intent: 1 << 1 },
		);
		this.world.changed();
	}

	messages(channelId: string): any[] {
		return this.world.channelMessages.get(channelId) ?? [];
	}

	private mustRole(roleId: string): FakeRole {
		const r = this.roleMap.get(roleId);
		if (!r) throw new Error(`unknown role ${roleId} in guild ${this.id}`);
		return r;
	}

	/** Guild-level permissions of a member (owner / Administrator => all). */
	permissionsOf(userId: string): bigint {
		const m = this.memberMap.get(userId);
		return computePermissions({ id: this.id, ownerId: this.ownerId, roles: this.roleMap }, userId, m?.roleIds ?? []);
	}

	memberJson(m: FakeMember, withUser = true): any {
		const out: any = {
			nick: m.nick,
			avatar: null,
			banner: null,
			roles: [...m.roleIds],
			joined_at: m.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0,
			pending: m.pending,
			communication_disabled_until: null,
			avatar_decoration_data: null,
		};
		if (withUser) out.user = this.world.userJson(m.user);
		return out;
	}

	guildJson(): any {
		return {
			id: this.id,
			name: this.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			owner_id: this.ownerId,
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			widget_channel_id: null,
			verification_level: 0,
			default_message_notifications: 0,
			explicit_content_filter: 0,
			roles: this.roles().map(roleJson),
			emojis: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: null,
			system_channel_flags: 0,
			rules_channel_id: null,
			max_presences: null,
			max_members: 500000,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			premium_subscription_count: 0,
			preferred_locale: this.preferredLocale,
			public_updates_channel_id: null,
			max_video_channel_users: 25,
			max_stage_video_channel_users: 50,
			nsfw_level: 0,
			nsfw: false,
			stickers: [],
			premium_progress_bar_enabled: false,
			safety_alerts_channel_id: null,
			incidents_data: null,
			hub_type: null,
			latest_onboarding_question_id: null,
		};
	}

	/** The GUILD_CREATE dispatch body. */
	guildCreateJson(): any {
		return {
			...this.guildJson(),
			joined_at: FIXED_JOINED_AT,
			large: false,
			unavailable: false,
			lazy: true,
			member_count: this.memberMap.size,
			members: this.members().map((m) => this.memberJson(m)),
			channels: this.channels().map((c) => {
				const j = this.world.channelJson(c);
				delete j.guild_id;
				return j;
			}),
			threads: [],
			presences: [],
			voice_states: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
			embedded_activities: [],
			application_command_counts: {},
		};
	}
}

export function roleJson(r: FakeRole): any {
	const out: any = {
		id: r.id,
		name: r.name,
		description: null,
		color: r.color,
		colors: { primary_color: r.color, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position: r.position,
		permissions: r.permissions.toString(),
		managed: r.managed,
		mentionable: false,
		flags: 0,
	};
	if (r.botId) out.tags = { bot_id: r.botId };
	return out;
}

export const BOT_ROLE_PERMISSIONS = Perm.ManageRoles | Perm.ManageNicknames;

/**
 * The gateway: HELLO / IDENTIFY / READY / GUILD_CREATE, heartbeats, RESUME with replay, member chunks, dispatch.
 * Sharding as Discord does it: IDENTIFY's `shard: [id, count]` picks the guilds a session gets (`(guild_id >> 22) %
 * count`); events of a guild go to its shard's sessions only, events outside guilds (DMs) to shard 0.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { Intent, PRIVILEGED_INTENTS } from './permissions.js';
import type { World } from './state.js';

/** A frame's text: ws hands over a Buffer, an ArrayBuffer, or the fragments of a message as Buffer[]. */
export function frameText(raw: WebSocket.RawData): string {
	if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
	return (Buffer.isBuffer(raw) ? raw : Buffer.from(raw)).toString('utf8');
}

interface Session {
	id: string;
	intents: number;
	/** IDENTIFY's `[shard_id, shard_count]`; `[0, 1]` when the client sent none. */
	shard: [number, number];
	seq: number;
	ws: WebSocket | null;
	/** Every dispatch sent in this session, for RESUME replay. */
	sent: { s: number; payload: string }[];
}

export interface GatewayOptions {
	token: string;
	allowedIntents: number;
	heartbeatIntervalMs: number;
	url: () => string;
	/** Discord closes with 4011 (Sharding required) when one session would get more guilds than this (2,500). */
	maxGuildsPerShard: number;
}

/** The shard a guild's events go to, as Discord computes it. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The guild an event belongs to: `guild_id`, or the guild itself for GUILD_CREATE / UPDATE / DELETE. */
function guildOf(t: string, d: any): string | undefined {
	if (typeof d?.guild_id === 'string') return d.guild_id;
	if ((t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE') && typeof d?.id === 'string') return d.id;
	return undefined;
}

/** IDENTIFY's shard field when it is a valid `[id, count]` (integers, 0 <= id < count), else null. */
function parseShard(raw: unknown): [number, number] | null {
	if (raw === undefined || raw === null) return [0, 1];
	if (!Array.isArray(raw) || raw.length !== 2) return null;
	const [id, count] = raw as unknown[];
	if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
	if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
	return [id as number, count as number];
}

export class Gateway {
	readonly wss = new WebSocketServer({ noServer: true });
	readonly sessions = new Map<string, Session>();
	identifyCount = 0;
	resumeCount = 0;
	/** Every accepted IDENTIFY's shard array, in order. */
	readonly identifiedShards: [number, number][] = [];
	private sessionCounter = 0;

	constructor(
		private readonly world: World,
		private readonly opts: GatewayOptions,
	) {
		this.wss.on('connection', (ws) => this.onConnection(ws));
	}

	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		if (!path.startsWith('/gateway')) {
			socket.destroy();
			return;
		}
		this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
	}

	/**
	 * Send a dispatch to every identified session of the event's shard (buffered for replay while a session's socket is
	 * down): a guild's events to the sessions whose shard holds the guild, the rest (DMs) to shard 0.
	 */
	dispatch(t: string, d: any, opts: { intent?: number } = {}): void {
		const guildId = guildOf(t, d);
		for (const s of this.sessions.values()) {
			if (opts.intent !== undefined && (s.intents & opts.intent) === 0) continue;
			if (!this.receives(s, guildId)) continue;
			this.sendDispatch(s, t, d);
		}
	}

	/** Whether some session (connected or resumable) gets this guild's events (or, without a guild, shard 0's). */
	hasSessionFor(guildId?: string): boolean {
		for (const s of this.sessions.values()) if (this.receives(s, guildId)) return true;
		return false;
	}

	private receives(s: Session, guildId: string | undefined): boolean {
		const [id, count] = s.shard;
		return guildId === undefined ? id === 0 : shardOf(guildId, count) === id;
	}

	/** Shard arrays of the sessions with an open socket. */
	liveShards(): [number, number][] {
		return [...this.sessions.values()]
			.filter((s) => s.ws && s.ws.readyState === WebSocket.OPEN)
			.map((s) => [...s.shard] as [number, number]);
	}

	/** Number of identified sessions with an open socket. */
	liveSessions(): number {
		let n = 0;
		for (const s of this.sessions.values()) if (s.ws && s.ws.readyState === WebSocket.OPEN) n++;
		return n;
	}

	drop(code?: number): void {
		for (const s of this.sessions.values()) {
			const ws = s.ws;
			s.ws = null;
			if (!ws) continue;
			if (code === undefined || code === 1006) ws.terminate();
			else ws.close(code, 'fake discord: dropped');
		}
	}

	async close(): Promise<void> {
		for (const ws of this.wss.clients) ws.terminate();
		this.sessions.clear();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}

	private sendDispatch(s: Session, t: string, d: any): void {
		s.seq += 1;
		const payload = JSON.stringify({ op: 0, t, s: s.seq, d });
		s.sent.push({ s: s.seq, payload });
		if (s.sent.length > 2000) s.sent.splice(0, s.sent.length - 2000);
		if (s.ws && s.ws.readyState === WebSocket.OPEN) s.ws.send(payload);
	}

	private onConnection(ws: WebSocket): void {
		let session: Session | null = null;
		ws.send(
			JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['fake-discord'] } }),
		);
		ws.on('message', (raw) => {
			let msg: any;
			try {
				msg = JSON.parse(frameText(raw));
			} catch {
				ws.close(4002, 'Error while decoding payload.');
				return;
			}
			switch (msg.op) {
				case 1:
					ws.send(JSON.stringify({ op: 11 }));
					break;
				case 2:
					session = this.onIdentify(ws, msg.d);
					break;
				case 6:
					session = this.onResume(ws, msg.d);
					break;
				case 8:
					if (!session) return ws.close(4003, 'Not authenticated.');
					this.onRequestMembers(session, msg.d);
					break;
				case 3:
				case 4:
					break;
				default:
					ws.close(4001, 'Unknown opcode.');
			}
		});
		ws.on('close', (code) => {
			if (!session || session.ws !== ws) return;
			session.ws = null;
			// A client that closes with 1000/1001 ends its session (as on Discord); other closes keep it resumable.
			if (code === 1000 || code === 1001) this.sessions.delete(session.id);
			this.world.changed();
		});
		ws.on('error', () => {});
	}

	private cleanToken(t: unknown): string {
		return typeof t === 'string' ? t.replace(/^Bot\s+/i, '') : '';
	}

	private onIdentify(ws: WebSocket, d: any): Session | null {
		if (this.cleanToken(d?.token) !== this.opts.token) {
			ws.close(4004, 'Authentication failed.');
			return null;
		}
		const intents = Number(d?.intents ?? 0);
		if (intents & PRIVILEGED_INTENTS & ~this.opts.allowedIntents) {
			ws.close(4014, 'Disallowed intent(s).');
			return null;
		}
		const shard = parseShard(d?.shard);
		if (!shard) {
			ws.close(4010, 'Invalid shard.');
			return null;
		}
		const guilds = [...this.world.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
		if (guilds.length > this.opts.maxGuildsPerShard) {
			ws.close(4011, 'Sharding required.');
			return null;
		}
		this.identifyCount += 1;
		this.identifiedShards.push([...shard]);
		this.sessionCounter += 1;
		const session: Session = { id: `fake-session-${this.sessionCounter}`, intents, shard, seq: 0, ws, sent: [] };
		this.sessions.set(session.id, session);
		this.sendDispatch(session, 'READY', {
			v: 10,
			user: { ...this.world.userJson(this.world.botUser), verified: true, mfa_enabled: false, email: null },
			user_settings: {},
			private_channels: [],
			guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
			session_id: session.id,
			session_type: 'normal',
			resume_gateway_url: this.opts.url(),
			shard,
			application: { id: this.world.applicationId, flags: 0 },
			presences: [],
			relationships: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: [],
			auth: {},
			_trace: ['fake-discord'],
		});
		for (const g of guilds) this.sendDispatch(session, 'GUILD_CREATE', g.guildCreateJson());
		this.world.changed();
		return session;
	}

	private onResume(ws: WebSocket, d: any): Session | null {
		if (this.cleanToken(d?.token) !== this.opts.token) {
			ws.close(4004, 'Authentication failed.');
			return null;
		}
		const session = this.sessions.get(String(d?.session_id));
		if (!session) {
			ws.send(JSON.stringify({ op: 9, d: false }));
			return null;
		}
		const old = session.ws;
		if (old && old !== ws) old.terminate();
		session.ws = ws;
		this.resumeCount += 1;
		const from = Number(d?.seq ?? 0);
		for (const e of session.sent) if (e.s > from) ws.send(e.payload);
		this.sendDispatch(session, 'RESUMED', { _trace: ['fake-discord'] });
		this.world.changed();
		return session;
	}

	private onRequestMembers(session: Session, d: any): void {
		const guildIds: string[] = Array.isArray(d?.guild_id) ? d.guild_id : [d?.guild_id];
		for (const gid of guildIds) {
			const g = this.world.guilds.get(String(gid));
			// Discord answers only for the guilds of the session's own shard.
			if (!g || !this.receives(session, g.id)) continue;
			let members = g.members();
			const notFound: string[] = [];
			if (d?.user_ids) {
				const ids: string[] = Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
				members = ids.map((id) => g.member(id)).filter((m) => m !== undefined);
				for (const id of ids) if (!g.member(id)) notFound.push(id);
			} else {
				if ((session.intents & Intent.GuildMembers) === 0 && !d?.query) {
					session.ws?.close(4013, 'Invalid intent(s).');
					return;
				}
				const q = String(d?.query ?? '').toLowerCase();
				if (q)
					members = members.filter(
						(m) =>
							(m.nick ?? m.user.username).toLowerCase().startsWith(q) || m.user.username.toLowerCase().startsWith(q),
					);
				const limit = Number(d?.limit ?? 0);
				if (limit > 0) members = members.slice(0, limit);
			}
			const chunkSize = 1000;
			const count = Math.max(1, Math.ceil(members.length / chunkSize));
			for (let i = 0; i < count; i++) {
				const chunk: any = {
					guild_id: g.id,
					members: members.slice(i * chunkSize, (i + 1) * chunkSize).map((m) => g.memberJson(m)),
					chunk_index: i,
					chunk_count: count,
				};
				if (i === 0 && notFound.length) chunk.not_found = notFound;
				if (d?.nonce !== undefined) chunk.nonce = d.nonce;
				this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', chunk);
			}
		}
	}
}

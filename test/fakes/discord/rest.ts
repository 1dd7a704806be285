/** The REST side: routing, auth, faults, recording, and the Discord rules (permissions, hierarchy, 3-second window). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Intent, Perm, canManageRole, hasPermission, highestPosition } from './permissions.js';
import type { InteractionRecord } from './interactions.js';
import { roleJson as roleJsonOf, type GuildState, type World } from './state.js';
import type { FaultSpec, RecordedRequest } from './types.js';
import { validateDiscordPayload } from '../../helpers/discord-openapi.js';

export interface RestContext {
	world: World;
	token: string;
	interactionTimeoutMs: number;
	gatewayUrl: () => string;
	/** What GET /gateway/bot reports: the recommended shard count and the session start limit. */
	gatewayBot: () => { shards: number; maxConcurrency: number; identifies: number };
	commands: { global: any[]; guild: Map<string, any[]> };
	interactions: Map<string, InteractionRecord>;
	interactionsByToken: Map<string, InteractionRecord>;
	faults: (FaultSpec & { remaining: number })[];
	requests: RecordedRequest[];
	oauth?: { handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean };
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: any,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body?.message === 'string' ? body.message : `HTTP ${status}`);
	}
}

const err = (status: number, code: number, message: string) => new HttpError(status, { message, code });
const notFound = () => err(404, 0, '404: Not Found');
const missingPermissions = () => err(403, 50013, 'Missing Permissions');
const unknown = (
	what: 'Guild' | 'Member' | 'Role' | 'Channel' | 'Message' | 'Webhook' | 'Interaction' | 'Application' | 'User',
	code: number,
) => err(404, code, `Unknown ${what}`);

interface Req {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: any;
	reason?: string;
}

interface Res {
	status: number;
	body?: any;
	headers?: Record<string, string>;
}

type Handler = (ctx: RestContext, req: Req, params: string[]) => Res | Promise<Res>;

const ok = (body: any, status = 200): Res => ({ status, body });
const noContent = (): Res => ({ status: 204 });

export async function handleRest(ctx: RestContext, raw: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw.headers))
		if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
	let reason: string | undefined;
	if (headers['x-audit-log-reason'] !== undefined) {
		try {
			reason = decodeURIComponent(headers['x-audit-log-reason']);
		} catch {
			reason = headers['x-audit-log-reason'];
		}
		headers['x-audit-log-reason'] = reason;
	}
	const text = await readBody(raw);
	if (ctx.oauth?.handle(raw, res, url, text)) return;
	// Discord's CDN, here: files the bot uploaded, and files a test uploaded for a command's attachment option.
	const file = /^\/attachments\/(\d+)\/[^/]+$/.exec(url.pathname);
	if (file && raw.method === 'GET') {
		const stored = ctx.world.attachments.get(file[1]!);
		res.writeHead(stored ? 200 : 404, { 'content-type': stored?.contentType ?? 'text/plain' });
		res.end(stored ? stored.content : 'Not Found');
		return;
	}
	let body: any;
	if ((headers['content-type'] ?? '').startsWith('multipart/form-data')) {
		body = await multipartBody(ctx, text, headers['content-type']!, `http://${headers.host ?? '127.0.0.1'}`);
	} else if (text.length > 0) {
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
	}
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	let path = url.pathname;
	try {
		path = decodeURIComponent(path);
	} catch {
		/* keep raw */
	}
	const method = (raw.method ?? 'GET').toUpperCase();
	const record: RecordedRequest = { method, path, query, headers, body, status: 0, at: Date.now() };
	if (reason !== undefined) record.reason = reason;

	let out: Res;
	try {
		if (!path.startsWith('/api/v10/') && path !== '/api/v10') throw notFound();
		path = path.slice('/api/v10'.length) || '/';
		record.path = path;
		out = await route(ctx, { method, path, query, headers, body, reason }, record);
	} catch (e) {
		if (e instanceof HttpError) out = { status: e.status, body: e.body, headers: e.headers };
		else
			out = { status: 500, body: { message: `500: Internal Server Error (fake: ${(e as Error).message})`, code: 0 } };
	}
	record.status = out.status;
	record.response = out.body;
	ctx.requests.push(record);
	const h: Record<string, string> = { ...(out.headers ?? {}) };
	let payload = '';
	if (out.body !== undefined && out.status !== 204) {
		payload = JSON.stringify(out.body);
		h['content-type'] = 'application/json';
	}
	h['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(out.status, h);
	res.end(payload);
	ctx.world.changed();
}

/**
 * A message with files, as discord.js sends it: `payload_json` plus `files[n]`. The files are kept as attachments
 * the fake CDN serves, and the payload's `attachments` entries point at them.
 */
async function multipartBody(ctx: RestContext, text: string, contentType: string, base: string): Promise<any> {
	const form = await new Response(Buffer.from(text, 'utf8'), { headers: { 'content-type': contentType } }).formData();
	const json = form.get('payload_json');
	const body: any = typeof json === 'string' ? JSON.parse(json) : {};
	const uploaded: any[] = [];
	for (const [key, value] of form.entries()) {
		const index = /^files\[(\d+)\]$/.exec(key)?.[1];
		if (index === undefined || typeof value === 'string') continue;
		const content = await value.text();
		uploaded.push({
			...ctx.world.storeAttachment(value.name, content, value.type || 'application/octet-stream', base),
			index: Number(index),
		});
	}
	// An interaction callback carries the message in `data`; every other route has it at the top.
	const message = typeof body.type === 'number' && body.data && typeof body.data === 'object' ? body.data : body;
	const declared: any[] = Array.isArray(message.attachments) ? message.attachments : [];
	message.attachments = uploaded.map(({ index, ...attachment }) => {
		const meta = declared.find((a) => String(a.id) === String(index)) ?? {};
		return { ...attachment, ...(meta.description ? { description: meta.description } : {}) };
	});
	return body;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function route(ctx: RestContext, req: Req, record: RecordedRequest): Promise<Res> {
	const noAuth = /^\/(interactions|webhooks)\//.test(req.path);
	if (!noAuth) {
		const auth = req.headers['authorization'] ?? '';
		if (auth !== `Bot ${ctx.token}`) throw err(401, 0, '401: Unauthorized');
	}
	const fault = takeFault(ctx, req);
	if (fault) throw fault;
	for (const [method, re, handler] of ROUTES) {
		if (method !== req.method) continue;
		const m = re.exec(req.path);
		if (m) {
			record.route = re.source;
			return handler(ctx, req, m.slice(1));
		}
	}
	throw notFound();
}

declare module './types.js' {
	interface RecordedRequest {
		/** Source of the route regex that handled the request (debugging aid). */
		route?: string;
	}
}

function takeFault(ctx: RestContext, req: Req): HttpError | undefined {
	const f = ctx.faults.find(
		(x) => x.remaining > 0 && (!x.method || x.method.toUpperCase() === req.method) && x.path.test(req.path),
	);
	if (!f) return undefined;
	f.remaining -= 1;
	if (f.status === 429) {
		const retryAfter = f.retryAfter ?? 0.1;
		const headers: Record<string, string> = {
			'retry-after': String(retryAfter),
			'x-ratelimit-scope': f.global ? 'global' : 'user',
			'x-ratelimit-limit': '1',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset-after': String(retryAfter),
		};
		if (f.global) headers['x-ratelimit-global'] = 'true';
		return new HttpError(
			429,
			{ message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(f.global), code: f.code ?? 0 },
			headers,
		);
	}
	if (f.status === 403) return err(403, f.code ?? 50013, 'Missing Permissions');
	return err(f.status, f.code ?? 0, f.status === 502 ? '502: Bad Gateway' : '500: Internal Server Error');
}

// ---------------------------------------------------------------------------------------------------------------------
// helpers

function guildOf(ctx: RestContext, id: string): GuildState {
	const g = ctx.world.guilds.get(id);
	if (!g) throw unknown('Guild', 10004);
	return g;
}

function memberOf(g: GuildState, userId: string) {
	const m = g.member(userId);
	if (!m) throw unknown('Member', 10007);
	return m;
}

function checkApp(ctx: RestContext, appId: string): void {
	if (appId !== ctx.world.applicationId) throw unknown('Application', 10002);
}

function botCanEditRole(ctx: RestContext, g: GuildState, roleId: string): void {
	const botId = ctx.world.botUser.id;
	const bot = g.member(botId);
	const perms = g.permissionsOf(botId);
	if (!hasPermission(perms, Perm.ManageRoles)) throw missingPermissions();
	const role = g.role(roleId);
	if (!role) throw unknown('Role', 10011);
	if (!canManageRole({ id: g.id, ownerId: g.ownerId, roles: g.roleMap }, botId, bot?.roleIds ?? [], role))
		throw missingPermissions();
}

function botCanEditNick(ctx: RestContext, g: GuildState, targetId: string): void {
	const botId = ctx.world.botUser.id;
	if (targetId === botId) {
		const own = g.permissionsOf(botId);
		if (!hasPermission(own, Perm.ChangeNickname) && !hasPermission(own, Perm.ManageNicknames))
			throw missingPermissions();
		return;
	}
	if (!hasPermission(g.permissionsOf(botId), Perm.ManageNicknames)) throw missingPermissions();
	if (targetId === g.ownerId) throw missingPermissions();
	const bot = g.member(botId);
	const target = memberOf(g, targetId);
	if (
		botId !== g.ownerId &&
		highestPosition({ id: g.id, ownerId: g.ownerId, roles: g.roleMap }, target.roleIds) >=
			highestPosition({ id: g.id, ownerId: g.ownerId, roles: g.roleMap }, bot?.roleIds ?? [])
	)
		throw missingPermissions();
}

function memberUpdated(ctx: RestContext, g: GuildState, userId: string): void {
	const m = g.member(userId);
	if (!m) return;
	ctx.world.dispatch('GUILD_MEMBER_UPDATE', { guild_id: g.id, ...g.memberJson(m) }, { intent: Intent.GuildMembers });
}

function storeCommand(ctx: RestContext, def: any, guildId: string | undefined, previous: any[]): any {
	const prev = previous.find(
		(c) => (def.id && c.id === def.id) || (c.name === def.name && (c.type ?? 1) === (def.type ?? 1)),
	);
	const out: any = {
		id: prev?.id ?? ctx.world.ids.next(),
		application_id: ctx.world.applicationId,
		version: ctx.world.ids.next(),
		type: def.type ?? 1,
		name: def.name,
		name_localizations: def.name_localizations ?? null,
		description: def.description ?? '',
		description_localizations: def.description_localizations ?? null,
		default_member_permissions: def.default_member_permissions ?? null,
		dm_permission: def.dm_permission ?? true,
		nsfw: def.nsfw ?? false,
		contexts: def.contexts ?? null,
		integration_types: def.integration_types ?? [0],
		options: def.options ?? [],
	};
	if (guildId) {
		out.guild_id = guildId;
		delete out.dm_permission;
	}
	return out;
}

/**
 * GET …/commands as Discord answers it: the localization maps only with `with_localizations=true`; without it,
 * the names and descriptions as they are (Discord would put the caller's locale in name_localized).
 */
function listedCommands(commands: any[], query: Record<string, string>): any[] {
	if (query.with_localizations === 'true') return commands;
	const strip = (node: any): any => {
		if (Array.isArray(node)) return node.map(strip);
		if (typeof node !== 'object' || node === null) return node;
		const out: any = {};
		for (const [key, value] of Object.entries(node))
			if (key !== 'name_localizations' && key !== 'description_localizations') out[key] = strip(value);
		return out;
	};
	return strip(commands);
}

function interactionByToken(ctx: RestContext, appId: string, token: string): InteractionRecord {
	if (appId !== ctx.world.applicationId) throw unknown('Webhook', 10015);
	const rec = ctx.interactionsByToken.get(token);
	if (!rec) throw unknown('Webhook', 10015);
	return rec;
}

function channelMessages(ctx: RestContext, channelId: string): any[] {
	let list = ctx.world.channelMessages.get(channelId);
	if (!list) {
		list = [];
		ctx.world.channelMessages.set(channelId, list);
	}
	return list;
}

function validateMessageBody(body: any): void {
	if (body === undefined || body === null || typeof body !== 'object')
		throw err(400, 50006, 'Cannot send an empty message');
	if (typeof body.content === 'string' && body.content.length > 2000)
		throw new HttpError(400, {
			message: 'Invalid Form Body',
			code: 50035,
			errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
		});
}

function isEmptyMessage(body: any): boolean {
	return !(
		body?.content ||
		(body?.embeds?.length ?? 0) > 0 ||
		(body?.components?.length ?? 0) > 0 ||
		(body?.attachments?.length ?? 0) > 0 ||
		body?.poll
	);
}

// ---------------------------------------------------------------------------------------------------------------------
// routes

const S = '(\\d+)';
const T = '([^/]+)';
const r = (src: string) => new RegExp(`^${src}/?$`);

const ROUTES: [string, RegExp, Handler][] = [
	[
		'GET',
		r('/gateway/bot'),
		(ctx) => {
			const { shards, maxConcurrency, identifies } = ctx.gatewayBot();
			return ok({
				url: ctx.gatewayUrl(),
				shards,
				session_start_limit: {
					total: 1000,
					remaining: Math.max(0, 1000 - identifies),
					reset_after: 14_400_000,
					max_concurrency: maxConcurrency,
				},
			});
		},
	],
	['GET', r('/gateway'), (ctx) => ok({ url: ctx.gatewayUrl() })],
	[
		'GET',
		r('/users/@me'),
		(ctx) =>
			ok({
				...ctx.world.userJson(ctx.world.botUser),
				verified: true,
				mfa_enabled: false,
				locale: 'en-US',
				email: null,
			}),
	],
	[
		'GET',
		r('/users/@me/guilds'),
		(ctx) =>
			ok(
				[...ctx.world.guilds.values()].map((g) => ({
					id: g.id,
					name: g.name,
					icon: null,
					owner: false,
					permissions: '0',
					features: [],
				})),
			),
	],
	[
		'GET',
		r(`/users/${S}`),
		(ctx, _q, [id]) => {
			const u = ctx.world.users.get(id!);
			if (!u) throw unknown('User', 10013);
			return ok(ctx.world.userJson(u));
		},
	],
	[
		'GET',
		r('/applications/@me'),
		(ctx) =>
			ok({
				id: ctx.world.applicationId,
				name: 'Rolink',
				icon: null,
				description: '',
				bot_public: true,
				bot_require_code_grant: false,
				bot: ctx.world.userJson(ctx.world.botUser),
				owner: ctx.world.userJson(ctx.world.user('1')),
				team: null,
				verify_key: '0'.repeat(64),
				flags: ctx.world.applicationFlags,
				approximate_guild_count: ctx.world.guilds.size,
				install_params: null,
				integration_types_config: { '0': {} },
				tags: [],
				redirect_uris: [],
				interactions_endpoint_url: null,
				role_connections_verification_url: null,
				event_webhooks_url: null,
				event_webhooks_status: 1,
				event_webhooks_types: [],
			}),
	],
	// ---- application commands
	[
		'GET',
		r(`/applications/${S}/commands`),
		(ctx, q, [app]) => {
			checkApp(ctx, app!);
			return ok(listedCommands(ctx.commands.global, q.query));
		},
	],
	[
		'PUT',
		r(`/applications/${S}/commands`),
		(ctx, q, [app]) => {
			checkApp(ctx, app!);
			if (!Array.isArray(q.body)) throw err(400, 50035, 'Invalid Form Body');
			const prev = ctx.commands.global;
			ctx.commands.global = q.body.map((d: any) => storeCommand(ctx, d, undefined, prev));
			return ok(ctx.commands.global);
		},
	],
	[
		'POST',
		r(`/applications/${S}/commands`),
		(ctx, q, [app]) => {
			checkApp(ctx, app!);
			const cmd = storeCommand(ctx, q.body, undefined, ctx.commands.global);
			ctx.commands.global = [...ctx.commands.global.filter((c) => c.id !== cmd.id), cmd];
			return ok(cmd, 201);
		},
	],
	[
		'DELETE',
		r(`/applications/${S}/commands/${S}`),
		(ctx, _q, [app, id]) => {
			checkApp(ctx, app!);
			const before = ctx.commands.global.length;
			ctx.commands.global = ctx.commands.global.filter((c) => c.id !== id);
			if (ctx.commands.global.length === before) throw err(404, 10063, 'Unknown application command');
			return noContent();
		},
	],
	[
		'GET',
		r(`/applications/${S}/guilds/${S}/commands`),
		(ctx, q, [app, gid]) => {
			checkApp(ctx, app!);
			guildOf(ctx, gid!);
			return ok(listedCommands(ctx.commands.guild.get(gid!) ?? [], q.query));
		},
	],
	[
		'PUT',
		r(`/applications/${S}/guilds/${S}/commands`),
		(ctx, q, [app, gid]) => {
			checkApp(ctx, app!);
			guildOf(ctx, gid!);
			if (!Array.isArray(q.body)) throw err(400, 50035, 'Invalid Form Body');
			const prev = ctx.commands.guild.get(gid!) ?? [];
			const next = q.body.map((d: any) => storeCommand(ctx, d, gid, prev));
			ctx.commands.guild.set(gid!, next);
			return ok(next);
		},
	],
	[
		'POST',
		r(`/applications/${S}/guilds/${S}/commands`),
		(ctx, q, [app, gid]) => {
			checkApp(ctx, app!);
			guildOf(ctx, gid!);
			const prev = ctx.commands.guild.get(gid!) ?? [];
			const cmd = storeCommand(ctx, q.body, gid, prev);
			ctx.commands.guild.set(gid!, [...prev.filter((c) => c.id !== cmd.id), cmd]);
			return ok(cmd, 201);
		},
	],
	// ---- interactions
	['POST', r(`/interactions/${S}/${T}/callback`), (ctx, q, [id, token]) => interactionCallback(ctx, q, id!, token!)],
	[
		'GET',
		r(`/webhooks/${S}/${T}/messages/@original`),
		(ctx, _q, [app, token]) => {
			const rec = interactionByToken(ctx, app!, token!);
			if (!rec.originalMessage || !rec.originalIsResponse) throw unknown('Message', 10008);
			return ok(rec.originalMessage);
		},
	],
	[
		'PATCH',
		r(`/webhooks/${S}/${T}/messages/@original`),
		(ctx, q, [app, token]) => {
			const rec = interactionByToken(ctx, app!, token!);
			if (!rec.acknowledged || !rec.originalMessage) throw unknown('Message', 10008);
			validateMessageBody(q.body);
			const msg = rec.originalMessage;
			ctx.world.applyEdit(msg, q.body);
			if ((msg.flags & 128) !== 0) msg.flags &= ~128; // the deferred "thinking" state ends with the first edit
			rec.originalIsResponse = true;
			return ok(msg);
		},
	],
	[
		'DELETE',
		r(`/webhooks/${S}/${T}/messages/@original`),
		(ctx, _q, [app, token]) => {
			const rec = interactionByToken(ctx, app!, token!);
			if (!rec.originalMessage || !rec.originalIsResponse) throw unknown('Message', 10008);
			rec.originalMessage.deleted = true;
			rec.originalMessage = undefined;
			rec.originalIsResponse = false;
			return noContent();
		},
	],
	[
		'POST',
		r(`/webhooks/${S}/${T}`),
		(ctx, q, [app, token]) => {
			const rec = interactionByToken(ctx, app!, token!);
			if (!rec.acknowledged) throw unknown('Webhook', 10015);
			validateMessageBody(q.body);
			if (isEmptyMessage(q.body)) throw err(400, 50006, 'Cannot send an empty message');
			const msg = ctx.world.makeMessage(rec.payload.channel_id, q.body, {
				webhook_id: ctx.world.applicationId,
				application_id: ctx.world.applicationId,
				type: 0,
			});
			rec.followUps.push(msg);
			return q.query.wait === 'true' ? ok(msg) : noContent();
		},
	],
	[
		'GET',
		r(`/webhooks/${S}/${T}/messages/${S}`),
		(ctx, _q, [app, token, mid]) => {
			const rec = interactionByToken(ctx, app!, token!);
			const msg =
				rec.followUps.find((m) => m.id === mid) ?? (rec.originalMessage?.id === mid ? rec.originalMessage : undefined);
			if (!msg) throw unknown('Message', 10008);
			return ok(msg);
		},
	],
	[
		'PATCH',
		r(`/webhooks/${S}/${T}/messages/${S}`),
		(ctx, q, [app, token, mid]) => {
			const rec = interactionByToken(ctx, app!, token!);
			const msg =
				rec.followUps.find((m) => m.id === mid) ?? (rec.originalMessage?.id === mid ? rec.originalMessage : undefined);
			if (!msg) throw unknown('Message', 10008);
			validateMessageBody(q.body);
			return ok(ctx.world.applyEdit(msg, q.body));
		},
	],
	[
		'DELETE',
		r(`/webhooks/${S}/${T}/messages/${S}`),
		(ctx, _q, [app, token, mid]) => {
			const rec = interactionByToken(ctx, app!, token!);
			const idx = rec.followUps.findIndex((m) => m.id === mid);
			if (idx < 0) throw unknown('Message', 10008);
			rec.followUps[idx].deleted = true;
			return noContent();
		},
	],
	// ---- guilds
	[
		'GET',
		r(`/guilds/${S}`),
		(ctx, q, [gid]) => {
			const g = guildOf(ctx, gid!);
			const out = g.guildJson();
			if (q.query.with_counts === 'true') {
				out.approximate_member_count = g.memberMap.size;
				out.approximate_presence_count = 0;
			}
			return ok(out);
		},
	],
	[
		'GET',
		r(`/guilds/${S}/roles`),
		(ctx, _q, [gid]) =>
			ok(
				guildOf(ctx, gid!)
					.roles()
					.map((x) => roleJsonOf(x)),
			),
	],
	[
		'GET',
		r(`/guilds/${S}/channels`),
		(ctx, _q, [gid]) =>
			ok(
				guildOf(ctx, gid!)
					.channels()
					.map((c) => ctx.world.channelJson(c)),
			),
	],
	[
		'GET',
		r(`/guilds/${S}/members`),
		(ctx, q, [gid]) => {
			const g = guildOf(ctx, gid!);
			const limit = Math.min(Math.max(Number(q.query.limit ?? 1) || 1, 1), 1000);
			const after = BigInt(q.query.after ?? '0');
			const list = g
				.members()
				.filter((m) => BigInt(m.userId) > after)
				.sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
				.slice(0, limit);
			return ok(list.map((m) => g.memberJson(m)));
		},
	],
	[
		'GET',
		r(`/guilds/${S}/members/search`),
		(ctx, q, [gid]) => {
			const g = guildOf(ctx, gid!);
			const query = (q.query.query ?? '').toLowerCase();
			const limit = Math.min(Number(q.query.limit ?? 1) || 1, 1000);
			const list = g
				.members()
				.filter(
					(m) => m.user.username.toLowerCase().startsWith(query) || (m.nick ?? '').toLowerCase().startsWith(query),
				);
			return ok(list.slice(0, limit).map((m) => g.memberJson(m)));
		},
	],
	[
		'GET',
		r(`/guilds/${S}/members/${S}`),
		(ctx, _q, [gid, uid]) => {
			const g = guildOf(ctx, gid!);
			return ok(g.memberJson(memberOf(g, uid!)));
		},
	],
	['PATCH', r(`/guilds/${S}/members/@me`), (ctx, q, [gid]) => patchMember(ctx, q, gid!, ctx.world.botUser.id)],
	['PATCH', r(`/guilds/${S}/members/${S}`), (ctx, q, [gid, uid]) => patchMember(ctx, q, gid!, uid!)],
	[
		'PUT',
		r(`/guilds/${S}/members/${S}/roles/${S}`),
		(ctx, q, [gid, uid, rid]) => {
			const g = guildOf(ctx, gid!);
			const m = memberOf(g, uid!);
			if (!g.role(rid!)) throw unknown('Role', 10011);
			botCanEditRole(ctx, g, rid!);
			if (!m.roleIds.includes(rid!)) {
				m.roleIds.push(rid!);
				g.auditLog.push({ action: 'member_role_add', userId: uid!, roleId: rid!, reason: q.reason, at: Date.now() });
				memberUpdated(ctx, g, uid!);
			}
			return noContent();
		},
	],
	[
		'DELETE',
		r(`/guilds/${S}/members/${S}/roles/${S}`),
		(ctx, q, [gid, uid, rid]) => {
			const g = guildOf(ctx, gid!);
			const m = memberOf(g, uid!);
			if (!g.role(rid!)) throw unknown('Role', 10011);
			botCanEditRole(ctx, g, rid!);
			if (m.roleIds.includes(rid!)) {
				m.roleIds = m.roleIds.filter((x) => x !== rid);
				g.auditLog.push({ action: 'member_role_remove', userId: uid!, roleId: rid!, reason: q.reason, at: Date.now() });
				memberUpdated(ctx, g, uid!);
			}
			return noContent();
		},
	],
	// ---- channels & messages
	[
		'GET',
		r(`/channels/${S}`),
		(ctx, _q, [cid]) => {
			const ch = ctx.world.findChannel(cid!);
			if (!ch) throw unknown('Channel', 10003);
			return ok(ctx.world.channelJson(ch));
		},
	],
	[
		'POST',
		r(`/channels/${S}/messages`),
		(ctx, q, [cid]) => {
			const ch = ctx.world.findChannel(cid!);
			if (!ch) throw unknown('Channel', 10003);
			validateMessageBody(q.body);
			if (isEmptyMessage(q.body)) throw err(400, 50006, 'Cannot send an empty message');
			if (ch.guildId) {
				const g = guildOf(ctx, ch.guildId);
				const perms = g.permissionsOf(ctx.world.botUser.id);
				if (!hasPermission(perms, Perm.ViewChannel) || !hasPermission(perms, Perm.SendMessages))
					throw missingPermissions();
			}
			const msg = ctx.world.makeMessage(cid!, q.body);
			channelMessages(ctx, cid!).push(msg);
			ctx.world.dispatch('MESSAGE_CREATE', { ...msg }, { intent: ch.guildId ? 1 << 9 : 1 << 12 });
			return ok(msg);
		},
	],
	[
		'GET',
		r(`/channels/${S}/messages/${S}`),
		(ctx, _q, [cid, mid]) => {
			const msg = ctx.world.messagesById.get(mid!);
			if (!msg || msg.channel_id !== cid || msg.deleted) throw unknown('Message', 10008);
			return ok(msg);
		},
	],
	[
		'PATCH',
		r(`/channels/${S}/messages/${S}`),
		(ctx, q, [cid, mid]) => {
			const msg = ctx.world.messagesById.get(mid!);
			if (!msg || msg.channel_id !== cid || msg.deleted) throw unknown('Message', 10008);
			validateMessageBody(q.body);
			ctx.world.applyEdit(msg, q.body);
			return ok(msg);
		},
	],
	[
		'DELETE',
		r(`/channels/${S}/messages/${S}`),
		(ctx, _q, [cid, mid]) => {
			const msg = ctx.world.messagesById.get(mid!);
			if (!msg || msg.channel_id !== cid || msg.deleted) throw unknown('Message', 10008);
			ctx.world.deleteMessage(msg);
			return noContent();
		},
	],
	[
		'POST',
		r('/users/@me/channels'),
		(ctx, q) => {
			const rid = String(q.body?.recipient_id ?? '');
			if (!ctx.world.users.has(rid)) throw err(400, 50007, 'Cannot send messages to this user');
			return ok(ctx.world.channelJson(ctx.world.dmChannel(rid)));
		},
	],
];

function patchMember(ctx: RestContext, q: Req, gid: string, uid: string): Res {
	const g = guildOf(ctx, gid);
	const m = memberOf(g, uid);
	const body = q.body ?? {};
	let newRoles: string[] | undefined;
	if ('roles' in body && body.roles !== undefined) {
		const wanted: string[] = [...new Set<string>((body.roles ?? []).filter((x: unknown) => typeof x === 'string'))];
		for (const id of wanted) if (!g.role(id)) throw err(400, 10011, 'Unknown Role');
		const changed = [
			...wanted.filter((id) => !m.roleIds.includes(id)),
			...m.roleIds.filter((id) => !wanted.includes(id)),
		];
		for (const id of changed) botCanEditRole(ctx, g, id);
		if (changed.length > 0 && !hasPermission(g.permissionsOf(ctx.world.botUser.id), Perm.ManageRoles))
			throw missingPermissions();
		newRoles = wanted;
	}
	let newNick: string | null | undefined;
	if ('nick' in body && body.nick !== undefined) {
		const nick = body.nick === '' ? null : body.nick;
		if (typeof nick === 'string' && nick.length > 32)
			throw new HttpError(400, {
				message: 'Invalid Form Body',
				code: 50035,
				errors: {
					nick: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' }] },
				},
			});
		if (nick !== m.nick) botCanEditNick(ctx, g, uid);
		newNick = nick;
	}
	const changes: any = {};
	if (newRoles !== undefined) {
		changes.roles = { old: [...m.roleIds], new: newRoles };
		m.roleIds = newRoles;
	}
	if (newNick !== undefined) {
		changes.nick = { old: m.nick, new: newNick };
		m.nick = newNick;
	}
	if (Object.keys(changes).length > 0) {
		g.auditLog.push({ action: 'member_update', userId: uid, changes, reason: q.reason, at: Date.now() });
		memberUpdated(ctx, g, uid);
	}
	return ok(g.memberJson(m));
}

function interactionCallback(ctx: RestContext, q: Req, id: string, token: string): Res {
	const rec = ctx.interactions.get(id);
	const now = Date.now();
	const type = Number(q.body?.type);
	const data = q.body?.data ?? undefined;
	if (!rec || rec.token !== token) throw err(404, 10062, 'Unknown interaction');
	if (rec.acknowledged) {
		rec.rejectedCallbacks.push({ type, data, at: now, status: 400, code: 40060 });
		throw err(400, 40060, 'Interaction has already been acknowledged.');
	}
	if (now - rec.dispatchedAt > ctx.interactionTimeoutMs) {
		rec.rejectedCallbacks.push({ type, data, at: now, status: 404, code: 10062 });
		throw err(404, 10062, 'Unknown interaction');
	}
	const isComponent = rec.payload.type === 3 || rec.payload.type === 5;
	const isAutocomplete = rec.payload.type === 4;
	// Discord: an autocomplete interaction takes only a type-8 answer, and type 8 answers nothing else.
	if (isAutocomplete !== (type === 8))
		throw err(400, 50035, 'Invalid Form Body (interaction callback type not allowed for this interaction)');
	const extra = {
		webhook_id: ctx.world.applicationId,
		application_id: ctx.world.applicationId,
		interaction_metadata: {
			id: rec.id,
			type: rec.payload.type,
			user: rec.payload.member?.user ?? rec.payload.user,
			authorizing_integration_owners: rec.payload.authorizing_integration_owners,
		},
	};
	switch (type) {
		case 4: {
			validateMessageBody(data ?? {});
			if (isEmptyMessage(data)) throw err(400, 50006, 'Cannot send an empty message');
			rec.originalMessage = ctx.world.makeMessage(rec.payload.channel_id, data, {
				...extra,
				type: rec.payload.type === 2 ? 20 : 19,
			});
			rec.originalIsResponse = true;
			break;
		}
		case 5: {
			rec.originalMessage = ctx.world.makeMessage(
				rec.payload.channel_id,
				{ content: '', flags: ((data?.flags ?? 0) as number) | 128 },
				{ ...extra, type: rec.payload.type === 2 ? 20 : 19 },
			);
			rec.originalIsResponse = true;
			break;
		}
		case 6:
		case 7: {
			if (!isComponent)
				throw err(400, 50035, 'Invalid Form Body (interaction callback type not allowed for this interaction)');
			const src = rec.sourceMessage;
			rec.originalMessage = src;
			if (type === 7) {
				validateMessageBody(data ?? {});
				ctx.world.applyEdit(src, data ?? {});
			}
			rec.originalIsResponse = true;
			break;
		}
		case 8: {
			// At most 25 choices, names of 1–100 characters, values up to 6000: Discord's schema, checked whole.
			const problems = validateDiscordPayload('interaction-callback', q.body);
			if (problems.length) throw err(400, 50035, `Invalid Form Body (${problems.join('; ')})`);
			break;
		}
		case 9:
		case 10:
		case 12:
			break;
		case 1:
		default:
			throw err(400, 50035, 'Invalid Form Body');
	}
	rec.callbacks.push({ type, data, at: now });
	if (q.query.with_response === 'true') {
		const message = type === 9 || type === 8 ? undefined : rec.originalMessage;
		return ok({
			interaction: {
				id: rec.id,
				type: rec.payload.type,
				activity_instance_id: null,
				response_message_id: message?.id ?? null,
				response_message_loading: type === 5,
				response_message_ephemeral: Boolean((message?.flags ?? 0) & 64),
			},
			resource: message ? { type, message } : { type },
		});
	}
	return noContent();
}

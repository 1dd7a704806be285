/** startFakeDiscord(): one HTTP server on 127.0.0.1 serving REST under /api/v10 and the gateway WebSocket at /gateway. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway, shardOf } from './gateway.js';
import {
	InteractionRecord,
	buildAutocompletePayload,
	buildButtonPayload,
	buildCommandPayload,
	buildModalPayload,
} from './interactions.js';
import { Intent, PRIVILEGED_INTENTS } from './permissions.js';
import { handleRest, type RestContext } from './rest.js';
import { BOT_ROLE_PERMISSIONS, GuildState, World } from './state.js';
import type {
	FakeDiscord,
	FakeMember,
	FaultSpec,
	InteractionHandle,
	PressButtonInput,
	RecordedRequest,
	RunCommandInput,
	StartFakeDiscordOptions,
} from './types.js';
import { waitUntil } from './wait.js';
import { createFakeDiscordOAuth } from './oauth.js';

export const DEFAULT_FAKE_TOKEN = 'fake-bot-token.abc.def';
export const FAKE_APPLICATION_ID = '1100000000000000001';
export const FAKE_BOT_USER_ID = '1100000000000000001';

export async function startFakeDiscord(opts: StartFakeDiscordOptions = {}): Promise<FakeDiscord> {
	const token = opts.token ?? DEFAULT_FAKE_TOKEN;
	const world = new World(FAKE_APPLICATION_ID, FAKE_BOT_USER_ID);
	let port = 0;
	const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
	const gateway = new Gateway(world, {
		token,
		allowedIntents: opts.allowedIntents ?? PRIVILEGED_INTENTS,
		heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
		url: gatewayUrl,
		maxGuildsPerShard: opts.maxGuildsPerShard ?? 2500,
	});
	world.dispatch = (t, d, o) => gateway.dispatch(t, d, o);
	// Application flags as the Developer Portal sets them: GATEWAY_GUILD_MEMBERS (1 << 14) when the intent is allowed.
	world.applicationFlags = ((opts.allowedIntents ?? PRIVILEGED_INTENTS) & Intent.GuildMembers) !== 0 ? 1 << 14 : 0;

	const ctx: RestContext = {
		world,
		token,
		interactionTimeoutMs: opts.interactionTimeoutMs ?? 3000,
		gatewayUrl,
		gatewayBot: () => ({
			shards: opts.shards ?? 1,
			maxConcurrency: opts.maxConcurrency ?? 1,
			identifies: gateway.identifyCount,
		}),
		commands: { global: [], guild: new Map() },
		interactions: new Map(),
		interactionsByToken: new Map(),
		faults: [],
		requests: [],
	};
	const oauth = createFakeDiscordOAuth(world);
	ctx.oauth = oauth;

	const server = createServer((req, res) => {
		handleRest(ctx, req, res).catch((e) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: String(e), code: 0 }));
		});
	});
	server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;

	const register = (payload: any, source?: any): InteractionHandle => {
		if (gateway.sessions.size === 0)
			throw new Error('fake discord: no gateway session has identified yet (log the client in first)');
		if (!gateway.hasSessionFor(payload.guild_id))
			throw new Error(
				`fake discord: no gateway session holds the shard of ${payload.guild_id ? `guild ${payload.guild_id}` : 'DMs (shard 0)'}`,
			);
		const rec = new InteractionRecord(world, payload.id, payload.token, payload, source);
		ctx.interactions.set(rec.id, rec);
		ctx.interactionsByToken.set(rec.token, rec);
		rec.dispatchedAt = Date.now();
		gateway.dispatch('INTERACTION_CREATE', payload);
		return rec;
	};

	const fake: FakeDiscord = {
		apiUrl: `http://127.0.0.1:${port}/api`,
		oauthUrl: `http://127.0.0.1:${port}`,
		oauth,
		gatewayUrl: gatewayUrl(),
		token,
		applicationId: world.applicationId,
		botUserId: world.botUser.id,
		requests: ctx.requests,
		commands: ctx.commands,
		get identifyCount() {
			return gateway.identifyCount;
		},
		get resumeCount() {
			return gateway.resumeCount;
		},
		identifiedShards: gateway.identifiedShards,
		liveShards: () => gateway.liveShards(),
		shardOf,

		addGuild(g = {}) {
			const id = g.id ?? world.ids.next();
			if (world.guilds.has(id)) throw new Error(`guild ${id} already exists`);
			const ownerId = g.ownerId ?? world.ids.next();
			const guild = new GuildState(world, id, g.name ?? `Guild ${id.slice(-4)}`, ownerId);
			const [botRoleId, ...otherBotRoles] = g.botRoleIds ?? [];
			const botRole = {
				id: botRoleId ?? world.ids.next(),
				name: 'Rolink',
				permissions: BOT_ROLE_PERMISSIONS,
				position: 100,
				managed: true,
				color: 0,
				botId: world.botUser.id,
			};
			guild.roleMap.set(botRole.id, botRole);
			guild.botRoleId = botRole.id;
			guild.addMember({
				userId: world.botUser.id,
				username: world.botUser.username,
				bot: true,
				roleIds: [botRole.id, ...otherBotRoles],
			});
			if (!guild.member(ownerId)) guild.addMember({ userId: ownerId, username: `owner${ownerId.slice(-4)}` });
			world.guilds.set(id, guild);
			gateway.dispatch('GUILD_CREATE', guild.guildCreateJson());
			return guild;
		},
		guild(id) {
			const g = world.guilds.get(id);
			if (!g) throw new Error(`fake discord: unknown guild ${id}`);
			return g;
		},
		addUser: (u) => world.addUser(u),
		runCommand(i: RunCommandInput) {
			return register(buildCommandPayload(world, ctx.commands, i));
		},
		autocomplete(i) {
			return register(buildAutocompletePayload(world, ctx.commands, i));
		},
		pressButton(i: PressButtonInput) {
			const { payload, message } = buildButtonPayload(world, i);
			return register(payload, message);
		},
		uploadAttachment(filename, content, options = {}) {
			const json = world.storeAttachment(
				filename,
				content,
				options.contentType ?? 'application/json',
				`http://127.0.0.1:${port}`,
			);
			if (options.size !== undefined) json.size = options.size;
			return json.id as string;
		},
		attachmentText(url) {
			const id = /\/attachments\/(\d+)\//.exec(url)?.[1];
			return id ? world.attachments.get(id)?.content : undefined;
		},
		submitModal(i) {
			return register(buildModalPayload(world, i));
		},
		deleteMessage(channelId, messageId) {
			const msg = world.messagesById.get(messageId);
			if (!msg || msg.channel_id !== channelId || msg.deleted)
				throw new Error(`fake discord: no message ${messageId} in ${channelId}`);
			world.deleteMessage(msg);
		},
		memberJoin(guildId, m): FakeMember {
			const g = world.guilds.get(guildId);
			if (!g) throw new Error(`fake discord: unknown guild ${guildId}`);
			const member = g.addMember({ userId: m.userId, username: m.username });
			member.joinedAt = new Date().toISOString();
			member.pending = m.pending ?? false;
			gateway.dispatch(
				'GUILD_MEMBER_ADD',
				{ guild_id: guildId, ...g.memberJson(member) },
				{ intent: Intent.GuildMembers },
			);
			return member;
		},
		passScreening(guildId, userId) {
			const g = world.guilds.get(guildId);
			const member = g?.member(userId);
			if (!g || !member) throw new Error(`fake discord: ${userId} is not a member of ${guildId}`);
			member.pending = false;
			gateway.dispatch(
				'GUILD_MEMBER_UPDATE',
				{ guild_id: guildId, ...g.memberJson(member) },
				{ intent: Intent.GuildMembers },
			);
			world.changed();
		},
		waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000) {
			return waitUntil(
				world.events,
				() => ctx.requests.find(pred),
				timeoutMs,
				() =>
					`no matching request; recorded: ${ctx.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ') || '(none)'}`,
			);
		},
		injectFault(f: FaultSpec) {
			ctx.faults.push({ ...f, remaining: f.times ?? 1 });
		},
		dropGateway(code?: number) {
			gateway.drop(code);
		},
		dmMessages(userId) {
			const ch = world.dmChannels.get(userId);
			return ch ? (world.channelMessages.get(ch.id) ?? []) : [];
		},
		waitForSessions(count = 1, timeoutMs = 10_000) {
			return waitUntil(
				world.events,
				() => (gateway.liveSessions() >= count ? true : undefined),
				timeoutMs,
				() => `only ${gateway.liveSessions()} live gateway session(s)`,
			).then(() => undefined);
		},
		async close() {
			await gateway.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return fake;
}

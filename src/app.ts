import { Events, type Client } from 'discord.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createRobloxClient, openBudgets, type RobloxClient } from './roblox/index.js';
import { openStores, type Stores } from './store/index.js';
import { AuditLog } from './bot/audit.js';
import { DiscordMemberPorts } from './bot/bulk-ports.js';
import { HeldRemovals } from './bot/held-removals.js';
import { createDiscordClient, FATAL_GATEWAY_CODES, TOKEN_REJECTED_HTTP, unreachableDiscord } from './bot/client.js';
import type { BotContext } from './bot/context.js';
import { createRateLimits } from './bot/cooldown.js';
import { loadCommands } from './bot/load-commands.js';
import { attachMemberJoin } from './bot/member-join.js';
import { attachRoleDelete } from './bot/role-delete.js';
import { attachPanelWatch } from './bot/verify-panel.js';
import { MemberSync } from './bot/member-sync.js';
import { registerCommands } from './bot/register-commands.js';
import { InteractionRouter } from './bot/router.js';
import { BulkRunner } from './roles/bulk.js';
import { Sweeper } from './roles/sweep.js';
import { createLinkedPort } from './bot/web-link-port.js';
import { shardScope } from './bot/shard-scope.js';
import { ShardRelay } from './bot/shard-relay.js';
import type { LinkedPort, WebService } from './web/server.js';

/** A problem the operator must fix (bad token, refused intent): main prints the message alone and exits 1. */
export class StartupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StartupError';
	}
}

export interface App {
	client: Client;
	ctx: BotContext;
	stop(): Promise<void>;
}

export interface AppOptions {
	/** Tests shorten these; production uses the defaults. */
	bulk?: ConstructorParameters<typeof BulkRunner>[2];
	roblox?: Partial<Parameters<typeof createRobloxClient>[0]>;
	sweep?: boolean;
	/** Tests: the web service's clock and rate limit. */
	web?: { now?: () => number; rateLimitPerMinute?: number };
	/** Tests: the clock of the gone-account grace period (days pass in milliseconds). */
	now?: () => number;
	/** Sweep timings (tests shorten the retry delay). */
	sweepOptions?: Partial<ConstructorParameters<typeof Sweeper>[1]>;
}

/**
 * A graceful stop must end inside Docker's and systemd's 10 s: interactions and runs get this long to finish what
 * they started, then the state is saved as it stands (main.ts force-exits after 7.5 s as a last resort).
 */
const SHUTDOWN_GRACE_MS = 4_000;

/** Builds every service from the config and connects to Discord. Resolves once the bot is ready and registered. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
	let stores: Stores;
	try {
		stores = await openStores(config.databaseUrl, logger.child({ component: 'store' }), {
			tokenEncryptionKey: config.web?.tokenEncryptionKey,
		});
	} catch (error) {
		throw new StartupError(`Could not open the database in DATABASE_URL: ${(error as Error).message}`);
	}
	const roblox: RobloxClient = createRobloxClient({
		apiKey: config.robloxApiKey,
		openCloudUrl: config.robloxOpenCloudUrl,
		usersUrl: config.robloxUsersUrl,
		badgesUrl: config.robloxBadgesUrl,
		thumbnailsUrl: config.robloxThumbnailsUrl,
		inventoryRate: { limit: config.robloxInventoryRatePerMinute, windowMs: 60_000 },
		// One Roblox budget for every process on the key: shared windows in Redis when the store is Redis.
		budgets: await openBudgets(config.databaseUrl, config.robloxBudgetProcesses, logger.child({ component: 'budget' })),
		logger: logger.child({ component: 'roblox' }),
		...options.roblox,
	});
	const web = config.web;
	// The web service and OAuth (fastify, openid-client: about 30 MB of RSS) load only when they are configured.
	const webModules = web ? await loadWebModules() : undefined;
	const robloxOAuth =
		web && webModules
			? webModules.createRobloxOAuth({
					discoveryUrl: web.robloxDiscoveryUrl,
					clientId: web.robloxClientId,
					clientSecret: web.robloxClientSecret,
					redirectUri: `${web.publicUrl}/callback/roblox`,
					inventoryScope: web.inventoryScope,
				})
			: undefined;
	const memberTokens =
		robloxOAuth && webModules && stores.tokens.enabled
			? new webModules.MemberTokens({
					tokens: stores.tokens,
					lock: stores.lock,
					oauth: robloxOAuth,
					logger: logger.child({ component: 'tokens' }),
					now: Date.now,
				})
			: undefined;
	const client = createDiscordClient(config);
	const shards = shardScope(client);
	const relay = client.shard ? new ShardRelay(client, logger.child({ component: 'shards' })) : undefined;
	const audit = new AuditLog(client, stores.guilds, logger.child({ component: 'audit' }));
	const held = new HeldRemovals({
		client,
		store: stores.held,
		guilds: stores.guilds,
		audit,
		logger: logger.child({ component: 'held' }),
	});
	const members = new MemberSync({
		client,
		cache: stores.cache,
		links: stores.links,
		guilds: stores.guilds,
		roblox,
		audit,
		logger: logger.child({ component: 'sync' }),
		...(options.now ? { now: options.now } : {}),
		memberTokens,
		otherShards: relay,
		held,
	});
	relay?.onRefresh((userId, trigger, exceptGuildId) => members.refreshHere(userId, trigger, exceptGuildId));
	// A web link is granted by the shard that holds the member's guild (the web service runs in shard 0's process).
	const linkedHere = createLinkedPort(client, members, logger.child({ component: 'web' }));
	relay?.onLinked(linkedHere);
	const onLinked: LinkedPort = (event) =>
		relay && !shards.owns(event.guildId) ? relay.linked(event) : linkedHere(event);
	const ports = new DiscordMemberPorts(client, members, stores.links, audit, logger.child({ component: 'bulk' }), held);
	// A shard resumes and takes over only its own guilds' runs.
	const bulk = new BulkRunner(stores.runs, ports, {
		logger: logger.child({ component: 'bulk' }),
		owns: shards.owns,
		...options.bulk,
	});
	const sweeper =
		config.sweepIntervalHours > 0 && options.sweep !== false
			? new Sweeper(ports.forSweep(stores.runs, shards.key), {
					periodMs: config.sweepIntervalHours * 3_600_000,
					logger: logger.child({ component: 'sweep' }),
					...options.sweepOptions,
				})
			: null;
	if (sweeper) ports.retryLater = (guildId, memberIds) => sweeper.enqueue(guildId, memberIds);
	const ctx: BotContext = {
		config,
		logger,
		client,
		stores,
		roblox,
		members,
		bulk,
		held,
		limits: createRateLimits(),
		now: Date.now,
		...(web ? { web: { publicUrl: web.publicUrl, tickets: stores.tickets } } : {}),
		...(memberTokens ? { memberTokens } : {}),
	};
	const commands = await loadCommands();
	const router = new InteractionRouter(commands, ctx);
	router.attach(client);
	attachMemberJoin(client, { guilds: stores.guilds, members, logger });
	attachRoleDelete(client, { guilds: stores.guilds, audit, logger: logger.child({ component: 'roles' }) });
	attachPanelWatch(client, { guilds: stores.guilds, logger });
	client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
	client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));

	let webService: WebService | undefined;
	const cleanup = async () => {
		await held.stop().catch(() => undefined);
		await webService?.close().catch(() => undefined);
		await client.destroy().catch(() => undefined);
		await roblox.close().catch(() => undefined);
		await stores.close().catch(() => undefined);
	};

	try {
		await login(client, config);
		// Commands are the application's, not a shard's: registered once, by shard 0's process.
		if (config.registerCommands && shards.primary) {
			const result = await registerCommands(client.rest, client.application!.id, commands.values(), config.devGuildId);
			logger.info(result, result.changed ? 'slash commands registered' : 'slash commands already up to date');
		}
		// One web service per bot, in shard 0's process: the others share its tickets through the store.
		if (web && webModules && robloxOAuth && shards.primary) {
			webService = await webModules
				.startWebService({
					config: web,
					logger,
					tickets: stores.tickets,
					discord: webModules.createDiscordOAuth({
						baseUrl: web.discordOAuthUrl,
						clientId: web.discordClientId,
						clientSecret: web.discordClientSecret,
						redirectUri: `${web.publicUrl}/callback/discord`,
					}),
					roblox: robloxOAuth,
					linking: { links: stores.links, proofs: stores.proofs, memberTokens, now: Date.now },
					onLinked,
					now: options.web?.now ?? Date.now,
					...(options.web?.rateLimitPerMinute ? { rateLimitPerMinute: options.web.rateLimitPerMinute } : {}),
				})
				.catch((error: unknown) => {
					const code = (error as { code?: string }).code;
					if (code === 'EADDRINUSE' || code === 'EACCES')
						throw new StartupError(
							`Could not start the web service on ${web.host}:${web.port} (${code}): set WEB_PORT to a free port.`,
						);
					throw error;
				});
		}
	} catch (error) {
		await cleanup();
		throw error;
	}
	logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Rolink is ready');
	// Awaiting only lists and launches the runs; they go on in the background.
	await bulk.resumeAll().catch((error: unknown) => logger.error({ err: error }, 'could not resume bulk runs'));
	sweeper?.start();

	return {
		client,
		ctx,
		async stop() {
			// All at once, not one after the other: the budget is the whole stop, not each part's.
			const drained = router.drain(SHUTDOWN_GRACE_MS);
			const swept = sweeper?.stop(SHUTDOWN_GRACE_MS);
			const suspended = bulk.suspendAll(SHUTDOWN_GRACE_MS);
			// Checks waiting for Roblox budget give up now (they are not counted, and are done after the restart);
			// requests already sent finish, so what Roblox counted is used.
			roblox.stopBackground();
			await Promise.all([drained, swept, suspended]);
			await cleanup();
		},
	};
}

/** Logs in and waits for ready, turning Discord's "fix your config" answers into StartupErrors. */
async function login(client: Client, config: Config): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const onDisconnect = (event: { code: number }) => {
			const explanation = FATAL_GATEWAY_CODES[event.code];
			if (explanation) reject(new StartupError(explanation));
		};
		client.once(Events.ClientReady, () => {
			client.off(Events.ShardDisconnect, onDisconnect);
			resolve();
		});
		client.on(Events.ShardDisconnect, onDisconnect);
		client.login(config.discordToken).catch((error: unknown) => {
			const code = (error as { code?: string }).code;
			if (code === 'TokenInvalid' || (error as { status?: number }).status === 401)
				reject(new StartupError(TOKEN_REJECTED_HTTP));
			// discord.js rejects a 4014 close with a plain Error that has no code; the message is all there is.
			else if (/disallowed intents/i.test((error as Error).message))
				reject(new StartupError(FATAL_GATEWAY_CODES[4014]!));
			else if (unreachableDiscord(error, config.discordApiUrl))
				reject(new StartupError(unreachableDiscord(error, config.discordApiUrl)!));
			else reject(error instanceof Error ? error : new Error(String(error)));
		});
	});
}

async function loadWebModules() {
	const [{ createRobloxOAuth }, { createDiscordOAuth }, { startWebService }, { MemberTokens }] = await Promise.all([
		import('./roblox/oauth.js'),
		import('./web/discord-oauth.js'),
		import('./web/server.js'),
		import('./linking/member-tokens.js'),
	]);
	return { createRobloxOAuth, createDiscordOAuth, startWebService, MemberTokens };
}

import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebConfig } from '../config.js';
import { newErrorId } from '../errors.js';
import type { Logger } from '../logger.js';
import {
	linkByOAuth,
	type LinkTickets,
	type LinkTicket,
	type OAuthLinkDeps,
	WEB_FLOW_TTL_MS,
} from '../linking/oauth-link.js';
import { ExpiringRecords } from '../linking/one-time.js';
import { isRobloxError } from '../roblox/errors.js';
import type { RobloxOAuth } from '../roblox/oauth.js';
import type { Link } from '../store/links.js';
import { localeFromAcceptLanguage, text, translator, type Text, type Translator } from '../ui/i18n.js';
import type { DiscordIdentity, DiscordOAuth } from './discord-oauth.js';
import { renderPage, type PageContent } from './pages.js';

/**
 * The web service for one-click linking, inside the bot process. A member's browser proves both accounts in one
 * session: Discord first (who they are on Discord, whatever the link says), then Roblox. The session is a random id
 * in an HttpOnly cookie; state, nonce and PKCE verifier stay on the server, each usable once, for 10 minutes.
 * It calls linking services only; granting roles goes through the `onLinked` port the bot side passes in.
 */

export const FLOW_COOKIE = 'rolink_flow';

/** What the bot side does once a link is saved: grant roles where the member started, tell the audit channel. */
export type LinkedPort = (event: {
	link: Link;
	previousHolder: string | null;
	guildId: string;
}) => Promise<{ guildName: string | null; added: string[] }>;

interface Flow {
	ticket: LinkTicket;
	discord?: { state: string };
	discordUser?: DiscordIdentity;
	roblox?: { state: string; nonce: string; codeVerifier: string };
}

export interface WebServiceDeps {
	config: WebConfig;
	logger: Logger;
	tickets: LinkTickets;
	discord: DiscordOAuth;
	roblox: RobloxOAuth;
	linking: OAuthLinkDeps;
	onLinked: LinkedPort;
	now: () => number;
	/** Requests per minute per client address; default 60. */
	rateLimitPerMinute?: number;
}

export interface WebService {
	url: string;
	close(): Promise<void>;
}

class Refusal extends Error {
	constructor(
		readonly reason: string,
		readonly paragraphs: Text[],
		readonly status = 400,
	) {
		super(reason);
	}
}

export async function startWebService(deps: WebServiceDeps): Promise<WebService> {
	const { config, logger } = deps;
	const log = logger.child({ component: 'web' });
	const flows = new ExpiringRecords<Flow>({ ttlMs: WEB_FLOW_TTL_MS, maxEntries: 10_000, now: deps.now });
	// Client addresses (rate limit) from X-Forwarded-For only when the proxy is on this host or a private network.
	const app = Fastify({ logger: false, trustProxy: ['loopback', 'uniquelocal'] });
	await app.register(fastifyHelmet, {
		contentSecurityPolicy: {
			directives: {
				defaultSrc: ["'none'"],
				styleSrc: ["'unsafe-inline'"],
				formAction: ["'none'"],
				frameAncestors: ["'none'"],
				baseUri: ["'none'"],
			},
		},
		referrerPolicy: { policy: 'no-referrer' },
	});
	await app.register(fastifyCookie);
	await app.register(fastifyRateLimit, {
		max: deps.rateLimitPerMinute ?? 60,
		timeWindow: 60_000,
		errorResponseBuilder: () => ({ statusCode: 429, refusal: 'too many requests' }),
	});

	const cookieOptions = {
		httpOnly: true,
		secure: config.secureCookies,
		sameSite: 'lax' as const,
		path: '/',
	};
	const send = (reply: FastifyReply, status: number, page: PageContent) =>
		reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
	const refused = (reason: string, paragraphs: Text[], status = 400) => new Refusal(reason, paragraphs, status);
	/** Pages are in the browser's language (Accept-Language), English when Rolink does not speak it. */
	const pageT = (request: FastifyRequest): Translator =>
		translator(localeFromAcceptLanguage(request.headers['accept-language']));
	/** The callback URL as the provider redirected to it, rebuilt on PUBLIC_URL (a proxy may have rewritten the host). */
	const currentUrl = (request: FastifyRequest, path: string) => {
		const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
		return new URL(`${config.publicUrl}${path}${query}`);
	};

	app.setErrorHandler((error, request, reply) => {
		const t = pageT(request);
		if (error instanceof Refusal) {
			log.info({ reason: error.reason, path: request.routeOptions.url }, 'web sign-in refused');
			reply.clearCookie(FLOW_COOKIE, cookieOptions);
			return send(reply, error.status, {
				title: t('webRefusedTitle'),
				paragraphs: [...error.paragraphs.map((p) => t.text(p)), t('webTryAgain')],
				tone: 'refused',
				lang: t.locale,
			});
		}
		if ((error as { statusCode?: number }).statusCode === 429)
			return send(reply, 429, {
				title: t('webRefusedTitle'),
				paragraphs: [t('webTooFast')],
				tone: 'refused',
				lang: t.locale,
			});
		const errorId = newErrorId();
		log.error({ err: error, errorId, path: request.routeOptions.url }, 'web request failed');
		return send(reply, 500, {
			title: t('webRefusedTitle'),
			paragraphs: [t('webUnexpected', { errorId })],
			tone: 'refused',
			lang: t.locale,
		});
	});
	app.setNotFoundHandler((request, reply) => {
		const t = pageT(request);
		return send(reply, 404, {
			title: t('webNotFound'),
			paragraphs: [t('webHomeText')],
			tone: 'info',
			lang: t.locale,
		});
	});

	app.get('/', (request, reply) => {
		const t = pageT(request);
		return send(reply, 200, { title: t('webHomeTitle'), paragraphs: [t('webHomeText')], tone: 'info', lang: t.locale });
	});

	// Step 0: the button from /verify. The ticket works once; the browser gets a fresh session.
	app.get<{ Querystring: { t?: string } }>('/link', async (request, reply) => {
		const ticket = await deps.tickets.take(
			typeof request.query.t === 'string' ? request.query.t : undefined,
			deps.now(),
		);
		if (!ticket) throw refused('link used or expired', [text('webLinkUsed')]);
		const state = randomValue();
		const id = flows.create({ ticket, discord: { state } });
		reply.setCookie(FLOW_COOKIE, id, { ...cookieOptions, maxAge: WEB_FLOW_TTL_MS / 1000 });
		return reply.header('cache-control', 'no-store').redirect(deps.discord.authorizationUrl(state), 302);
	});

	// Step 1: Discord says who is in this browser. That, not the link, is whose account gets linked.
	app.get('/callback/discord', async (request, reply) => {
		const id = request.cookies[FLOW_COOKIE];
		const flow = flows.get(id);
		if (!flow) throw refused('discord callback without a session', [text('webNoSession')]);
		const checks = flow.discord;
		if (!checks) throw refused('discord callback replayed', [text('webNoSession')]);
		flow.discord = undefined; // single use, whatever happens next
		let who: DiscordIdentity;
		try {
			who = await deps.discord.finish(currentUrl(request, '/callback/discord'), checks.state);
		} catch (error) {
			flows.delete(id);
			log.info({ err: error }, 'discord sign-in failed');
			throw refused('discord sign-in failed', [text('webDiscordRefused')]);
		}
		if (who.id !== flow.ticket.discordId) {
			// A link sent to someone else: never attach their Roblox account to the sender's Discord account.
			flows.delete(id);
			log.warn({ ticketFor: flow.ticket.discordId, signedIn: who.id }, 'link opened by another discord account');
			throw refused(
				'link opened by another discord account',
				[text('webWrongDiscord', { signedIn: discordName(who) })],
				403,
			);
		}
		let start;
		try {
			start = await deps.roblox.begin();
		} catch (error) {
			flows.delete(id);
			log.warn({ err: error }, 'roblox oauth unavailable');
			throw refused('roblox unavailable', [text('webRobloxUnavailable')], 503);
		}
		flow.discordUser = who;
		flow.roblox = { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier };
		return reply.header('cache-control', 'no-store').redirect(start.url, 302);
	});

	// Step 2: Roblox says which account this browser controls. The session ends here, linked or not.
	app.get('/callback/roblox', async (request, reply) => {
		const id = request.cookies[FLOW_COOKIE];
		const flow = flows.take(id);
		if (!flow) throw refused('roblox callback without a session', [text('webNoSession')]);
		if (!flow.discordUser) throw refused('roblox callback before the discord step', [text('webDiscordFirst')]);
		if (!flow.roblox) throw refused('roblox callback replayed', [text('webNoSession')]);
		let signIn;
		try {
			signIn = await deps.roblox.finish(currentUrl(request, '/callback/roblox'), flow.roblox);
		} catch (error) {
			if (isRobloxError(error) && error.code === 'unavailable') {
				log.warn({ err: error }, 'roblox oauth unavailable');
				throw refused('roblox unavailable', [text('webRobloxUnavailable')], 503);
			}
			log.info({ err: error }, 'roblox sign-in refused');
			throw refused('roblox sign-in refused', [text('webRobloxRefused')]);
		}
		const { link, previousHolder, tokenKept } = await linkByOAuth(deps.linking, flow.discordUser.id, signIn);
		log.info(
			{ discordId: link.discordId, robloxId: link.robloxId, method: link.method, previousHolder, tokenKept },
			'account linked',
		);
		const t = pageT(request);
		const paragraphs = [
			t('webLinked', {
				discord: discordName(flow.discordUser),
				roblox: signIn.displayName === signIn.name ? `@${signIn.name}` : `${signIn.displayName} (@${signIn.name})`,
				robloxId: signIn.robloxId,
			}),
		];
		if (previousHolder) paragraphs.push(t('webTookOver'));
		try {
			const roles = await deps.onLinked({ link, previousHolder, guildId: flow.ticket.guildId });
			paragraphs.push(
				!roles.guildName
					? t('webRolesLater')
					: roles.added.length > 0
						? t('webRolesGranted', { guild: roles.guildName, roles: roles.added.join(', ') })
						: t('webRolesUpToDate', { guild: roles.guildName }),
			);
		} catch (error) {
			// The link is saved; roles follow at the next check. Never tell a member "failed" when they are linked.
			log.warn({ err: error, discordId: link.discordId }, 'could not grant roles right after linking');
			paragraphs.push(t('webRolesLater'));
		}
		if (tokenKept) paragraphs.push(t('webTokenKept'));
		paragraphs.push(t('webCloseTab'));
		reply.clearCookie(FLOW_COOKIE, cookieOptions);
		return send(reply, 200, { title: t('webLinkedTitle'), paragraphs, tone: 'ok', lang: t.locale });
	});

	const address = await app.listen({ host: config.host, port: config.port });
	log.info({ address, publicUrl: config.publicUrl }, 'web service listening');
	return {
		url: address,
		close: () => app.close(),
	};
}

const discordName = (who: DiscordIdentity) =>
	who.globalName ? `${who.globalName} (@${who.username})` : `@${who.username}`;

function randomValue(): string {
	return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

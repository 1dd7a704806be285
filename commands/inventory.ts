import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { describeExpectedError } from '../src/bot/expected-errors.js';
import { isUserError, userError } from '../src/errors.js';
import { isRobloxError } from '../src/roblox/errors.js';
import type { InventoryItem } from '../src/roblox/types.js';
import { checkComponentLimits, checkEmbedLimits } from '../src/ui/embed-limits.js';
import {
	disableRows,
	INVENTORY_KINDS,
	inventoryFilter,
	kindText,
	NAV_ACTIONS,
	renderInventoryPage,
	type InventoryAccount,
	type InventoryKind,
	type InventoryView,
} from '../src/ui/inventory-view.js';
import { LazyPager, PagerSessions, SOURCE_PAGE_SIZE, type PageModel } from '../src/ui/pager.js';
import { localized, localizedChoices } from '../src/ui/command-locales.js';
import { translator, type Translator } from '../src/ui/i18n.js';

/**
 * /inventory: browse a linked member's Roblox inventory, ten items a page.
 *
 * Visibility: your own inventory is answered in the channel (you chose to show it); someone else's is answered only to
 * you (ephemeral), so nobody's inventory is paraded in a channel by another member. Problems (not linked, private,
 * empty) are always answered ephemerally: for the public case the "thinking…" reply is resolved, deleted, and the
 * answer comes as an ephemeral follow-up, since a deferred reply cannot change its visibility (see answerPrivately).
 *
 * Roblox pages (100 items) are fetched only when the reader reaches them and are kept in an in-memory session for the
 * life of the browser (10 minutes without use), so going back never asks Roblox again. Sessions do not survive a
 * restart: a button from before one answers that the view expired.
 */

const data = localized(new SlashCommandBuilder(), 'inventory')
	.setContexts(InteractionContextType.Guild)
	.addUserOption((o) => localized(o, 'inventory.member').setRequired(false))
	.addStringOption((o) =>
		localized(o, 'inventory.kind')
			.setRequired(false)
			.addChoices(...localizedChoices('inventory.kind', INVENTORY_KINDS)),
	);

export interface Browser {
	pager: LazyPager<InventoryItem>;
	account: InventoryAccount;
	kind: InventoryKind;
	/** What the message shows now, to disable its buttons on expiry. */
	view: InventoryView;
	/** The language the view is worded in (chosen when the browser opened: the reader's, or the server's if public). */
	t: Translator;
	/** Edits the message through the most recent interaction on it (its token outlives the 10-minute idle limit). */
	edit: (view: InventoryView) => Promise<unknown>;
}

/** One session store per running bot (tests start several in one process). */
const sessionStores = new WeakMap<BotContext, PagerSessions<Browser>>();

/** The running bot's inventory browsers (exported for tests and diagnostics). */
export function sessionsFor(ctx: BotContext): PagerSessions<Browser> {
	let sessions = sessionStores.get(ctx);
	if (!sessions) {
		sessions = new PagerSessions<Browser>({
			now: ctx.now,
			onExpire: (id, browser, reason) => {
				ctx.logger.debug({ sessionId: id, reason }, 'inventory browser expired');
				browser.edit({ ...browser.view, components: disableRows(browser.view.components) }).catch((error: unknown) => {
					// The message may have been dismissed or deleted; nothing to disable then.
					ctx.logger.debug({ err: error, sessionId: id }, 'could not disable inventory buttons');
				});
			},
		});
		sessionStores.set(ctx, sessions);
	}
	return sessions;
}

/** Renders a page, checking Discord's limits first: a view that breaks one is a bug, caught here with details. */
async function render(
	ctx: BotContext,
	browser: Pick<Browser, 'account' | 'kind' | 't'>,
	page: PageModel<InventoryItem>,
	sessionId: string | null,
): Promise<InventoryView> {
	const badgeIds = page.items.filter((item) => item.kind === 'badge').map((item) => item.id);
	const badgeNames = badgeIds.length
		? await ctx.roblox.getBadgeNames(badgeIds).catch(() => new Map<string, string>())
		: new Map<string, string>();
	const view = renderInventoryPage({
		account: browser.account,
		kind: browser.kind,
		page,
		badgeNames,
		sessionId,
		t: browser.t,
	});
	const problems = [...view.embeds.flatMap(checkEmbedLimits), ...checkComponentLimits(view.components)];
	if (problems.length) throw new Error(`inventory view breaks Discord limits: ${problems.join('; ')}`);
	return view;
}

async function showInventory(
	interaction: ChatInputCommandInteraction<'cached'>,
	ctx: BotContext,
	targetId: string,
	self: boolean,
	kind: InventoryKind,
	t: Translator,
) {
	const link = await ctx.stores.links.getByDiscord(targetId);
	if (!link) throw self ? userError('notLinked') : userError('memberNotLinked', { member: `<@${targetId}>` });
	const filter = inventoryFilter(kind);
	const pager = new LazyPager<InventoryItem>((pageToken) =>
		ctx.roblox.listInventory(link.robloxId, filter, {
			pageSize: SOURCE_PAGE_SIZE,
			priority: 'interactive',
			...(pageToken ? { pageToken } : {}),
		}),
	);
	// The profile, the avatar and the first page are independent: ask for them together.
	const profileP = ctx.roblox.getUser(link.robloxId, { priority: 'interactive' });
	const avatarP = ctx.roblox.getAvatarHeadshotUrl(link.robloxId).catch(() => null);
	const pageP = pager.page(0);
	// Whatever fails first, the other promises must not end up as unhandled rejections.
	pageP.catch(() => undefined);
	const profile = await profileP;
	let page: PageModel<InventoryItem>;
	try {
		page = await pageP;
	} catch (error) {
		if (isRobloxError(error) && error.code === 'private-inventory')
			throw self
				? userError('inventoryPrivateBrowseSelf')
				: userError('inventoryPrivateBrowse', { name: `**${profile.name}**` });
		throw error;
	}
	if (page.totalItems === 0)
		throw self
			? userError('inventoryEmptySelf', { kind: kindText(kind) })
			: userError('inventoryEmpty', { name: `**${profile.name}**`, kind: kindText(kind) });

	const account: InventoryAccount = {
		id: profile.id,
		name: profile.name,
		displayName: profile.displayName,
		avatarUrl: await avatarP,
	};
	const browser: Browser = {
		pager,
		account,
		kind,
		t,
		view: { embeds: [], components: [] },
		edit: (view) => interaction.editReply(view),
	};
	// A single complete page needs no buttons, so no session either.
	const sessionId = page.isFirst && page.isLast ? null : sessionsFor(ctx).create(interaction.user.id, browser);
	browser.view = await render(ctx, browser, page, sessionId);
	await interaction.editReply(browser.view);
}

/**
 * Turns a public deferral into a private answer. Discord takes the first follow-up after a deferral as resolving the
 * "thinking…" state, with the deferral's visibility whatever its own flags say (discord-api-docs#2742, #3466); so the
 * deferral is resolved with a neutral line and deleted first, and only then the ephemeral follow-up is sent.
 */
async function answerPrivately(interaction: ChatInputCommandInteraction<'cached'>, content: string): Promise<void> {
	// The placeholder is seen by the channel for a moment: the server's language.
	const note = translator(interaction.guildLocale)('answeredPrivately');
	await interaction.editReply({ content: note, embeds: [], components: [] });
	await interaction.deleteReply().catch(() => undefined);
	await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

export default {
	data,
	async execute(interaction, ctx) {
		const target = interaction.options.getUser('member') ?? interaction.user;
		const self = target.id === interaction.user.id;
		const chosen = interaction.options.getString('kind') ?? 'all';
		const kind: InventoryKind = (INVENTORY_KINDS as readonly string[]).includes(chosen)
			? (chosen as InventoryKind)
			: 'all';
		// See the header comment: public for yourself, ephemeral for someone else.
		await interaction.deferReply(self ? {} : { flags: MessageFlags.Ephemeral });
		// Your own inventory is shown to the channel, in the server's language; someone else's only to you, in yours.
		const viewT = translator(self ? interaction.guildLocale : interaction.locale);
		try {
			await showInventory(interaction, ctx, target.id, self, kind, viewT);
		} catch (error) {
			const expected = isUserError(error) ? error.text : describeExpectedError(error);
			// Ephemeral deferrals are answered by the router as usual; a public one must not show the problem publicly.
			if (!self || expected === null) throw error;
			await answerPrivately(interaction, translator(interaction.locale).text(expected));
		}
	},

	async button(interaction, ctx, [action, sessionId = '', move = '', target = '']) {
		const t = translator(interaction.locale);
		if (action !== 'nav' || !(NAV_ACTIONS as readonly string[]).includes(move))
			return void (await interaction.reply({ content: t('staleComponent'), flags: MessageFlags.Ephemeral }));
		const sessions = sessionsFor(ctx);
		const opened = sessions.open(sessionId, interaction.user.id);
		// Unknown (a restart, eviction) or idle for 10 minutes: a plain answer, not an error.
		if (opened.status === 'expired')
			return void (await interaction.reply({ content: t('pagerExpired'), flags: MessageFlags.Ephemeral }));
		if (opened.status === 'not-owner')
			return void (await interaction.reply({ content: t('notYourButton'), flags: MessageFlags.Ephemeral }));
		const browser = opened.value;
		// Acknowledge first: the page may need a Roblox fetch and badge names.
		await interaction.deferUpdate();
		const page = await browser.pager.page(Number(target));
		const view = await render(ctx, browser, page, sessionId);
		// Recorded before the edit is sent, so an expiry racing with the edit disables the page being shown.
		browser.view = view;
		browser.edit = (next) => interaction.editReply(next);
		sessions.touch(sessionId);
		await interaction.editReply(view);
	},
} satisfies Command;

/**
 * Every sentence Rolink says to a person, in one place: consistent wording, one file to review, and a single seam
 * for translation later. Functions, not templates, so the compiler checks the parameters.
 */

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export const strings = {
	// Router and generic problems
	guildOnly: () => 'Rolink works inside a server: run this command in a server where Rolink is installed.',
	unknownCommand: () =>
		'This command is no longer available. Discord may still show an old list: restart your Discord app.',
	staleComponent: () => 'This button is from an old message and no longer works. Run the command again.',
	unexpectedError: (errorId: string) =>
		`Something went wrong on our side. Please try again; if it keeps happening, give the server staff this error id: \`${errorId}\`.`,
	invalidChoice: (option: string) =>
		`That \`${option}\` is not one of the choices. Pick one from the list Discord shows.`,
	shuttingDown: () => 'Rolink is restarting. Try again in a minute.',
	storageUnavailable: () => 'Rolink cannot reach its database right now. Nothing was changed; try again in a minute.',
	notYourButton: () => 'These buttons belong to the person who ran the command. Run it yourself to get your own.',
	tooFast: (waitMs: number) => `You are doing that too often. Try again in ${seconds(waitMs)} seconds.`,
	missingPermission: (permission: string) => `You need the **${permission}** permission to do this.`,
	botMissingPermissions: () =>
		"Discord refused: Rolink lacks a permission here. Give Rolink's role **Manage Roles** (and **Manage Nicknames** for nicknames) and drag it above the roles it manages (Server Settings → Roles).",
	memberLeft: () => 'That member is no longer in this server.',

	// Roblox
	inventoryPrivate: () =>
		'Your Roblox inventory is private, so Rolink cannot see what you own. Your roles were left as they are. To fix it: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone, then run /update.',
	inventoryPrivateDm: (guildName: string) =>
		`Rolink could not check your Roblox items for **${guildName}**: your inventory is private. Your roles were left as they are. To fix it: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone, then run /update in the server.`,
	inventoryPrivateOf: (name: string) => `${name}'s Roblox inventory is private, so Rolink cannot see what they own.`,
	robloxUserNotFound: () =>
		'Roblox has no user with that name or id. Check the spelling, or use the numeric user id from the profile URL.',
	robloxBusy: () => 'Roblox is rate-limiting us right now. Nothing was removed; try again in a minute.',
	robloxUnavailable: () => 'Roblox is not answering right now. Nothing was removed; try again in a few minutes.',
	robloxKeyRejected: () =>
		"Roblox rejected this bot's API key. A server admin should tell the bot's operator (run `npm run doctor`).",

	// Usernames and ids
	invalidUsername: () =>
		'That is not a valid Roblox username: usernames are 3 to 20 letters, digits and at most one underscore (not at the start or end). You can also give the numeric user id.',
	invalidUserId: () => 'Roblox user ids are whole numbers above 0, like `1234567`.',
	bannedUser: (name: string) => `The Roblox account **${name}** is banned, so it cannot be linked.`,

	// Verification
	verifyNeedUsername: () => 'You are not linked yet. Run `/verify username:<your Roblox username>` to start.',
	verifyInstructions: (p: { name: string; displayName: string; code: string; expiresAt: number }) =>
		[
			`Let's prove you own **${p.displayName}** (@${p.name}).`,
			'1. Open your Roblox profile, edit **About**, and paste this code anywhere in it:',
			`\`\`\`\n${p.code}\n\`\`\``,
			`2. Save, then press **Check** below. The code is valid until <t:${Math.floor(p.expiresAt / 1000)}:t>.`,
			'You can remove the code from your About once you are linked.',
		].join('\n'),
	verifyCodeNotFound: (expiresAt: number) =>
		`The code is not in your Roblox About yet. Save your profile and press **Check** again; the code stays valid until <t:${Math.floor(expiresAt / 1000)}:t>.`,
	verifyCodeExpired: () => 'Your verification code has expired. Run `/verify` again to get a new one.',
	verifyLinked: (name: string, tookOver: boolean) =>
		`You are now linked to **${name}**.${tookOver ? ' That account was linked to another Discord account before; that link was removed.' : ''}`,
	verifyAlreadyLinked: (name: string) => `You are linked to **${name}**. Your roles were refreshed.`,
	accountJustLinked: (name: string) =>
		`**${name}** was linked to another Discord account at the same moment, so you were not linked. If the account is yours, press **Check** again to take it over (your code stays valid).`,
	verifyLinkGoneSince: (name: string) =>
		`**${name}** was linked to another Discord account just after you, so you are not linked to it now. Run /verify again if it is yours.`,
	robloxAccountGoneTitle: () => 'Roblox account no longer exists',
	robloxAccountGone: (memberId: string, name: string, robloxId: string, since: string | undefined) => [
		`<@${memberId}>'s Roblox account ${name} (${robloxId}) answers "no such user" on Roblox${since ? ` since <t:${Math.floor(Date.parse(since) / 1000)}:f>` : ''}: Roblox deleted or terminated it.`,
		'Its bound and verified roles are removed; the link is kept, marked gone, for /lookup. The member can link another account with /verify.',
	],
	verifyAccountGone: (name: string) =>
		`Your linked Roblox account **${name}** no longer exists on Roblox, so you count as not linked. Link another account: \`/verify username:<your Roblox username>\`.`,
	lookupGone: (at: string) =>
		`⚠️ This Roblox account no longer exists (deleted or terminated; marked gone <t:${Math.floor(Date.parse(at) / 1000)}:f>). The member has no roles from it and may link another.`,
	verifyNotForYou: () => 'This check belongs to someone else. Run `/verify` yourself.',
	unlinkConfirm: (name: string) =>
		`Unlink your Discord account from **${name}**? Rolink will remove the roles it gave you for that account in this server.`,
	unlinkDone: (name: string) => `Unlinked from **${name}**. Run /verify to link again.`,
	unlinkOtherConfirm: (member: string, name: string) =>
		`Unlink ${member} from **${name}**? Rolink will remove the roles it gave them for that account, here and in every server it shares with them.`,
	unlinkOtherDone: (member: string, name: string) => `Unlinked ${member} from **${name}**.`,
	unlinkCancelled: () => 'Nothing changed: you are still linked.',
	notLinked: () => 'You are not linked to a Roblox account. Run `/verify username:<your Roblox username>` to link.',
	memberNotLinked: (member: string) => `${member} has not linked a Roblox account.`,

	// Role updates
	updateSummary: (p: { added: string[]; removed: string[]; nickname?: string | null; blocked: string[] }) => {
		const lines: string[] = [];
		if (p.added.length) lines.push(`Added: ${p.added.map((id) => `<@&${id}>`).join(', ')}`);
		if (p.removed.length) lines.push(`Removed: ${p.removed.map((id) => `<@&${id}>`).join(', ')}`);
		if (p.nickname) lines.push(`Nickname: ${p.nickname}`);
		if (!lines.length) lines.push('Roles are already up to date.');
		if (p.blocked.length)
			lines.push(
				`Could not manage ${p.blocked.map((id) => `<@&${id}>`).join(', ')}: drag Rolink's role above them and give it Manage Roles (Server Settings → Roles).`,
			);
		return lines.join('\n');
	},
	heldBackScreening: () =>
		"You have not accepted this server's rules yet (Membership Screening), so Rolink gives you no roles until you do. Accept the rules and your roles follow at once.",
	heldBackScreeningOf: () =>
		"They have not accepted this server's rules yet (Membership Screening): no roles until they do.",
	heldBackAccountAge: (minDays: number, eligibleAt: number) =>
		`This server gives roles only to Roblox accounts at least ${minDays} days old, and yours is younger, so you get no roles yet. You stay linked: try again from <t:${Math.floor(eligibleAt / 1000)}:f> (<t:${Math.floor(eligibleAt / 1000)}:R>) with /update, or wait for Rolink's daily check.`,
	heldBackAccountAgeOf: (minDays: number, eligibleAt: number) =>
		`Their Roblox account is younger than this server's ${minDays}-day minimum: no roles until <t:${Math.floor(eligibleAt / 1000)}:f>.`,
	rolesKeptOnError: () =>
		'Roblox could not be checked completely, so no role was removed. Rolink will try again later.',

	// Bindings
	bindingGiveOnlyMark: () => '(give-only)',
	bindingGiveOnlyAdded: () =>
		'Give-only: Rolink gives the role when earned and never takes it away for this binding, so roles granted by hand stay.',
	bindingAdded: (what: string, roleId: string) => `Members who own ${what} now get <@&${roleId}>.`,
	bindingDuplicate: (what: string, roleId: string) => `That binding already exists: ${what} → <@&${roleId}>.`,
	bindingRemoved: (what: string, roleId: string) =>
		`Removed the binding ${what} → <@&${roleId}>. Members keep the role until their next update.`,
	bindingNotFound: () => 'No binding has that id. Run `/bind list` to see the ids.',
	bindingLimit: (max: number) => `This server has reached ${max} bindings. Remove one with \`/bind remove\` first.`,
	bindingNeedsId: () => 'Give the item id (`id:`) for this kind. Only `collectible` needs none.',
	bindingNoIdForCollectible: () => 'The `collectible` kind means "owns any limited": leave `id` empty.',
	invalidItemId: () =>
		"Item ids are whole numbers above 0, as in the item's Roblox URL (e.g. roblox.com/badges/**2124**…).",
	groupNeedsId: () => "Give the group id (`group:`) from the group's Roblox URL.",
	groupUsesGroupOption: () => 'A group binding takes the group id in `group:`, not `id:`.',
	invalidGroupId: () => "That is not a group id. Copy the number from the group's page URL (roblox.com/communities/…).",
	groupNotFound: (id: string) => `Roblox has no group with id ${id}. Copy the id from the group's page URL.`,
	groupRoleNotFound: (role: string, group: string) =>
		`The group **${group}** has no role "${role}". Pick one from the list Discord shows.`,
	groupRankOutOfRange: (option: string) => `\`${option}\` must be a whole number between 0 and 255 (Roblox ranks).`,
	groupMinAboveMax: (min: number, max: number) =>
		`\`min-rank\` (${min}) is higher than \`max-rank\` (${max}): swap them.`,
	groupOneRule: () =>
		'Choose one rule: a rank (`min-rank`/`max-rank`), one `group-role`, or `guest`. Leave all out for any member.',
	nicknameGroupNotSet: () =>
		'`{group-rank}` needs the group to read ranks from: set `nickname-group` in `/settings set` too.',
	badgeNotFound: (id: string) => `Roblox has no badge with id ${id}. Copy the id from the badge's page URL.`,
	roleIsEveryone: () => 'The @everyone role cannot be bound. Create a role for it.',
	roleIsManaged: (roleId: string) =>
		`<@&${roleId}> is managed by an integration (a bot or a subscription) and cannot be given by Rolink.`,
	roleAboveBot: (roleId: string) =>
		`<@&${roleId}> is above Rolink's highest role, so Discord will not let Rolink give it. Fix: Server Settings → Roles, drag Rolink's role above <@&${roleId}>.`,
	roleDangerous: (roleId: string, permissions: string[], overridable: boolean) =>
		`<@&${roleId}> has dangerous permissions (${permissions.join(', ')}). Anyone who buys the item would get them.${overridable ? ' If you really mean it, run the command again with `allow-dangerous: True`.' : ''}`,
	botLacksManageRoles: () =>
		"Rolink does not have the **Manage Roles** permission here. Give it to Rolink's role in Server Settings → Roles.",
	boundRoleDeletedTitle: () => 'Bound role deleted',
	boundRoleDeleted: (name: string, roleId: string, bindingIds: string[]) => [
		`The role **${name}** (${roleId}) was deleted. ${bindingIds.length === 1 ? 'This binding gave it and does' : `These ${bindingIds.length} bindings gave it and do`} nothing now: ${bindingIds.map((id) => `\`${id}\``).join(', ')}.`,
		'They are flagged in `/bind list`. A server admin can remove them with the button below.',
	],
	removeDeletedRoleBindingsLabel: () => 'Remove bindings of deleted roles',
	deletedRoleBindingsRemoved: (count: number) =>
		count === 0
			? 'Nothing to remove: no binding points at a deleted role now.'
			: `Removed ${count} binding${count === 1 ? '' : 's'} of deleted roles.`,
	noBindings: () => 'This server has no bindings yet. Add one with `/bind add`.',

	// Settings
	settingsSaved: () => 'Settings saved.',
	exportReady: (bindings: number) =>
		`Here are this server's Rolink settings and ${bindings} bindings. Keep the file: \`/settings import\` restores it, here or in another server (roles and channels are matched by id, then by name).`,
	importBadFile: (problem: string) => `That file cannot be imported: ${problem}. Nothing was changed.`,
	importPreviewTitle: () => 'Import settings: preview',
	importPreviewHelp: () =>
		'Nothing is changed until you press **Apply**; then everything below is written at once. The file replaces the current settings and bindings.',
	importAdded: (n: number) => `Added (${n})`,
	importChanged: (n: number) => `Changed (${n})`,
	importRemoved: (n: number) => `Removed (${n})`,
	importUnmappable: (n: number) => `Could not be mapped, left out (${n})`,
	importApply: () => 'Apply',
	importCancel: () => 'Cancel',
	importApplied: (bindings: number) =>
		`Imported. This server now has ${bindings} bindings; members get their roles at their next update (or run /update-all).`,
	importCancelled: () => 'Import cancelled. Nothing was changed.',
	importExpired: () => 'This import preview has expired. Run `/settings import` again.',
	panelTitle: () => 'Verify your Roblox account',
	panelDefaultText: () => 'Press **Verify** to link your Roblox account and get your roles. Only you see the steps.',
	panelButton: () => 'Verify',
	panelPosted: (url: string) => `Verify panel posted: ${url}`,
	panelNeedChannel: () => 'Say where the panel goes: `/settings panel channel:#channel`.',
	panelCannotPost: (channelId: string) =>
		`Rolink cannot post in <#${channelId}>: give it **View Channel**, **Send Messages** and **Embed Links** there.`,
	panelAt: (channelId: string, url: string) => `in <#${channelId}>: ${url}`,
	panelGone: (channelId: string) => `⚠️ deleted from <#${channelId}>; run \`/settings panel\` to post it again`,
	verifyEnterUsername: () => 'Enter my Roblox username',
	verifyUsernameModalTitle: () => 'Link your Roblox account',
	verifyUsernameLabel: () => 'Roblox username or user id',
	invalidAccountAge: (max: number) =>
		`The minimum account age is a whole number of days from 1 to ${max} (clear it to turn it off).`,
	invalidNicknameTemplate: (reason: string) => `That nickname template does not work: ${reason}`,

	// Bulk runs
	bulkAlreadyRunning: () =>
		'An update of every member is already running in this server. Stop it with its Stop button, or wait for it to finish.',
	bulkStarting: () => 'Starting an update of every member…',
	bulkStarted: (url: string) => `Started. Progress: ${url}`,
	bulkStartedNoProgress: () =>
		'Started. Rolink cannot post in this channel (it needs View Channel, Send Messages and Embed Links), so there is no progress message; the summary goes to the audit channel when one is set.',
	bulkStopped: () => 'Stopped. Members already updated keep their changes.',
	bulkNotRunning: () => 'No update is running in this server.',
	bulkRetrying: (count: number, round: number, rounds: number, at: number) =>
		`Every member was checked once. Checking the ${count} failed member${count === 1 ? '' : 's'} again (round ${round} of ${rounds}) from <t:${Math.floor(at / 1000)}:T>.`,
	bulkStillFailed: (failed: number, retried: number, nextRetryAt: number | undefined) =>
		`${failed} member${failed === 1 ? '' : 's'} still failed after ${retried} ${retried === 1 ? 'retry' : 'retries'}; their roles were left as they are. ` +
		(nextRetryAt
			? `The background re-check tries them again from <t:${Math.floor(nextRetryAt / 1000)}:f>.`
			: 'Run /update-all again later to retry them.'),
	bulkAllRecovered: (retried: number) =>
		`Members that failed at first were checked again (${retried} ${retried === 1 ? 'retry' : 'retries'}); none failed in the end.`,

	// Inventory and lookups
	pagerExpired: () => 'This inventory view has expired. Run `/inventory` again.',
	lookupNoMember: (name: string) => `No member of this server is linked to the Roblox account **${name}**.`,
	inventoryPrivateBrowse: (name: string, self: boolean) =>
		self
			? 'Your Roblox inventory is private, so Rolink cannot show it. To make it visible: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.'
			: `${name}'s Roblox inventory is private, so Rolink cannot show it. They can make it visible: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.`,
	/** Briefly replaces a public "thinking…" placeholder before the real answer goes out privately. */
	answeredPrivately: () => 'Answered privately.',
	inventoryEmptyKind: (name: string, kind: string, self: boolean) =>
		self
			? `You have no ${kind} on Roblox (or none that Roblox shows).`
			: `${name} has no ${kind} on Roblox (or none that Roblox shows).`,
	inventoryKindNames: {
		badges: 'badges',
		gamepasses: 'game passes',
		collectibles: 'collectibles (limiteds)',
		wearables: 'accessories or clothing',
		all: 'items',
	} as Record<string, string>,
	robloxAccountTitle: (displayName: string, name: string) => `${displayName} (@${name})`,
	inventoryHeader: (kind: string, total: number | null) => {
		const title = kind.charAt(0).toUpperCase() + kind.slice(1);
		return total === null ? `**${title}**` : `**${title}** (${total})`;
	},
	inventoryBadge: (name: string | null, id: string) => `🏅 ${name ?? `Badge ${id}`}`,
	inventoryGamePass: (id: string) => `🎟️ Game pass ${id}`,
	inventoryAsset: (typeName: string, id: string) => `🧩 ${typeName} ${id}`,
	inventoryPrivateServer: (id: string) => `🏠 Private server ${id}`,
	inventorySerial: (serial: number) => `#${serial}`,
	inventoryObtained: (unix: number) => `obtained <t:${unix}:d>`,
	inventoryMore: (count: number) => `…and ${count} more on this page`,
	pagerPage: (page: number, pages: number | null) => (pages === null ? `Page ${page}` : `Page ${page} of ${pages}`),
	pagerFirst: () => 'First',
	pagerPrevious: () => 'Previous',
	pagerNext: () => 'Next',
	pagerLast: () => 'Last',
	/** Roblox's InventoryItemAssetType enum in plain words; unknown values fall back to title case in the view. */
	assetTypeNames: {
		INVENTORY_ITEM_ASSET_TYPE_UNSPECIFIED: 'Item',
		CLASSIC_TSHIRT: 'Classic T-Shirt',
		CLASSIC_SHIRT: 'Classic Shirt',
		CLASSIC_PANTS: 'Classic Pants',
		CLASSIC_HEAD: 'Head',
		TSHIRT_ACCESSORY: 'T-Shirt Accessory',
		DRESS_SKIRT_ACCESSORY: 'Dress or Skirt Accessory',
		MESH_PART: 'Mesh Part',
		EMOTE_ANIMATION: 'Emote',
		CREATED_PLACE: 'Place',
		PURCHASED_PLACE: 'Purchased Place',
	} as Record<string, string>,

	// Lookups
	lookupDiscordMember: (discordId: string) => `Discord: <@${discordId}>`,
	lookupRobloxId: (id: string) => `Roblox id: \`${id}\``,
	lookupAccountCreated: (unix: number) => `Account created: <t:${unix}:D> (<t:${unix}:R>)`,
	lookupAccountBanned: () => '⛔ This Roblox account is banned.',
	lookupAccountGone: (id: string) => `Roblox has no account with id \`${id}\` any more.`,
	lookupLinked: (unix: number | null, method: string) =>
		unix === null ? `Linked ${method}` : `Linked <t:${unix}:R> ${method}`,
	lookupMethods: {
		'profile-code': 'with a code in the Roblox profile',
		oauth: 'by signing in to Roblox',
		takeover: 'by proving control of the Roblox account (taken over from another Discord account)',
		import: 'by an import',
	} as Record<string, string>,
	lookupBindingsHeader: () => '**Bindings**',
	lookupBindingLine: (binding: string, roleId: string, owns: string, role: string) =>
		`${binding} → <@&${roleId}>: ${owns} · ${role}`,
	lookupNoBindingsHere: () => 'This server has no bindings.',
	lookupInventoryPrivate: () =>
		'🔒 Their Roblox inventory is private, so ownership cannot be checked. (Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.)',
	lookupOwnershipUnavailable: () =>
		'⚠️ Roblox could not be asked right now, so ownership is unknown. Try again in a minute.',
	lookupOwns: (state: 'owns' | 'not' | 'unknown') =>
		state === 'owns' ? '✅ owns' : state === 'not' ? '❌ does not own' : '❔ unknown',
	lookupRole: (state: 'has' | 'has-removed' | 'missing-added' | 'missing' | 'deleted' | 'not-member') =>
		({
			has: '✅ has role',
			'has-removed': '⚠️ has role (removed at next update)',
			'missing-added': '⚠️ no role (added at next update)',
			missing: '➖ no role',
			deleted: '⚠️ role was deleted',
			'not-member': '➖ not in this server',
		})[state],
	lookupMoreBindings: (count: number) => `…and ${count} more bindings`,
	lookupHeldBackAge: (minDays: number, eligibleAt: number) =>
		`⏳ Restriction: account younger than this server's ${minDays}-day minimum; no roles until <t:${Math.floor(eligibleAt / 1000)}:f> (<t:${Math.floor(eligibleAt / 1000)}:R>).`,
	lookupAgeUnknown: (minDays: number) =>
		`❔ Restriction: this server requires accounts ${minDays} days old, and Roblox did not say when this one was created; roles are left as they are.`,
	lookupPendingScreening: () => "⏳ Restriction: has not accepted this server's rules yet (Membership Screening).",

	// One-click linking (web pages and the /verify button)
	verifyLinkButton: () => 'Link with Roblox',
	verifyCodeButton: () => 'Use a profile code instead',
	verifyOAuthOffer: (minutesLeft: number) =>
		`Press **Link with Roblox**: you sign in to Discord, then to Roblox, and your roles are given at once. The button works once, for ${minutesLeft} minutes, and only for you. Prefer not to sign in? Run \`/verify username:<your Roblox username>\` to link with a code in your Roblox profile instead.`,
	webHomeTitle: () => 'Rolink',
	webHomeText: () => 'Run /verify in your Discord server and press "Link with Roblox" to link your accounts.',
	webLinkedTitle: () => 'Accounts linked',
	webLinked: (p: { discord: string; roblox: string; robloxId: string }) =>
		`Your Discord account ${p.discord} is now linked to the Roblox account ${p.roblox} (user id ${p.robloxId}).`,
	webTookOver: () => 'That Roblox account was linked to another Discord account before; that link was removed.',
	webRolesGranted: (guild: string, roles: string[]) =>
		roles.length > 0
			? `Your roles in ${guild} were updated: ${roles.join(', ')}.`
			: `Your roles in ${guild} are up to date.`,
	webRolesLater: () => 'Your roles will be updated the next time you use Rolink in a server (or run /update).',
	webTokenKept: () =>
		'You allowed Rolink to read your Roblox inventory, so your roles also work with a private inventory. Run /unlink to take that back.',
	webCloseTab: () => 'You can close this tab now.',
	webRefusedTitle: () => 'Nothing was linked',
	webTryAgain: () => 'Run /verify in Discord again to get a new button.',
	webLinkUsed: () =>
		'This link has already been used or has expired. Each "Link with Roblox" button works once, for 10 minutes.',
	webNoSession: () =>
		'This sign-in did not start in this browser, or it took longer than 10 minutes. For your safety it was stopped.',
	webDiscordFirst: () => 'You need to sign in to Discord first, from the link Rolink gave you.',
	webWrongDiscord: (signedIn: string) =>
		`You signed in to Discord as ${signedIn}, but this link was made for another Discord account. Nobody's accounts were linked. If someone sent you this link, do not use it: run /verify yourself.`,
	webDiscordRefused: () => 'Discord did not confirm your sign-in.',
	webRobloxRefused: () => 'Roblox did not confirm your sign-in, or its answer did not pass our checks.',
	webRobloxUnavailable: () => 'Roblox is not answering right now. Try again in a few minutes.',
	webUnexpected: (errorId: string) =>
		`Something went wrong on our side. Please try again; if it keeps happening, give the server staff this error id: ${errorId}.`,
	webTooFast: () => 'Too many requests from your network. Wait a minute and try again.',
	webNotFound: () => 'There is no page here.',

	minutes,
};

export type Strings = typeof strings;

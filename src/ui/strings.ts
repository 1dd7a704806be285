/**
 * Every sentence, label, title and command description Rolink shows a person, in one catalog: this file is the
 * English source (en-US); translations live in `src/ui/locales/<locale>.ts` with the same keys. See README
 * "Languages" for how to add a key or a language.
 *
 * - Placeholders are named, in double braces: `{{name}}`. The compiler checks that every `t('key', { … })` call
 *   passes exactly the placeholders the English text has; `test/unit/i18n.test.ts` checks every translation has the
 *   same ones. Single braces (`{smart-name}`) are plain text.
 * - A text that depends on a number is `{ one, other }` with a `{{count}}` placeholder; each language picks its form
 *   with Intl.PluralRules.
 * - Keys starting with `command.` are slash-command names, descriptions and choices (see src/ui/command-locales.ts);
 *   `.name` keys are the English identifiers Discord shows by default, translated for name_localizations.
 * - Discord's limits apply in every language: command names 32 (lowercase, no spaces), descriptions 100, button
 *   labels (keys ending in `Label`) 80, embed titles 256. The tests check them.
 */

export const strings = {
	// Router and generic problems
	guildOnly: 'Rolink works inside a server: run this command in a server where Rolink is installed.',
	unknownCommand: 'This command is no longer available. Discord may still show an old list: restart your Discord app.',
	staleComponent: 'This button is from an old message and no longer works. Run the command again.',
	unexpectedError:
		'Something went wrong on our side. Please try again; if it keeps happening, give the server staff this error id: `{{errorId}}`.',
	invalidChoice: 'That `{{option}}` is not one of the choices. Pick one from the list Discord shows.',
	shuttingDown: 'Rolink is restarting. Try again in a minute.',
	storageUnavailable: 'Rolink cannot reach its database right now. Nothing was changed; try again in a minute.',
	notYourButton: 'These buttons belong to the person who ran the command. Run it yourself to get your own.',
	tooFast: {
		one: 'You are doing that too often. Try again in {{count}} second.',
		other: 'You are doing that too often. Try again in {{count}} seconds.',
	},
	missingPermission: 'You need the **{{permission}}** permission to do this.',
	missingPermissionEither: 'You need the **{{first}}** or **{{second}}** permission to do this.',
	botMissingPermissions:
		"Discord refused: Rolink lacks a permission here. Give Rolink's role **Manage Roles** (and **Manage Nicknames** for nicknames) and drag it above the roles it manages (Server Settings → Roles).",
	memberLeft: 'That member is no longer in this server.',

	// Discord permission names, as Discord's own settings show them
	permAdministrator: 'Administrator',
	permManageGuild: 'Manage Server',
	permManageRoles: 'Manage Roles',
	permModerateMembers: 'Timeout Members',
	permBanMembers: 'Ban Members',
	permKickMembers: 'Kick Members',
	permManageChannels: 'Manage Channels',
	permManageWebhooks: 'Manage Webhooks',
	permMentionEveryone: 'Mention Everyone',

	// Roblox
	inventoryPrivate:
		'Your Roblox inventory is private, so Rolink cannot see what you own. Your roles were left as they are. To fix it: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone, then run /update.',
	inventoryPrivateDm:
		'Rolink could not check your Roblox items for **{{guild}}**: your inventory is private. Your roles were left as they are. To fix it: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone, then run /update in the server.',
	inventoryPrivateOf: "{{name}}'s Roblox inventory is private, so Rolink cannot see what they own.",
	robloxUserNotFound:
		'Roblox has no user with that name or id. Check the spelling, or use the numeric user id from the profile URL.',
	robloxBusy: 'Roblox is rate-limiting us right now. Nothing was removed; try again in a minute.',
	robloxUnavailable: 'Roblox is not answering right now. Nothing was removed; try again in a few minutes.',
	robloxKeyRejected:
		"Roblox rejected this bot's API key. A server admin should tell the bot's operator (run `npm run doctor`).",

	// Usernames and ids
	invalidUsername:
		'That is not a valid Roblox username: usernames are 3 to 20 letters, digits and at most one underscore (not at the start or end). You can also give the numeric user id.',
	invalidUserId: 'Roblox user ids are whole numbers above 0, like `1234567`.',
	bannedUser: 'The Roblox account **{{name}}** is banned, so it cannot be linked.',

	// Verification
	verifyNeedUsername: 'You are not linked yet. Run `/verify username:<your Roblox username>` to start.',
	verifyInstructions:
		"Let's prove you own **{{displayName}}** (@{{name}}).\n1. Open your Roblox profile, edit **About**, and paste this code anywhere in it:\n```\n{{code}}\n```\n2. Save, then press **Check** below. The code is valid until <t:{{expires}}:t>.\nYou can remove the code from your About once you are linked.",
	verifyFooter: 'Roblox user id {{id}}',
	verifyCheckLabel: 'Check',
	verifyOpenProfileLabel: 'Open profile',
	verifyCodeNotFound:
		'The code is not in your Roblox About yet. Save your profile and press **Check** again; the code stays valid until <t:{{expires}}:t>.',
	verifyCodeExpired: 'Your verification code has expired. Run `/verify` again to get a new one.',
	verifyLinked: 'You are now linked to **{{name}}**.',
	verifyLinkedTookOver:
		'You are now linked to **{{name}}**. That account was linked to another Discord account before; that link was removed.',
	verifyAlreadyLinked: 'You are linked to **{{name}}**. Your roles were refreshed.',
	verifyNotForYou: 'This check belongs to someone else. Run `/verify` yourself.',
	unlinkConfirm:
		'Unlink your Discord account from **{{name}}**? Rolink will remove the roles it gave you for that account in this server.',
	unlinkDone: 'Unlinked from **{{name}}**. Run /verify to link again.',
	unlinkOtherConfirm:
		'Unlink {{member}} from **{{name}}**? Rolink will remove the roles it gave them for that account, here and in every server it shares with them.',
	unlinkOtherDone: 'Unlinked {{member}} from **{{name}}**.',
	unlinkConfirmLabel: 'Unlink',
	unlinkCancelLabel: 'Cancel',
	unlinkCancelled: 'Nothing changed: you are still linked.',
	notLinked: 'You are not linked to a Roblox account. Run `/verify username:<your Roblox username>` to link.',
	memberNotLinked: '{{member}} has not linked a Roblox account.',

	// Role updates
	summaryAdded: 'Added: {{roles}}',
	summaryRemoved: 'Removed: {{roles}}',
	summaryNickname: 'Nickname: {{nickname}}',
	summaryUpToDate: 'Roles are already up to date.',
	summaryBlocked:
		"Could not manage {{roles}}: drag Rolink's role above them and give it Manage Roles (Server Settings → Roles).",
	rolesKeptOnError: 'Roblox could not be checked completely, so no role was removed. Rolink will try again later.',
	updateOtherHeader: '{{member}}:',

	// Bindings
	bindingAdded: 'Members who own {{what}} now get <@&{{roleId}}>. (binding `{{id}}`)',
	bindingDuplicate: 'That binding already exists: {{what}} → <@&{{roleId}}>.',
	bindingRemoved: 'Removed the binding {{what}} → <@&{{roleId}}>. Members keep the role until their next update.',
	bindingNotFound: 'No binding has that id. Run `/bind list` to see the ids.',
	bindingLimit: 'This server has reached {{max}} bindings. Remove one with `/bind remove` first.',
	bindingNeedsId: 'Give the item id (`id:`) for this kind. Only `collectible` needs none.',
	bindingNoIdForCollectible: 'The `collectible` kind means "owns any limited": leave `id` empty.',
	invalidItemId: "Item ids are whole numbers above 0, as in the item's Roblox URL (e.g. roblox.com/badges/**2124**…).",
	badgeNotFound: "Roblox has no badge with id {{id}}. Copy the id from the badge's page URL.",
	roleIsEveryone: 'The @everyone role cannot be bound. Create a role for it.',
	roleIsManaged: '<@&{{roleId}}> is managed by an integration (a bot or a subscription) and cannot be given by Rolink.',
	roleAboveBot:
		"<@&{{roleId}}> is above Rolink's highest role, so Discord will not let Rolink give it. Fix: Server Settings → Roles, drag Rolink's role above <@&{{roleId}}>.",
	roleDangerous: '<@&{{roleId}}> has dangerous permissions ({{permissions}}). Anyone who buys the item would get them.',
	roleDangerousOverridable:
		'<@&{{roleId}}> has dangerous permissions ({{permissions}}). Anyone who buys the item would get them. If you really mean it, run the command again with `allow-dangerous: True`.',
	botLacksManageRoles:
		"Rolink does not have the **Manage Roles** permission here. Give it to Rolink's role in Server Settings → Roles.",
	noBindings: 'This server has no bindings yet. Add one with `/bind add`.',
	bindingBadge: 'badge {{id}}',
	bindingGamePass: 'game pass {{id}}',
	bindingAsset: 'asset {{id}}',
	bindingPrivateServer: 'private server {{id}}',
	bindingCollectible: 'any collectible',
	bindingWithName: '{{binding}} "{{name}}"',
	bindingListTitle: 'Bindings ({{count}})',
	bindingProblemNoManageRoles: "Rolink lacks Manage Roles: give it to Rolink's role.",
	bindingProblemRoleDeleted: 'the role was deleted: `/bind remove binding:{{id}}`.',
	bindingProblemAboveBot:
		"the role is above Rolink's highest role: drag Rolink's role above it (Server Settings → Roles).",
	bindingProblemManaged: 'the role is managed by an integration: bind another role.',

	// Settings
	settingsSaved: 'Settings saved.',
	invalidNicknameTemplate: 'That nickname template does not work: {{reason}}',
	nicknameEmpty: 'it is empty.',
	nicknameUnknownPlaceholder: 'unknown placeholder {{placeholder}}. Use {{placeholders}}.',
	nicknameNoPlaceholder: 'it has no placeholder, so every member would get the same nickname. Use {{placeholders}}.',
	nicknameTooLong:
		'it can expand to {{length}} characters for members with long names, and Discord allows {{max}}. Use fewer placeholders or {smart-name}, which shortens itself.',
	settingsTitle: 'Rolink settings',
	settingsVerifiedRole: 'Verified role',
	settingsUnverifiedRole: 'Unverified role',
	settingsAuditChannel: 'Audit channel',
	settingsNicknameTemplate: 'Nickname template',
	settingsAutoVerify: 'Auto-verify on join',
	settingsVerifyPanel: 'Verify panel',
	settingsMinAccountAge: 'Minimum Roblox account age',
	settingsDays: { one: '{{count}} day', other: '{{count}} days' },
	settingsOn: 'on',
	settingsOff: 'off',

	// Settings backup (export / import)
	exportReady: {
		one: "Here are this server's Rolink settings and {{count}} binding. Keep the file: `/settings import` restores it, here or in another server (roles and channels are matched by id, then by name).",
		other:
			"Here are this server's Rolink settings and {{count}} bindings. Keep the file: `/settings import` restores it, here or in another server (roles and channels are matched by id, then by name).",
	},
	importBadFile: 'That file cannot be imported: {{problem}}. Nothing was changed.',
	importPreviewTitle: 'Import settings: preview',
	importPreviewHelp:
		'Nothing is changed until you press **Apply**; then everything below is written at once. The file replaces the current settings and bindings.',
	importAdded: 'Added ({{count}})',
	importChanged: 'Changed ({{count}})',
	importRemoved: 'Removed ({{count}})',
	importUnmappable: 'Could not be mapped, left out ({{count}})',
	importMore: { one: '…and {{count}} more', other: '…and {{count}} more' },
	importApplyLabel: 'Apply',
	importCancelLabel: 'Cancel',
	importApplied: {
		one: 'Imported. This server now has {{count}} binding; members get their roles at their next update (or run /update-all).',
		other:
			'Imported. This server now has {{count}} bindings; members get their roles at their next update (or run /update-all).',
	},
	importCancelled: 'Import cancelled. Nothing was changed.',
	importExpired: 'This import preview has expired. Run `/settings import` again.',
	importRoleManaged: 'managed by an integration',
	importRoleAboveBot: "above Rolink's highest role",
	importRoleProblem: '<@&{{roleId}}> cannot be given by Rolink ({{problem}})',

	// Deleted bound roles and proof races
	boundRoleDeletedTitle: 'Bound role deleted',
	boundRoleDeleted: {
		one: 'The role **{{name}}** ({{roleId}}) was deleted. This binding gave it and does nothing now: {{ids}}.',
		other:
			'The role **{{name}}** ({{roleId}}) was deleted. These {{count}} bindings gave it and do nothing now: {{ids}}.',
	},
	boundRoleDeletedHelp: 'They are flagged in `/bind list`. A server admin can remove them with the button below.',
	removeDeletedRoleBindingsLabel: 'Remove bindings of deleted roles',
	deletedRoleBindingsRemoved: {
		one: 'Removed {{count}} binding of deleted roles.',
		other: 'Removed {{count}} bindings of deleted roles.',
	},
	deletedRoleBindingsNone: 'Nothing to remove: no binding points at a deleted role now.',
	auditDeletedRoleBindingsRemoved: 'Bindings of deleted roles removed',
	auditProvedTwice: 'Account proved twice at once',
	auditProvedTwiceLine: '<@{{userId}}> and <@{{holderId}}> proved {{name}} ({{robloxId}}) at the same moment.',
	auditProvedTwiceKept:
		'Kept the link of <@{{holderId}}> (linked <t:{{linkedAt}}:T>); <@{{userId}}> was not linked and was told to try again.',
	accountJustLinked:
		'**{{name}}** was linked to another Discord account at the same moment, so you were not linked. If the account is yours, press **Check** again to take it over (your code stays valid).',
	verifyLinkGoneSince:
		'**{{name}}** was linked to another Discord account just after you, so you are not linked to it now. Run /verify again if it is yours.',

	// Gone Roblox accounts and give-only bindings
	robloxAccountGoneTitle: 'Roblox account no longer exists',
	robloxAccountGone:
		'<@{{memberId}}>\'s Roblox account {{name}} ({{robloxId}}) answers "no such user" on Roblox: Roblox deleted or terminated it.',
	robloxAccountGoneSince:
		'<@{{memberId}}>\'s Roblox account {{name}} ({{robloxId}}) answers "no such user" on Roblox since <t:{{since}}:f>: Roblox deleted or terminated it.',
	robloxAccountGoneHelp:
		'Its bound and verified roles are removed; the link is kept, marked gone, for /lookup. The member can link another account with /verify.',
	verifyAccountGone:
		'Your linked Roblox account **{{name}}** no longer exists on Roblox, so you count as not linked. Link another account: `/verify username:<your Roblox username>`.',
	lookupGone:
		'⚠️ This Roblox account no longer exists (deleted or terminated; marked gone <t:{{at}}:f>). The member has no roles from it and may link another.',
	bindingGiveOnlyMark: '(give-only)',
	bindingGiveOnlyAdded:
		'Give-only: Rolink gives the role when earned and never takes it away for this binding, so roles granted by hand stay.',

	// Group bindings
	groupNeedsId: "Give the group id (`group:`) from the group's Roblox URL.",
	groupUsesGroupOption: 'A group binding takes the group id in `group:`, not `id:`.',
	invalidGroupId: "That is not a group id. Copy the number from the group's page URL (roblox.com/communities/…).",
	groupNotFound: "Roblox has no group with id {{id}}. Copy the id from the group's page URL.",
	groupRoleNotFound: 'The group **{{group}}** has no role "{{role}}". Pick one from the list Discord shows.',
	groupRankOutOfRange: '`{{option}}` must be a whole number between 0 and 255 (Roblox ranks).',
	groupMinAboveMax: '`min-rank` ({{min}}) is higher than `max-rank` ({{max}}): swap them.',
	groupOneRule:
		'Choose one rule: a rank (`min-rank`/`max-rank`), one `group-role`, or `guest`. Leave all out for any member.',
	bindingGroup: 'group {{id}}, {{rule}}',
	bindingGroupNamed: 'group {{id}} "{{name}}", {{rule}}',
	settingsNicknameGroup: 'Nickname group',

	// Bulk runs
	bulkAlreadyRunning:
		'An update of every member is already running in this server. Stop it with its Stop button, or wait for it to finish.',
	bulkStarting: 'Starting an update of every member…',
	bulkStarted: 'Started. Progress: {{url}}',
	bulkStartedNoProgress:
		'Started. Rolink cannot post in this channel (it needs View Channel, Send Messages and Embed Links), so there is no progress message; the summary goes to the audit channel when one is set.',
	bulkStopped: 'Stopped. Members already updated keep their changes.',
	bulkNotRunning: 'No update is running in this server.',
	bulkTitleRunning: 'Updating every member…',
	bulkTitleDone: 'Update finished',
	bulkTitleStopped: 'Update stopped',
	bulkProgress: '{{processed}} / {{total}} members ({{percent}}%)',
	bulkChanged: 'Changed',
	bulkFailed: 'Failed',
	bulkNotLinked: 'Skipped (not linked or pending)',
	bulkTimeLeft: 'Time left',
	bulkEstimating: 'estimating…',
	bulkLatestFailures: 'Latest failures',
	bulkFooter: 'Run {{runId}}',
	bulkFooterResumed: 'Run {{runId}} · resumed after a restart',
	bulkStopLabel: 'Stop',
	bulkRetries: 'Retries',
	bulkRetrying: {
		one: 'Every member was checked once. Checking the {{count}} failed member again (round {{round}} of {{rounds}}) from <t:{{at}}:T>.',
		other:
			'Every member was checked once. Checking the {{count}} failed members again (round {{round}} of {{rounds}}) from <t:{{at}}:T>.',
	},
	bulkStillFailed: {
		one: '{{count}} member still failed after {{retries}}; their roles were left as they are.',
		other: '{{count}} members still failed after {{retries}}; their roles were left as they are.',
	},
	bulkRetryFrom: 'The background re-check tries them again from <t:{{at}}:f>.',
	bulkRetryLater: 'Run /update-all again later to retry them.',
	bulkAllRecovered: 'Members that failed at first were checked again ({{retries}}); none failed in the end.',
	retries: { one: '{{count}} retry', other: '{{count}} retries' },
	durationSeconds: '{{s}}s',
	durationMinutes: '{{m}}m {{s}}s',
	durationHours: '{{h}}h {{m}}m',
	bulkFailureEditRefused: 'Discord refused the edit: {{error}}',
	bulkFailureBlocked: "cannot manage {{roles}}: move Rolink's role above it and give Rolink Manage Roles",
	bulkFailureRoblox: 'Roblox: {{reason}}',
	bulkFailureRobloxGroups: 'Roblox groups: {{reason}}',
	bulkFailureListing: 'Discord did not list the members ({{error}}); run /update-all again',
	bulkFailureUnexpected: 'unexpected error: {{error}}',
	robloxReasonPrivate: 'the inventory is private',
	robloxReasonRateLimited: 'rate limited',
	robloxReasonUnavailable: 'not answering',
	robloxReasonOther: '{{code}}',

	// Inventory and lookups
	pagerExpired: 'This inventory view has expired. Run `/inventory` again.',
	lookupNoMember: 'No member of this server is linked to the Roblox account **{{name}}**.',
	inventoryPrivateBrowseSelf:
		'Your Roblox inventory is private, so Rolink cannot show it. To make it visible: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.',
	inventoryPrivateBrowse:
		'{{name}}\'s Roblox inventory is private, so Rolink cannot show it. They can make it visible: Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.',
	/** Briefly replaces a public "thinking…" placeholder before the real answer goes out privately. */
	answeredPrivately: 'Answered privately.',
	inventoryEmptySelf: 'You have no {{kind}} on Roblox (or none that Roblox shows).',
	inventoryEmpty: '{{name}} has no {{kind}} on Roblox (or none that Roblox shows).',
	inventoryKindBadges: 'badges',
	inventoryKindGamePasses: 'game passes',
	inventoryKindCollectibles: 'collectibles (limiteds)',
	inventoryKindWearables: 'accessories or clothing',
	inventoryKindAll: 'items',
	inventoryHeaderBadges: 'Badges',
	inventoryHeaderGamePasses: 'Game passes',
	inventoryHeaderCollectibles: 'Collectibles (limiteds)',
	inventoryHeaderWearables: 'Accessories or clothing',
	inventoryHeaderAll: 'Items',
	inventoryHeader: '**{{title}}**',
	inventoryHeaderTotal: '**{{title}}** ({{total}})',
	robloxAccountTitle: '{{displayName}} (@{{name}})',
	inventoryBadge: '🏅 {{name}}',
	inventoryBadgeUnnamed: '🏅 Badge {{id}}',
	inventoryGamePass: '🎟️ Game pass {{id}}',
	inventoryAsset: '🧩 {{type}} {{id}}',
	inventoryPrivateServer: '🏠 Private server {{id}}',
	inventorySerial: '#{{serial}}',
	inventoryObtained: 'obtained <t:{{unix}}:d>',
	inventoryMore: {
		one: '…and {{count}} more on this page',
		other: '…and {{count}} more on this page',
	},
	pagerPage: 'Page {{page}}',
	pagerPageOf: 'Page {{page}} of {{pages}}',
	pagerFirstLabel: 'First',
	pagerPreviousLabel: 'Previous',
	pagerNextLabel: 'Next',
	pagerLastLabel: 'Last',
	/** Roblox's InventoryItemAssetType enum in plain words; other values are title-cased from the enum. */
	assetTypeUnspecified: 'Item',
	assetTypeClassicTShirt: 'Classic T-Shirt',
	assetTypeClassicShirt: 'Classic Shirt',
	assetTypeClassicPants: 'Classic Pants',
	assetTypeClassicHead: 'Head',
	assetTypeTShirtAccessory: 'T-Shirt Accessory',
	assetTypeDressSkirtAccessory: 'Dress or Skirt Accessory',
	assetTypeMeshPart: 'Mesh Part',
	assetTypeEmoteAnimation: 'Emote',
	assetTypeCreatedPlace: 'Place',
	assetTypePurchasedPlace: 'Purchased Place',

	// Lookups
	lookupDiscordMember: 'Discord: <@{{discordId}}>',
	lookupRobloxId: 'Roblox id: `{{id}}`',
	lookupAccountCreated: 'Account created: <t:{{unix}}:D> (<t:{{unix}}:R>)',
	lookupAccountBanned: '⛔ This Roblox account is banned.',
	lookupAccountGone: 'Roblox has no account with id `{{id}}` any more.',
	lookupLinked: 'Linked {{method}}',
	lookupLinkedAt: 'Linked <t:{{unix}}:R> {{method}}',
	lookupMethodProfileCode: 'with a code in the Roblox profile',
	lookupMethodOAuth: 'by signing in to Roblox',
	lookupMethodTakeover: 'by proving control of the Roblox account (taken over from another Discord account)',
	lookupMethodImport: 'by an import',
	lookupBindingsHeader: '**Bindings**',
	lookupBindingLine: '{{binding}} → <@&{{roleId}}>: {{owns}} · {{role}}',
	lookupNoBindingsHere: 'This server has no bindings.',
	lookupInventoryPrivate:
		'🔒 Their Roblox inventory is private, so ownership cannot be checked. (Roblox → Settings → Privacy → "Who can see my inventory?" → Everyone.)',
	lookupOwnershipUnavailable: '⚠️ Roblox could not be asked right now, so ownership is unknown. Try again in a minute.',
	lookupOwns: '✅ owns',
	lookupOwnsNot: '❌ does not own',
	lookupOwnsUnknown: '❔ unknown',
	lookupRoleHas: '✅ has role',
	lookupRoleHasRemoved: '⚠️ has role (removed at next update)',
	lookupRoleMissingAdded: '⚠️ no role (added at next update)',
	lookupRoleMissing: '➖ no role',
	lookupRoleDeleted: '⚠️ role was deleted',
	lookupRoleNotMember: '➖ not in this server',
	lookupMoreBindings: {
		one: '…and {{count}} more binding',
		other: '…and {{count}} more bindings',
	},

	// Audit channel (in the server's language)
	auditBy: 'By <@{{userId}}>',
	auditBindingAdded: 'Binding added',
	auditBindingRemoved: 'Binding removed',
	auditBindingLine: '{{binding}} → <@&{{roleId}}>',
	auditSettingsChanged: 'Settings changed',
	auditSettingChanged: 'Changed: {{setting}}',
	auditSettingsImported: 'Settings imported',
	auditImportCounts: 'Added {{added}}, changed {{changed}}, removed {{removed}}, left out {{unmappable}}',
	auditPanelIn: 'Verify panel in <#{{channelId}}>',
	auditAccountLinked: 'Account linked',
	auditAccountTakenOver: 'Account taken over',
	auditLinkedLine: '<@{{discordId}}> linked to {{name}} ({{robloxId}})',
	auditLinkedSignInLine: '<@{{discordId}}> linked to {{name}} ({{robloxId}}) by signing in',
	auditTakenOverLine: 'The account was linked to <@{{previous}}> before; that link was removed.',
	auditAccountUnlinked: 'Account unlinked',
	auditUnlinkedLine: '<@{{discordId}}> unlinked from {{name}} ({{robloxId}})',
	auditRolesUpdated: 'Roles updated',
	auditMember: 'Member: <@{{userId}}> ({{tag}})',
	auditRoblox: 'Roblox: {{name}} ({{id}})',
	auditTrigger: 'Trigger: {{trigger}}',
	auditBulkSummary: 'Bulk update summary',
	auditBulkChecked:
		'Checked {{processed}} members: {{changed}} changed, {{failed}} failed, {{skipped}} skipped (not linked, or not past Membership Screening).',
	auditBulkFinished: 'Started by <@{{userId}}>; finished.',
	auditBulkStopped: 'Started by <@{{userId}}>; stopped.',
	auditFailureLine: '• <@{{memberId}}>: {{reason}}',

	// Why Rolink changed a member (Discord's own audit log, and the trigger line above)
	triggerVerify: '/verify',
	triggerUpdate: '/update',
	triggerJoin: 'member joined',
	triggerScreening: 'member accepted the server rules',
	triggerSweep: 'periodic re-verification',
	triggerBulk: '/update-all',
	triggerLink: 'account linked',
	triggerUnlink: 'account unlinked',
	editReason: 'Rolink: {{trigger}}',

	// Held back (restrictions)
	heldBackScreening:
		"You have not accepted this server's rules yet (Membership Screening), so Rolink gives you no roles until you do. Accept the rules and your roles follow at once.",
	heldBackScreeningOf: "They have not accepted this server's rules yet (Membership Screening): no roles until they do.",
	heldBackAccountAge:
		"This server gives roles only to Roblox accounts at least {{minDays}} days old, and yours is younger, so you get no roles yet. You stay linked: try again from <t:{{eligible}}:f> (<t:{{eligible}}:R>) with /update, or wait for Rolink's daily check.",
	heldBackAccountAgeOf:
		"Their Roblox account is younger than this server's {{minDays}}-day minimum: no roles until <t:{{eligible}}:f>.",
	lookupHeldBackAge:
		"⏳ Restriction: account younger than this server's {{minDays}}-day minimum; no roles until <t:{{eligible}}:f> (<t:{{eligible}}:R>).",
	lookupAgeUnknown:
		'❔ Restriction: this server requires accounts {{minDays}} days old, and Roblox did not say when this one was created; roles are left as they are.',
	lookupPendingScreening: "⏳ Restriction: has not accepted this server's rules yet (Membership Screening).",
	invalidAccountAge: 'The minimum account age is a whole number of days from 1 to {{max}} (clear it to turn it off).',

	// Verify panel (public: the server's language) and the username form
	panelTitle: 'Verify your Roblox account',
	panelDefaultText: 'Press **Verify** to link your Roblox account and get your roles. Only you see the steps.',
	panelVerifyLabel: 'Verify',
	panelPosted: 'Verify panel posted: {{url}}',
	panelNeedChannel: 'Say where the panel goes: `/settings panel channel:#channel`.',
	panelCannotPost:
		'Rolink cannot post in <#{{channelId}}>: give it **View Channel**, **Send Messages** and **Embed Links** there.',
	panelAt: 'in <#{{channelId}}>: {{url}}',
	panelGone: '⚠️ deleted from <#{{channelId}}>; run `/settings panel` to post it again',
	verifyEnterUsernameLabel: 'Enter my Roblox username',
	verifyUsernameModalTitle: 'Link your Roblox account',
	verifyUsernameInputLabel: 'Roblox username or user id',

	// One-click linking (the /verify button and the web pages, in the browser's language)
	verifyLinkLabel: 'Link with Roblox',
	verifyOAuthOffer:
		'Press **Link with Roblox**: you sign in to Discord, then to Roblox, and your roles are given at once. The button works once, for {{minutes}} minutes, and only for you. Prefer not to sign in? Run `/verify username:<your Roblox username>` to link with a code in your Roblox profile instead.',
	webHomeTitle: 'Rolink',
	webHomeText: 'Run /verify in your Discord server and press "Link with Roblox" to link your accounts.',
	webLinkedTitle: 'Accounts linked',
	webLinked: 'Your Discord account {{discord}} is now linked to the Roblox account {{roblox}} (user id {{robloxId}}).',
	webTookOver: 'That Roblox account was linked to another Discord account before; that link was removed.',
	webRolesGranted: 'Your roles in {{guild}} were updated: {{roles}}.',
	webRolesUpToDate: 'Your roles in {{guild}} are up to date.',
	webRolesLater: 'Your roles will be updated the next time you use Rolink in a server (or run /update).',
	webTokenKept:
		'You allowed Rolink to read your Roblox inventory, so your roles also work with a private inventory. Run /unlink to take that back.',
	webCloseTab: 'You can close this tab now.',
	webRefusedTitle: 'Nothing was linked',
	webTryAgain: 'Run /verify in Discord again to get a new button.',
	webLinkUsed:
		'This link has already been used or has expired. Each "Link with Roblox" button works once, for 10 minutes.',
	webNoSession:
		'This sign-in did not start in this browser, or it took longer than 10 minutes. For your safety it was stopped.',
	webDiscordFirst: 'You need to sign in to Discord first, from the link Rolink gave you.',
	webWrongDiscord:
		"You signed in to Discord as {{signedIn}}, but this link was made for another Discord account. Nobody's accounts were linked. If someone sent you this link, do not use it: run /verify yourself.",
	webDiscordRefused: 'Discord did not confirm your sign-in.',
	webRobloxRefused: 'Roblox did not confirm your sign-in, or its answer did not pass our checks.',
	webRobloxUnavailable: 'Roblox is not answering right now. Try again in a few minutes.',
	webUnexpected:
		'Something went wrong on our side. Please try again; if it keeps happening, give the server staff this error id: {{errorId}}.',
	webTooFast: 'Too many requests from your network. Wait a minute and try again.',
	webNotFound: 'There is no page here.',

	// Slash commands: names (English identifiers), descriptions and choices
	'command.bind.name': 'bind',
	'command.bind.description': 'Give Discord roles for what members own on Roblox',
	'command.bind.add.name': 'add',
	'command.bind.add.description': 'Give a role to members who own an item',
	'command.bind.add.kind.name': 'kind',
	'command.bind.add.kind.description': 'What kind of item',
	'command.bind.add.kind.choice.badge': 'Badge',
	'command.bind.add.kind.choice.gamepass': 'Game pass',
	'command.bind.add.kind.choice.asset': 'Asset',
	'command.bind.add.kind.choice.private-server': 'Private server',
	'command.bind.add.kind.choice.collectible': 'Any collectible (limited)',
	'command.bind.add.kind.choice.group': 'Group rank',
	'command.bind.add.group.name': 'group',
	'command.bind.add.group.description': 'Group: the group id from its Roblox URL',
	'command.bind.add.min-rank.name': 'min-rank',
	'command.bind.add.min-rank.description': 'Group: lowest rank (0–255) that gets the role',
	'command.bind.add.max-rank.name': 'max-rank',
	'command.bind.add.max-rank.description': 'Group: highest rank (0–255) that gets the role',
	'command.bind.add.group-role.name': 'group-role',
	'command.bind.add.group-role.description': 'Group: one exact group role',
	'command.bind.add.guest.name': 'guest',
	'command.bind.add.guest.description': 'Group: give the role to members who are NOT in the group',
	'command.bind.add.role.name': 'role',
	'command.bind.add.role.description': 'The role to give',
	'command.bind.add.id.name': 'id',
	'command.bind.add.id.description': 'The item id from its Roblox URL (badge, game pass, asset, private server)',
	'command.bind.add.allow-dangerous.name': 'allow-dangerous',
	'command.bind.add.allow-dangerous.description': 'Allow a role with moderator or admin permissions',
	'command.bind.add.remove.name': 'remove',
	'command.bind.add.remove.description': 'Take the role away when the item is gone (default True; False: give-only)',
	'command.bind.remove.name': 'remove',
	'command.bind.remove.description': 'Remove a binding',
	'command.bind.remove.binding.name': 'binding',
	'command.bind.remove.binding.description': 'The binding id from /bind list',
	'command.bind.list.name': 'list',
	'command.bind.list.description': "List this server's bindings and what may stop them from working",

	'command.inventory.name': 'inventory',
	'command.inventory.description': 'Browse the Roblox inventory of a linked member (yourself by default)',
	'command.inventory.member.name': 'member',
	'command.inventory.member.description': 'Whose inventory (default: yours)',
	'command.inventory.kind.name': 'kind',
	'command.inventory.kind.description': 'What to show (default: all)',
	'command.inventory.kind.choice.badges': 'badges',
	'command.inventory.kind.choice.gamepasses': 'game passes',
	'command.inventory.kind.choice.collectibles': 'collectibles (limiteds)',
	'command.inventory.kind.choice.wearables': 'accessories and clothing',
	'command.inventory.kind.choice.all': 'all',

	'command.lookup.name': 'lookup',
	'command.lookup.description': "Moderators: see a member's Roblox link, or who is linked to a Roblox account",
	'command.lookup.member.name': 'member',
	'command.lookup.member.description': 'The Roblox account a member is linked to, and what their bindings say',
	'command.lookup.member.member.name': 'member',
	'command.lookup.member.member.description': 'The member to look up',
	'command.lookup.roblox.name': 'roblox',
	'command.lookup.roblox.description': 'The member linked to a Roblox account',
	'command.lookup.roblox.account.name': 'account',
	'command.lookup.roblox.account.description': 'Roblox username or user id',

	'command.settings.name': 'settings',
	'command.settings.description': 'Rolink settings for this server',
	'command.settings.show.name': 'show',
	'command.settings.show.description': 'Show the current settings',
	'command.settings.set.name': 'set',
	'command.settings.set.description': 'Change settings (only the options you give change)',
	'command.settings.set.verified-role.name': 'verified-role',
	'command.settings.set.verified-role.description': 'Given to every linked member',
	'command.settings.set.unverified-role.name': 'unverified-role',
	'command.settings.set.unverified-role.description': 'Given to members who have not linked',
	'command.settings.set.audit-channel.name': 'audit-channel',
	'command.settings.set.audit-channel.description': 'Where Rolink reports role changes, links and bulk runs',
	'command.settings.set.nickname-template.name': 'nickname-template',
	'command.settings.set.nickname-template.description':
		'e.g. {smart-name}. Also {roblox-name} {display-name} {roblox-id} {discord-name} {group-rank}',
	'command.settings.set.nickname-group.name': 'nickname-group',
	'command.settings.set.nickname-group.description': 'The Roblox group id whose role name {group-rank} shows',
	'command.settings.set.auto-verify.name': 'auto-verify',
	'command.settings.set.auto-verify.description': "Update members' roles when they join (default on)",
	'command.settings.set.min-account-age.name': 'min-account-age',
	'command.settings.set.min-account-age.description':
		'Days a Roblox account must exist before it gets roles (it stays linked meanwhile)',
	'command.settings.panel.name': 'panel',
	'command.settings.panel.description': 'Post (or move, or refresh) a message with a Verify button anyone can press',
	'command.settings.panel.channel.name': 'channel',
	'command.settings.panel.channel.description': 'Where the panel goes (default: where it is now)',
	'command.settings.panel.text.name': 'text',
	'command.settings.panel.text.description': 'The text above the button',
	'command.settings.export.name': 'export',
	'command.settings.export.description': 'Download the settings and bindings as a JSON file (a backup)',
	'command.settings.import.name': 'import',
	'command.settings.import.description': 'Restore settings and bindings from an export file (shows a preview first)',
	'command.settings.import.file.name': 'file',
	'command.settings.import.file.description': 'A file from /settings export (JSON, up to 1 MB)',
	'command.settings.clear.name': 'clear',
	'command.settings.clear.description': 'Turn a setting off',
	'command.settings.clear.setting.name': 'setting',
	'command.settings.clear.setting.description': 'Which setting',
	'command.settings.clear.setting.choice.verified-role': 'verified-role',
	'command.settings.clear.setting.choice.unverified-role': 'unverified-role',
	'command.settings.clear.setting.choice.audit-channel': 'audit-channel',
	'command.settings.clear.setting.choice.nickname-template': 'nickname-template',
	'command.settings.clear.setting.choice.min-account-age': 'min-account-age',
	'command.settings.clear.setting.choice.nickname-group': 'nickname-group',

	'command.unlink.name': 'unlink',
	'command.unlink.description': "Unlink your Discord account from your Roblox account (admins: someone else's)",
	'command.unlink.member.name': 'member',
	'command.unlink.member.description': 'Another member to unlink (needs Manage Server)',

	'command.update-all.name': 'update-all',
	'command.update-all.description': 'Re-check the roles of every member of this server',

	'command.update.name': 'update',
	'command.update.description': 'Refresh your roles from what you own on Roblox (moderators: refresh someone else)',
	'command.update.member.name': 'member',
	'command.update.member.description': 'Another member to refresh (needs Manage Roles)',

	'command.verify.name': 'verify',
	'command.verify.description': 'Link your Roblox account (or refresh your roles if you are linked)',
	'command.verify.username.name': 'username',
	'command.verify.username.description': 'Your Roblox username or user id',
} as const;

export type Strings = typeof strings;
export type MessageKey = keyof Strings;

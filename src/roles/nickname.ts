/**
 * Nickname templates. Discord caps nicknames at 32 characters; a template is refused when it could expand past that
 * for a member with long names, instead of silently cutting someone's name in half later.
 */
import { text, type Text } from '../ui/i18n.js';

export const NICKNAME_MAX = 32;
export const NICKNAME_PLACEHOLDERS = [
	'roblox-name',
	'display-name',
	'smart-name',
	'roblox-id',
	'discord-name',
	'group-rank',
] as const;
type Placeholder = (typeof NICKNAME_PLACEHOLDERS)[number];

export interface NicknameNames {
	robloxName: string;
	displayName: string;
	robloxId: string;
	discordName: string;
	/** The member's role name in the group chosen in /settings ('' when not in it). */
	groupRank?: string;
}

/** Group role names can be 100 characters; in a nickname only the start of one fits. */
const GROUP_RANK_MAX = 16;

/** "Display (@name)", or just the name when that would not fit or the two are the same. */
export function smartName(displayName: string, robloxName: string): string {
	if (displayName === robloxName || displayName === '') return robloxName;
	const full = `${displayName} (@${robloxName})`;
	return full.length <= NICKNAME_MAX ? full : robloxName;
}

const PLACEHOLDER = /\{([a-z-]+)\}/g;

function value(name: Placeholder, names: NicknameNames): string {
	switch (name) {
		case 'roblox-name':
			return names.robloxName;
		case 'display-name':
			return names.displayName;
		case 'smart-name':
			return smartName(names.displayName, names.robloxName);
		case 'roblox-id':
			return names.robloxId;
		case 'discord-name':
			return names.discordName;
		case 'group-rank':
			return (names.groupRank ?? '').slice(0, GROUP_RANK_MAX).trim();
	}
}

export function renderNickname(template: string, names: NicknameNames): string {
	const rendered = template.replace(PLACEHOLDER, (match, name: string) =>
		(NICKNAME_PLACEHOLDERS as readonly string[]).includes(name) ? value(name as Placeholder, names) : match,
	);
	// Validation keeps templates inside the cap for realistic names; this only guards the impossible case.
	return rendered.trim().slice(0, NICKNAME_MAX);
}

// The longest values a placeholder can realistically take: Roblox names and display names are at most 20
// characters, user ids are 11 digits today, Discord display names at most 32.
const LONGEST: NicknameNames = {
	robloxName: 'x'.repeat(20),
	displayName: 'x'.repeat(20),
	robloxId: '9'.repeat(11),
	discordName: 'x'.repeat(32),
	groupRank: 'x'.repeat(GROUP_RANK_MAX),
};

const PLACEHOLDER_LIST = NICKNAME_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

/** Why a template cannot be used (worded in the reader's language by the caller), or null when it is fine. */
export function nicknameTemplateProblem(template: string): Text | null {
	if (template.trim() === '') return text('nicknameEmpty');
	const unknown = [...template.matchAll(PLACEHOLDER)]
		.map((m) => m[1]!)
		.filter((name) => !(NICKNAME_PLACEHOLDERS as readonly string[]).includes(name));
	if (unknown.length)
		return text('nicknameUnknownPlaceholder', { placeholder: `{${unknown[0]}}`, placeholders: PLACEHOLDER_LIST });
	if (!PLACEHOLDER.test(template)) return text('nicknameNoPlaceholder', { placeholders: PLACEHOLDER_LIST });
	const longest = template
		.replace(PLACEHOLDER, (_m, name: string) => value(name as Placeholder, LONGEST))
		.trim().length;
	if (longest > NICKNAME_MAX) return text('nicknameTooLong', { length: longest, max: NICKNAME_MAX });
	return null;
}

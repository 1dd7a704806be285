import { judgeBinding } from '../kinds/index.js';
import type { Binding, Facts, Part, Say } from '../kinds/types.js';
import type { GroupAnswer, OwnershipAnswer } from '../roblox/types.js';
import type { GuildSettings } from '../store/guilds.js';
import { text, type Text } from '../ui/i18n.js';
import { renderNickname } from './nickname.js';
import { checkAccountAge } from './restrictions.js';

/**
 * The role planner: pure, no I/O. Given a member's state and what Roblox said, it decides which roles to add and
 * remove, and says why for every binding (/lookup only renders that). The fail-safe lives here, once: a bound role is
 * removed only when every reason for it says "not", and a binding may only say "not" from a complete, successful
 * answer (each kind's judge). When an answer is unknown (private inventory, rate limit, outage), bound roles are left
 * exactly as they are. The planner loops over the bindings through the kinds table; it knows no kind by name.
 */

export interface RobloxIdentity {
	id: string;
	name: string;
	displayName: string;
	/** RFC 3339 creation time from the Open Cloud user resource; asked for only when a server sets a minimum age. */
	createTime?: string;
}

export type Verdict =
	| { status: 'unlinked' }
	| { status: 'owned'; roblox: RobloxIdentity; ownership: OwnershipAnswer; groups?: Part<GroupAnswer> }
	/** Linked, but ownership could not be learned completely; `reason` is a RobloxError code. */
	| { status: 'unknown'; roblox: RobloxIdentity; reason: string; groups?: Part<GroupAnswer> };

/** What the bot is able to change in this guild, as plain data (the Discord side computes it). */
export interface GuildAbilities {
	canManageRoles: boolean;
	canManageNicknames: boolean;
	/** Roles that exist, are not managed, and sit below the bot's highest role. */
	manageableRoleIds: ReadonlySet<string>;
	/** Every role that exists in the guild; bindings to deleted roles are skipped quietly. */
	existingRoleIds: ReadonlySet<string>;
	/** Discord never lets a bot rename the guild owner. */
	memberIsOwner: boolean;
}

export interface PlanInput {
	bindings: readonly Binding[];
	settings: Pick<
		GuildSettings,
		'verifiedRoleId' | 'unverifiedRoleId' | 'nicknameTemplate' | 'nicknameGroupId' | 'minAccountAgeDays'
	>;
	verdict: Verdict;
	currentRoleIds: Iterable<string>;
	discordName: string;
	currentNickname: string | null;
	abilities: GuildAbilities;
	/**
	 * Membership Screening: the member has not accepted the server rules yet. Any role would let them skip the rules,
	 * so they get the unverified role only, until Discord says they passed.
	 */
	pending?: boolean;
	/** For the account-age restriction; defaults to the current time. */
	now?: number;
}

/** Why a member's roles are held back (nothing is granted but the unverified role), and what ends it. */
export type HoldBack = { reason: 'screening' } | { reason: 'account-age'; minDays: number; eligibleAt: number };

export interface RolePlan {
	add: string[];
	remove: string[];
	/** The nickname to set, or null for no change. */
	nickname: string | null;
	/** Changes the plan wanted but the bot may not make (role above the bot, no Manage Roles). */
	blocked: string[];
	/** Bound roles kept because ownership is unknown. */
	kept: string[];
	heldBack?: HoldBack;
	/** Per binding, in the order given: what it says, and what the planner decided for its role (all reasons merged). */
	reasons: BindingReason[];
}

export interface BindingReason {
	bindingId: string;
	says: Say;
	/** A few plain words on why (e.g. "not in the group"), worded in the reader's language; optional. */
	note?: Text;
	/** The role's fate from every reason for it: have → held, not → not held, unknown → left as it is. */
	roleFate: Say;
}

/** What Roblox said, as the parts each kind judges from. */
export function factsOf(verdict: Exclude<Verdict, { status: 'unlinked' }>): Facts {
	return {
		inventory:
			verdict.status === 'owned' ? { ok: true, value: verdict.ownership } : { ok: false, reason: verdict.reason },
		groups: verdict.groups ?? { ok: false, reason: 'not-asked' },
	};
}

function bindingSays(binding: Binding, verdict: Verdict): { says: Say; note?: Text } {
	if (verdict.status === 'unlinked') return { says: 'not' };
	const judged = judgeBinding(binding, factsOf(verdict));
	// Give-only: "not" never takes this binding's role away; it is left as it is.
	if (judged.says === 'not' && binding.giveOnly) return { says: 'unknown', note: text('noteGiveOnly') };
	return judged;
}

export function planRoleChanges(input: PlanInput): RolePlan {
	const { verdict, settings, abilities } = input;
	const current = new Set(input.currentRoleIds);
	// Every reason a role should or should not be held, per role: a role bound to several items, or also used as
	// the verified role, is kept when any reason says "have" and never removed while any reason is unknown.
	const reasons = new Map<string, Say[]>();
	const note = (roleId: string | undefined, say: Say) => {
		if (!roleId) return;
		const list = reasons.get(roleId) ?? [];
		list.push(say);
		reasons.set(roleId, list);
	};
	const plan: RolePlan = { add: [], remove: [], nickname: null, blocked: [], kept: [], reasons: [] };
	let judged: { says: Say; note?: Text }[];
	if (input.pending) {
		judged = input.bindings.map(() => ({ says: 'unknown', note: text('noteScreening') }));
		// Only the unverified role, and nothing taken away: the member has had no chance to earn anything yet.
		plan.heldBack = { reason: 'screening' };
		note(settings.unverifiedRoleId, 'have');
	} else {
		const age =
			verdict.status === 'unlinked'
				? ({ state: 'ok' } as const)
				: checkAccountAge(settings.minAccountAgeDays, verdict.roblox.createTime, input.now ?? Date.now());
		if (age.state === 'too-young') {
			// Linked, but held back: roles as for someone not linked, until the account is old enough.
			plan.heldBack = { reason: 'account-age', minDays: age.minDays, eligibleAt: age.eligibleAt };
			judged = input.bindings.map(() => ({ says: 'not', note: text('noteAccountTooYoung') }));
			for (const binding of input.bindings) note(binding.roleId, 'not');
			note(settings.verifiedRoleId, 'not');
			note(settings.unverifiedRoleId, 'have');
		} else if (age.state === 'unknown') {
			// The age could not be learned: like any unknown, nothing is given and nothing is taken.
			judged = input.bindings.map(() => ({ says: 'unknown', note: text('noteAccountAgeUnknown') }));
			for (const binding of input.bindings) note(binding.roleId, 'unknown');
			note(settings.verifiedRoleId, 'unknown');
			note(settings.unverifiedRoleId, 'unknown');
		} else {
			judged = input.bindings.map((binding) => bindingSays(binding, verdict));
			input.bindings.forEach((binding, i) => note(binding.roleId, judged[i]!.says));
			const linked = verdict.status !== 'unlinked';
			note(settings.verifiedRoleId, linked ? 'have' : 'not');
			note(settings.unverifiedRoleId, linked ? 'not' : 'have');
		}
	}

	// A role nobody has a reason about is left as it is.
	const fate = (roleId: string): Say => {
		const says = reasons.get(roleId);
		if (!says) return 'unknown';
		return says.includes('have') ? 'have' : says.includes('unknown') ? 'unknown' : 'not';
	};
	plan.reasons = input.bindings.map((binding, i) => ({
		bindingId: binding.id,
		says: judged[i]!.says,
		...(judged[i]!.note !== undefined ? { note: judged[i]!.note } : {}),
		roleFate: fate(binding.roleId),
	}));
	for (const roleId of reasons.keys()) {
		if (!abilities.existingRoleIds.has(roleId)) continue;
		const has = current.has(roleId);
		let change: 'add' | 'remove' | null = null;
		const decided = fate(roleId);
		if (decided === 'have') change = has ? null : 'add';
		else if (decided === 'unknown') {
			if (has) plan.kept.push(roleId);
		} else change = has ? 'remove' : null;
		if (change === null) continue;
		if (!abilities.canManageRoles || !abilities.manageableRoleIds.has(roleId)) plan.blocked.push(roleId);
		else plan[change].push(roleId);
	}

	// A rank that could not be learned leaves the nickname as it is rather than dropping the rank from it.
	const groupRank = verdict.status === 'unlinked' ? undefined : groupRankOf(settings.nicknameGroupId, verdict);
	if (
		settings.nicknameTemplate &&
		verdict.status !== 'unlinked' &&
		(groupRank !== undefined || !settings.nicknameTemplate.includes('{group-rank}')) &&
		!plan.heldBack &&
		abilities.canManageNicknames &&
		!abilities.memberIsOwner
	) {
		const wanted = renderNickname(settings.nicknameTemplate, {
			robloxName: verdict.roblox.name,
			displayName: verdict.roblox.displayName,
			robloxId: verdict.roblox.id,
			discordName: input.discordName,
			...(groupRank !== undefined ? { groupRank } : {}),
		});
		if (wanted !== '' && wanted !== input.currentNickname) plan.nickname = wanted;
	}
	for (const list of [plan.add, plan.remove, plan.blocked, plan.kept]) list.sort();
	return plan;
}

/** The member's role name in the nickname's group: '' when not in it, undefined when unknown (no nickname change). */
function groupRankOf(
	groupId: string | undefined,
	verdict: Exclude<Verdict, { status: 'unlinked' }>,
): string | undefined {
	if (!groupId || !verdict.groups?.ok) return undefined;
	return verdict.groups.value.groups.get(groupId)?.roleName ?? '';
}

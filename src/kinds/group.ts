import { userError } from '../errors.js';
import { parsePositiveId } from '../linking/input.js';
import { text, type Text } from '../ui/i18n.js';
import { robloxReason } from '../ui/roblox-reason.js';
import type { BindOptionValues, GroupBinding, GroupRule, KindDeps, KindModule } from './types.js';

/**
 * A Roblox group: members by rank (any member, a minimum rank, a rank range, one exact role) or "guest" (linked
 * members who are not in the group). What it asks is the group id in the one memberships question; "not in the
 * group" is only believed from a complete, successful answer (the groups part of the facts).
 */

const RANK_MIN = 0;
const RANK_MAX = 255;

const parseRank = (value: string | number | boolean | undefined, option: string): number | undefined => {
	if (value === undefined || value === '') return undefined;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
	if (!Number.isInteger(n) || n < RANK_MIN || n > RANK_MAX) throw userError('groupRankOutOfRange', { option });
	return n;
};

/** How a rule reads inside a binding's description (`group 7001 "Cat Clan", rank 50–200`). */
function ruleText(rule: GroupRule): Text {
	switch (rule.type) {
		case 'any':
			return text('groupRuleAny');
		case 'min':
			return text('groupRuleMin', { min: rule.min });
		case 'range':
			return text('groupRuleRange', { min: rule.min, max: rule.max });
		case 'role':
			return text('groupRuleRole', { role: rule.roleName ?? rule.roleId });
		case 'guest':
			return text('groupRuleGuest');
	}
}

/** Who a group binding gives its role to, in a sentence of its own (not "Members who own group …"). */
function whoGets(b: GroupBinding): Text {
	const group = b.groupName
		? text('bindingGroupRefNamed', { id: b.groupId, name: b.groupName })
		: text('bindingGroupRef', { id: b.groupId });
	const rule = b.rule;
	switch (rule.type) {
		case 'any':
			return text('bindingWhoGroupAny', { group });
		case 'min':
			return text('bindingWhoGroupMin', { group, min: rule.min });
		case 'range':
			return text('bindingWhoGroupRange', { group, min: rule.min, max: rule.max });
		case 'role':
			return text('bindingWhoGroupRole', { group, role: rule.roleName ?? rule.roleId });
		case 'guest':
			return text('bindingWhoGroupGuest', { group });
	}
}

function readRule(raw: unknown): GroupRule | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const r = raw as Record<string, unknown>;
	const rank = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255 ? v : undefined);
	switch (r.type) {
		case 'any':
		case 'guest':
			return { type: r.type };
		case 'min': {
			const min = rank(r.min);
			return min === undefined ? null : { type: 'min', min };
		}
		case 'range': {
			const min = rank(r.min);
			const max = rank(r.max);
			return min === undefined || max === undefined || min > max ? null : { type: 'range', min, max };
		}
		case 'role':
			return typeof r.roleId === 'string' && r.roleId !== ''
				? { type: 'role', roleId: r.roleId, ...(typeof r.roleName === 'string' ? { roleName: r.roleName } : {}) }
				: null;
		default:
			return null;
	}
}

export const group: KindModule<GroupBinding> = {
	kind: 'group',
	options: [
		{ name: 'group', type: 'string', maxLength: 25 },
		{
			name: 'min-rank',
			type: 'integer',
			minValue: 0,
			maxValue: 255,
		},
		{
			name: 'max-rank',
			type: 'integer',
			minValue: 0,
			maxValue: 255,
		},
		{
			name: 'group-role',
			type: 'string',
			maxLength: 100,
			autocomplete: true,
		},
		{ name: 'guest', type: 'boolean' },
	],
	async parse(values: BindOptionValues, deps: KindDeps) {
		if (values.id !== undefined && values.id !== '') throw userError('groupUsesGroupOption');
		const rawGroup = values.group;
		if (rawGroup === undefined || rawGroup === '') throw userError('groupNeedsId');
		const groupId = parsePositiveId(String(rawGroup));
		if (!groupId) throw userError('invalidGroupId');
		const min = parseRank(values['min-rank'], 'min-rank');
		const max = parseRank(values['max-rank'], 'max-rank');
		const roleInput = values['group-role'] === undefined ? '' : String(values['group-role']).trim();
		const guest = values.guest === true;
		const chosen = [min !== undefined || max !== undefined, roleInput !== '', guest].filter(Boolean).length;
		if (chosen > 1) throw userError('groupOneRule');
		if (min !== undefined && max !== undefined && min > max) throw userError('groupMinAboveMax', { min, max });
		const found = await deps.roblox.getGroup(groupId);
		if (!found) throw userError('groupNotFound', { id: groupId });
		let rule: GroupRule;
		if (guest) rule = { type: 'guest' };
		else if (roleInput !== '') {
			const roles = (await deps.roblox.getGroupRoles(groupId)) ?? [];
			const wanted = roleInput.toLowerCase();
			const role = roles.find((r) => r.id === roleInput) ?? roles.find((r) => r.name.toLowerCase() === wanted);
			if (!role) throw userError('groupRoleNotFound', { role: roleInput, group: found.name });
			rule = { type: 'role', roleId: role.id, roleName: role.name };
		} else if (min !== undefined && max !== undefined) rule = { type: 'range', min, max };
		else if (max !== undefined) rule = { type: 'range', min: 1, max };
		else if (min !== undefined) rule = { type: 'min', min };
		else rule = { type: 'any' };
		return { kind: 'group', groupId, groupName: found.name, rule };
	},
	key: (b) =>
		`${b.groupId}|${JSON.stringify(b.rule.type === 'role' ? { type: 'role', roleId: b.rule.roleId } : b.rule)}`,
	describe(b) {
		const rule = ruleText(b.rule);
		return b.groupName
			? text('bindingGroupNamed', { id: b.groupId, name: b.groupName, rule })
			: text('bindingGroup', { id: b.groupId, rule });
	},
	whoGets,
	ask(b, question) {
		if (!question.groups.includes(b.groupId)) question.groups.push(b.groupId);
	},
	judge(b, facts) {
		if (!facts.groups.ok) return { says: 'unknown', note: robloxReason(facts.groups.reason) };
		const membership = facts.groups.value.groups.get(b.groupId);
		const rule = b.rule;
		if (rule.type === 'guest')
			return membership ? { says: 'not', note: text('noteInGroup') } : { says: 'have', note: text('noteNotInGroup') };
		if (!membership) return { says: 'not', note: text('noteNotInGroup') };
		const note = text('noteGroupRank', { rank: membership.rank, role: membership.roleName });
		const has =
			rule.type === 'any' ||
			(rule.type === 'min' && membership.rank >= rule.min) ||
			(rule.type === 'range' && membership.rank >= rule.min && membership.rank <= rule.max) ||
			(rule.type === 'role' && membership.roleIds.includes(rule.roleId));
		return { says: has ? 'have' : 'not', note };
	},
	fromStored(row, base) {
		const groupId = typeof row.groupId === 'number' ? String(row.groupId) : row.groupId;
		if (typeof groupId !== 'string' || groupId === '') return null;
		const rule = readRule(row.rule);
		if (!rule) return null;
		return {
			...base,
			kind: 'group',
			groupId,
			...(typeof row.groupName === 'string' ? { groupName: row.groupName } : {}),
			rule,
		};
	},
};

import { asset } from './asset.js';
import { text, type Text } from '../ui/i18n.js';
import { badge } from './badge.js';
import { collectible } from './collectible.js';
import { gamepass } from './gamepass.js';
import { group } from './group.js';
import { privateServer } from './private-server.js';
import type {
	Binding,
	BindingBase,
	BindingKind,
	BindOptionSpec,
	CheckQuestion,
	Facts,
	Judgement,
	KindModule,
} from './types.js';

/**
 * The table of binding kinds. Adding a kind means: its module, one line here, the fake and the tests. Nothing
 * outside this folder names a kind.
 */
type Table = { [K in BindingKind]: KindModule<Extract<Binding, { kind: K }>> };

export const KINDS: Table = {
	badge,
	gamepass,
	asset,
	'private-server': privateServer,
	collectible,
	group,
};

export const KIND_NAMES = Object.keys(KINDS) as BindingKind[];

export const isBindingKind = (value: unknown): value is BindingKind =>
	typeof value === 'string' && Object.hasOwn(KINDS, value);

/** The module of a binding's kind, typed for that binding. */
export function kindOf<B extends Binding>(binding: B): KindModule<B> {
	return KINDS[binding.kind] as unknown as KindModule<B>;
}

/** How a binding reads (`badge 2124 "Welcome"`), worded later in the reader's language. */
export const describeBinding = (binding: Binding): Text => kindOf(binding).describe(binding);

/** Who a binding gives its role to ("Members who own badge 2124", "Members of group 7 ranked 50 to 200"). */
export const whoGetsRole = (binding: Binding): Text =>
	kindOf(binding).whoGets?.(binding) ?? text('bindingWhoOwns', { what: describeBinding(binding) });

export const judgeBinding = (binding: Binding, facts: Facts): Judgement => kindOf(binding).judge(binding, facts);

/** Same kind, same target, same role: the same binding. */
export const bindingKey = (binding: Omit<Binding, 'id' | 'addedAt' | 'addedBy'>): string =>
	`${binding.kind}|${kindOf(binding as Binding).key(binding as never)}|${binding.roleId}`;

/**
 * What one check must ask Roblox for these bindings. A function of a list of bindings only, so the bindings of
 * several guilds can be unioned into one question.
 */
export function questionFor(bindings: readonly Binding[]): CheckQuestion {
	const question: CheckQuestion = { items: [], collectibles: false, groups: [] };
	for (const binding of bindings) kindOf(binding).ask(binding, question);
	return question;
}

/** Nothing for the inventory budget to answer. */
export const asksInventory = (q: CheckQuestion): boolean => q.items.length > 0 || q.collectibles;

/** Every /bind add option any kind uses, once each (the first kind to declare a name describes it). */
export function bindOptionSpecs(): BindOptionSpec[] {
	const seen = new Map<string, BindOptionSpec>();
	for (const kind of KIND_NAMES)
		for (const spec of KINDS[kind].options) if (!seen.has(spec.name)) seen.set(spec.name, spec);
	return [...seen.values()];
}

/**
 * A stored row, whatever version of Rolink wrote it, as a binding; null when it cannot be one (unknown kind,
 * missing id). Rows written before kinds lived in this table already have this shape: `{ id, kind, itemId?,
 * itemName?, roleId, addedBy, addedAt }`; a stray `itemId` on a collectible row is dropped.
 */
export function bindingFromStored(raw: unknown): Binding | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const row = raw as Record<string, unknown>;
	if (!isBindingKind(row.kind) || typeof row.id !== 'string' || typeof row.roleId !== 'string') return null;
	const base: BindingBase = {
		id: row.id,
		roleId: row.roleId,
		addedBy: typeof row.addedBy === 'string' ? row.addedBy : '',
		addedAt: typeof row.addedAt === 'string' ? row.addedAt : '',
		...(row.giveOnly === true ? { giveOnly: true } : {}),
	};
	return KINDS[row.kind].fromStored(row, base);
}

export type * from './types.js';

import type { Text } from '../ui/i18n.js';
import type { GroupAnswer, ItemRef, OwnershipAnswer, RobloxUser } from '../roblox/types.js';

/**
 * A role binding: a discriminated union, one member per kind. Everything a kind knows lives in its own module in
 * this folder; `index.ts` is the table the planner, the store and the commands loop over. No discord.js here.
 */

/** Fields every binding has, whatever its kind. */
export interface BindingBase {
	/** Short stable id (6 base36 chars) that /bind remove and autocomplete refer to. */
	id: string;
	/** The Discord role this binding gives. */
	roleId: string;
	/** Give the role but never take it away for this binding (the planner treats "not" as "keep"). */
	giveOnly?: boolean;
	addedBy: string;
	addedAt: string;
}

export interface ItemBinding<K extends ItemRef['kind']> extends BindingBase {
	kind: K;
	itemId: string;
	itemName?: string;
}

export interface CollectibleBinding extends BindingBase {
	kind: 'collectible';
}

/** How a group binding picks members. Ranks are Roblox's 0–255; `role` is one exact group role (by id). */
export type GroupRule =
	| { type: 'any' }
	| { type: 'min'; min: number }
	| { type: 'range'; min: number; max: number }
	| { type: 'role'; roleId: string; roleName?: string }
	/** Linked members who are NOT in the group. */
	| { type: 'guest' };

export interface GroupBinding extends BindingBase {
	kind: 'group';
	groupId: string;
	groupName?: string;
	rule: GroupRule;
}

export type Binding =
	| ItemBinding<'badge'>
	| ItemBinding<'gamepass'>
	| ItemBinding<'asset'>
	| ItemBinding<'private-server'>
	| CollectibleBinding
	| GroupBinding;

export type BindingKind = Binding['kind'];

/** What a new binding carries before the store gives it an id and a date. */
export type NewBinding = Binding extends infer B ? (B extends Binding ? Omit<B, 'id' | 'addedAt'> : never) : never;
/** The kind-specific part of a binding: what /bind add parses. */
export type BindingTarget = Binding extends infer B ? (B extends Binding ? Omit<B, keyof BindingBase> : never) : never;

/** What one binding says about a member. */
export type Say = 'have' | 'not' | 'unknown';

export interface Judgement {
	says: Say;
	/** Why, in a few plain words for /lookup (e.g. "not in the group"), worded in the reader's language; optional. */
	note?: Text;
}

/** What one check asks Roblox, for a list of bindings (a union of bindings asks the union of questions). */
export interface CheckQuestion {
	items: ItemRef[];
	collectibles: boolean;
	/** Group ids: all of them are answered by one memberships request per member. */
	groups: string[];
}

/** A part of the answer: a complete, successful answer, or why there is none (a RobloxError code). */
export type Part<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Everything Roblox said in one check; each kind judges its bindings from its part. */
export interface Facts {
	inventory: Part<OwnershipAnswer>;
	groups: Part<GroupAnswer>;
}

/** A plain description of a /bind add option; the command turns it into a builder. */
export interface BindOptionSpec {
	name: string;
	type: 'string' | 'integer' | 'boolean';
	maxLength?: number;
	minValue?: number;
	maxValue?: number;
	autocomplete?: boolean;
}

/** The values of /bind add's kind-specific options, by name (absent: not given). */
export type BindOptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** What a kind may ask while validating a new binding. */
export interface KindDeps {
	roblox: {
		getBadge(id: string): Promise<{ name: string } | null>;
		getGroup(id: string): Promise<{ name: string } | null>;
		getGroupRoles(id: string): Promise<{ id: string; name: string; rank: number }[] | null>;
	};
}

export interface KindModule<B extends BindingBase & { kind: string } = Binding> {
	kind: B['kind'];
	/** Names of the /bind add options this kind reads (specs in `options`). */
	options: readonly BindOptionSpec[];
	/** Validate /bind add input; throws a UserError that says what to fix. */
	parse(values: BindOptionValues, deps: KindDeps): Promise<Omit<B, keyof BindingBase>>;
	/** Two bindings of this kind with the same key and role are the same binding. */
	key(binding: B): string;
	/** How it reads in /bind list, /lookup and the audit log, e.g. `badge 123 "Welcome"`. */
	describe(binding: B): Text;
	/** Who gets the role, as a new binding's confirmation says it; default "Members who own <describe>". */
	whoGets?(binding: B): Text;
	/** Its part of the one check. */
	ask(binding: B, question: CheckQuestion): void;
	/** What the answer says about it. Only a complete, successful part may say "not". */
	judge(binding: B, facts: Facts): Judgement;
	/** A stored row (any earlier shape) as a binding of this kind, or null when it cannot be one. */
	fromStored(row: Record<string, unknown>, base: BindingBase): B | null;
}

export type { RobloxUser };

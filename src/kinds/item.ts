import { userError } from '../errors.js';
import { parsePositiveId } from '../linking/input.js';
import { itemKey, type ItemKind } from '../roblox/types.js';
import { text, type PlainKey } from '../ui/i18n.js';
import { robloxReason } from '../ui/roblox-reason.js';
import type { BindOptionSpec, BindOptionValues, Facts, ItemBinding, Judgement, KindDeps, KindModule } from './types.js';

/**
 * The four inventory item kinds are one shape (a Roblox id, owned or not, asked in the one inventory filter); this
 * builds their modules so the rule is written once. Each kind's own file says what differs.
 */

export const ID_OPTION: BindOptionSpec = {
	name: 'id',
	type: 'string',
	maxLength: 25,
};

export function itemKind<K extends ItemKind>(spec: {
	kind: K;
	/** How the item reads inside a sentence: `badge 2124` (catalog key with an {{id}} placeholder). */
	word: 'bindingBadge' | 'bindingGamePass' | 'bindingAsset' | 'bindingPrivateServer';
	/** Look the item up while binding (badges are the one kind anyone can look up); returns its name. */
	lookUp?: (id: string, deps: KindDeps) => Promise<string>;
	/** Why the inventory answered but not for this kind (private servers): a /lookup note. */
	unreadable?: PlainKey;
}): KindModule<ItemBinding<K>> {
	return {
		kind: spec.kind,
		options: [ID_OPTION],
		async parse(values: BindOptionValues, deps: KindDeps) {
			const raw = values.id;
			if (raw === undefined || raw === '') throw userError('bindingNeedsId');
			const itemId = parsePositiveId(String(raw));
			if (!itemId) throw userError('invalidItemId');
			const itemName = spec.lookUp ? await spec.lookUp(itemId, deps) : undefined;
			return { kind: spec.kind, itemId, ...(itemName ? { itemName } : {}) };
		},
		key: (b) => b.itemId,
		describe(b) {
			const what = text(spec.word, { id: b.itemId });
			return b.itemName ? text('bindingWithName', { binding: what, name: b.itemName }) : what;
		},
		ask(b, question) {
			if (!question.items.some((item) => item.kind === spec.kind && item.id === b.itemId))
				question.items.push({ kind: spec.kind, id: b.itemId });
		},
		judge(b, facts: Facts): Judgement {
			if (!facts.inventory.ok) return { says: 'unknown', note: robloxReason(facts.inventory.reason) };
			const answer = facts.inventory.value;
			if (answer.unknownKinds?.has(spec.kind))
				return { says: 'unknown', note: text(spec.unreadable ?? 'noteNotReadable') };
			return { says: answer.owned.has(itemKey({ kind: spec.kind, id: b.itemId })) ? 'have' : 'not' };
		},
		fromStored(row, base) {
			const id = typeof row.itemId === 'number' ? String(row.itemId) : row.itemId;
			if (typeof id !== 'string' || id === '') return null;
			return {
				...base,
				kind: spec.kind,
				itemId: id,
				...(typeof row.itemName === 'string' ? { itemName: row.itemName } : {}),
			};
		},
	};
}

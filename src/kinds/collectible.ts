import { userError } from '../errors.js';
import { text } from '../ui/i18n.js';
import { robloxReason } from '../ui/roblox-reason.js';
import type { CollectibleBinding, KindModule } from './types.js';

/** "Owns any collectible (limited)": one question with no id, answered by one inventory item. */
export const collectible: KindModule<CollectibleBinding> = {
	kind: 'collectible',
	options: [],
	parse(values) {
		if (values.id !== undefined && values.id !== '') throw userError('bindingNoIdForCollectible');
		return Promise.resolve({ kind: 'collectible' });
	},
	key: () => '',
	describe: () => text('bindingCollectible'),
	ask(_binding, question) {
		question.collectibles = true;
	},
	judge(_binding, facts) {
		if (!facts.inventory.ok) return { says: 'unknown', note: robloxReason(facts.inventory.reason) };
		const owns = facts.inventory.value.ownsCollectible;
		// Collectibles were not asked for: unknown rather than "not owned".
		if (owns === undefined) return { says: 'unknown' };
		return { says: owns ? 'have' : 'not' };
	},
	fromStored: (_row, base) => ({ ...base, kind: 'collectible' }),
};

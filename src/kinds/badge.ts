import { userError } from '../errors.js';
import { itemKind } from './item.js';

/** A badge: owned when it is in the inventory. Looked up while binding, so a typo'd id is caught instead of never matching. */
export const badge = itemKind({
	kind: 'badge',
	word: 'bindingBadge',
	async lookUp(id, deps) {
		const found = await deps.roblox.getBadge(id);
		if (!found) throw userError('badgeNotFound', { id });
		return found.name;
	},
});

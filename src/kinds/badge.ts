import { UserError } from '../errors.js';
import { strings } from '../ui/strings.js';
import { itemKind } from './item.js';

/** A badge: owned when it is in the inventory. Looked up while binding, so a typo'd id is caught instead of never matching. */
export const badge = itemKind({
	kind: 'badge',
	label: 'Badge',
	async lookUp(id, deps) {
		const found = await deps.roblox.getBadge(id);
		if (!found) throw new UserError(strings.badgeNotFound(id));
		return found.name;
	},
});

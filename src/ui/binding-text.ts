import type { Binding, BindingKind } from '../store/guilds.js';

/** How a binding's kind and item read in every answer (/bind, /lookup, import previews). */
export const KIND_LABELS: Record<BindingKind, string> = {
	badge: 'Badge',
	gamepass: 'Game pass',
	asset: 'Asset',
	'private-server': 'Private server',
	collectible: 'Any collectible (limited)',
};

export function describeBinding(binding: Pick<Binding, 'kind' | 'itemId' | 'itemName'>): string {
	if (binding.kind === 'collectible') return 'any collectible';
	const name = binding.itemName ? ` "${binding.itemName}"` : '';
	return `${KIND_LABELS[binding.kind].toLowerCase()} ${binding.itemId}${name}`;
}

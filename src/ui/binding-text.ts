import { describeBinding, KIND_NAMES, KINDS } from '../kinds/index.js';
import type { BindingKind } from '../kinds/types.js';

/** How a binding's kind and item read in every answer (/bind, /lookup, import previews): each kind's own module says. */
export const KIND_LABELS = Object.fromEntries(KIND_NAMES.map((kind) => [kind, KINDS[kind].label])) as Record<
	BindingKind,
	string
>;

export { describeBinding };

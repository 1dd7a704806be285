import { itemKind } from './item.js';

/** A game pass: owned when it is in the inventory. */
export const gamepass = itemKind({ kind: 'gamepass', word: 'bindingGamePass' });

import { itemKind } from './item.js';

/** An asset (clothing, accessory, model…): owned when it is in the inventory. */
export const asset = itemKind({ kind: 'asset', word: 'bindingAsset' });

import { isRight } from 'fp-ts/lib/Either.js';
import type { EventUpcaster } from '../shared/event-upcaster.js';
import { NonNegativeQuantityC, Quantity, QuantityC } from '../shared/quantity.js';

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * StockAdjusted 1 → 2: a count now records the book quantity it replaced. Version 1 stored the
 * counted quantity and the signed variance, so the book quantity is their difference
 * (counted − variance): derived exactly, nothing guessed.
 */
export const stockAdjustedV1ToV2: EventUpcaster = {
  type: 'StockAdjusted',
  fromVersion: 1,
  upcast: (event) => {
    const { data } = event;
    if (!isRecord(data)) return event;
    const counted = NonNegativeQuantityC.decode(data['countedQuantity']);
    const variance = QuantityC.decode(data['quantity']);
    if (!isRight(counted) || !isRight(variance)) return event;
    const book = Quantity.subtract(counted.right, variance.right);
    return { ...event, data: { ...data, bookQuantity: Quantity.format(book) } };
  },
};

/** The inventory context's upcasters, oldest first. */
export const inventoryUpcasters: readonly EventUpcaster[] = [stockAdjustedV1ToV2];

import { describe, expect, it } from 'vitest';
import { stockAdjustedV1ToV2 } from './stock-adjusted.upcaster.js';
import { StockAdjustedC } from './stock.events.js';
import { isRight } from 'fp-ts/lib/Either.js';

const metadata = { schemaVersion: 1 };
const v1 = {
  productId: 'P1',
  warehouseId: 'W1',
  countedQuantity: '3.25',
  quantity: '-0.75',
  reason: 'count',
  balanceAfter: '3.25',
  reservedAfter: '0',
};

describe('StockAdjusted 1 → 2', () => {
  it('derives the book quantity (counted − variance) and then decodes as today’s event', () => {
    const up = stockAdjustedV1ToV2.upcast({ data: v1, metadata });
    expect(up).toEqual({ data: { ...v1, bookQuantity: '4' }, metadata });
    expect(isRight(StockAdjustedC.decode({ type: 'StockAdjusted', data: up.data }))).toBe(true);
    expect(isRight(StockAdjustedC.decode({ type: 'StockAdjusted', data: v1 }))).toBe(false);
  });

  it('a count that found more than the books: book below counted', () => {
    const up = stockAdjustedV1ToV2.upcast({
      data: { ...v1, countedQuantity: '12', quantity: '2.5' },
      metadata,
    });
    expect(up.data).toMatchObject({ bookQuantity: '9.5' });
  });

  it('leaves data it cannot read unchanged, for the codec to report', () => {
    for (const data of [null, 'x', [], { ...v1, quantity: 3 }, { ...v1, countedQuantity: '-1' }]) {
      const event = { data, metadata };
      expect(stockAdjustedV1ToV2.upcast(event)).toBe(event);
    }
  });
});

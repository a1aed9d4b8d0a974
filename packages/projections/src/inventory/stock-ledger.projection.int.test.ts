import { afterAll, describe, it } from 'vitest';
import {
  asId,
  Quantity,
  stockEventC,
  type ProductId,
  type Reference,
  type WarehouseId,
} from '@erpcore/domain';
import { projectionSpec } from '../testing/projection-spec.js';
import { stockLedgerProjection } from './stock-ledger.projection.js';

const q = (s: string): Quantity => Quantity.parse(s) ?? Quantity.zero;
const P = asId<ProductId>('SKU-1');
const A = asId<WarehouseId>('A');
const at = (balanceAfter: string, reservedAfter = '0') => ({
  productId: P,
  warehouseId: A,
  balanceAfter: q(balanceAfter),
  reservedAfter: q(reservedAfter),
});

const spec = projectionSpec(stockLedgerProjection, stockEventC);
// The first spec opens the PGlite (WASM start-up): slow on a loaded machine.
const firstSpecTimeout = 120_000;
afterAll(() => spec.close());

describe('stock_ledger projection (spec, no event store)', () => {
  it(
    'writes a row per movement that changes on hand, signed, with its time; reservations are not movements',
    () =>
      spec
        .given([
          {
            event: {
              type: 'StockReceived',
              data: { ...at('10'), quantity: q('10'), reference: 'PO-1' as Reference },
            },
            occurredAt: '2024-03-01T10:00:00.000Z',
          },
          {
            type: 'StockReserved',
            data: { ...at('10', '3'), quantity: q('3'), reference: 'O-1' as Reference },
          },
          {
            event: {
              type: 'StockDelivered',
              data: { ...at('7'), quantity: q('3'), reference: 'O-1' as Reference },
            },
            occurredAt: '2024-03-02T09:30:00.000Z',
          },
          {
            event: {
              type: 'StockAdjusted',
              data: {
                ...at('6.5'),
                countedQuantity: q('6.5'),
                bookQuantity: q('7'),
                quantity: q('-0.5'),
                reason: 'count' as Reference,
              },
            },
            occurredAt: '2024-03-03T08:00:00.000Z',
          },
        ])
        .then({
          stock_ledger: [
            {
              position: '1',
              kind: 'receipt',
              quantity: '10000',
              balance_after: '10000',
              reference: 'PO-1',
              book_quantity: null,
              occurred_at: '2024-03-01T10:00:00.000Z',
            },
            {
              position: '3',
              kind: 'delivery',
              quantity: '-3000',
              balance_after: '7000',
              reference: 'O-1',
              book_quantity: null,
              occurred_at: '2024-03-02T09:30:00.000Z',
            },
            {
              position: '4',
              kind: 'adjustment',
              quantity: '-500',
              balance_after: '6500',
              reference: 'count',
              book_quantity: '7000',
              occurred_at: '2024-03-03T08:00:00.000Z',
            },
          ],
        }),
    firstSpecTimeout,
  );
});

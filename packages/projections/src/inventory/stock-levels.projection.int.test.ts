import { afterAll, describe, expect, it } from 'vitest';
import {
  asId,
  Quantity,
  stockEventC,
  type ProductId,
  type Reference,
  type StockEvent,
  type WarehouseId,
} from '@erpcore/domain';
import { projectionSpec, ProjectionSpecError } from '../testing/projection-spec.js';
import { stockLevelsProjection } from './stock-levels.projection.js';

const q = (s: string): Quantity => Quantity.parse(s) ?? Quantity.zero;
const P = asId<ProductId>('SKU-1');
const A = asId<WarehouseId>('A');
const B = asId<WarehouseId>('B');
const at = (warehouseId: WarehouseId, balanceAfter: string, reservedAfter = '0') => ({
  productId: P,
  warehouseId,
  balanceAfter: q(balanceAfter),
  reservedAfter: q(reservedAfter),
});
const received = (w: WarehouseId, quantity: string, after: string): StockEvent => ({
  type: 'StockReceived',
  data: { ...at(w, after), quantity: q(quantity), reference: 'PO-1' as Reference },
});
const reserved = (w: WarehouseId, quantity: string, after: string, r: string): StockEvent => ({
  type: 'StockReserved',
  data: { ...at(w, after, r), quantity: q(quantity), reference: 'O-1' as Reference },
});

const spec = projectionSpec(stockLevelsProjection, stockEventC);
// The first spec opens the PGlite (WASM start-up): slow on a loaded machine.
const firstSpecTimeout = 120_000;
afterAll(() => spec.close());

describe('stock_levels projection (spec, no event store)', () => {
  it(
    'keeps one row per product and warehouse with the state after the last event',
    () =>
      spec
        .given([
          received(A, '10.5', '10.5'),
          reserved(A, '2', '10.5', '2'),
          {
            type: 'StockTransferredOut',
            data: {
              ...at(A, '6.5', '2'),
              quantity: q('4'),
              transferId: asId('T-1'),
              toWarehouseId: B,
            },
          },
          {
            type: 'StockTransferredIn',
            data: { ...at(B, '4'), quantity: q('4'), transferId: asId('T-1'), fromWarehouseId: A },
          },
        ])
        .then({
          stock_levels: [
            {
              product_id: 'SKU-1',
              warehouse_id: 'A',
              on_hand: '6500',
              reserved: '2000',
              available: '4500',
              position: '3',
            },
            {
              product_id: 'SKU-1',
              warehouse_id: 'B',
              on_hand: '4000',
              reserved: '0',
              available: '4000',
              position: '4',
            },
          ],
        }),
    firstSpecTimeout,
  );

  it('has no row before any stock event', () => spec.given([]).then({ stock_levels: [] }));

  it('fails, naming the table, when the rows differ', async () => {
    const failure = await spec
      .given([received(A, '1', '1')])
      .then({ stock_levels: [{ warehouse_id: 'A', on_hand: '2000' }] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProjectionSpecError);
    expect(failure).toMatchObject({
      actual: [{ warehouse_id: 'A', on_hand: '1000' }],
      expected: [{ warehouse_id: 'A', on_hand: '2000' }],
    });
  });
});

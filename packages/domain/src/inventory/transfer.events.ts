import * as t from 'io-ts';
import { IdC, ProductIdC, WarehouseIdC } from '../shared/id.js';
import { PositiveQuantityC } from '../shared/quantity.js';

/**
 * A transfer id was used. Stream `transfer-<id>`, appended with `no_stream` in the same atomic
 * append as both stock halves, so reusing a transfer id can never move stock twice.
 */
export const TransferRecordedC = t.readonly(
  t.type({
    type: t.literal('TransferRecorded'),
    data: t.readonly(
      t.type({
        id: IdC,
        productId: ProductIdC,
        fromWarehouseId: WarehouseIdC,
        toWarehouseId: WarehouseIdC,
        quantity: PositiveQuantityC,
      }),
    ),
  }),
  'TransferRecorded',
);
export type TransferRecorded = t.TypeOf<typeof TransferRecordedC>;

/** Every event of a transfer stream. */
export const transferEventC = TransferRecordedC;
export type TransferEvent = t.TypeOf<typeof transferEventC>;

/** The stream that records a transfer id. Kept here: only inventory knows transfers. */
export const transferStreamId = (id: string): string => `transfer-${id}`;

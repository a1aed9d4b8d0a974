import {
  stockStateOf,
  type ProductEvent,
  type ProductState,
  type StockEvent,
  type StockState,
  type TransferEvent,
  type TransferState,
  type WarehouseEvent,
  type WarehouseState,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';
import { foldingModel, streamKinds } from '../stream-kinds.js';

/**
 * A stock stream loads from its LAST event: every stock event carries `balanceAfter` and
 * `reservedAfter`, the whole state, so a SKU with a million movements loads by reading one row
 * (`readStream(…, { direction: 'backwards', maxCount: 1 })`, an index probe on
 * (stream_id, revision)). No snapshots to write or invalidate.
 */
export const stockModel: StreamModel<StockEvent, StockState> = {
  ...foldingModel(streamKinds.stock),
  load: { kind: 'lastEvent', fromLastEvent: stockStateOf },
};

/** Catalogue streams hold one event each: folding is reading one row. */
export const productModel: StreamModel<ProductEvent, ProductState> = foldingModel(
  streamKinds.product,
);
export const warehouseModel: StreamModel<WarehouseEvent, WarehouseState> = foldingModel(
  streamKinds.warehouse,
);
export const transferModel: StreamModel<TransferEvent, TransferState> = foldingModel(
  streamKinds.transfer,
);

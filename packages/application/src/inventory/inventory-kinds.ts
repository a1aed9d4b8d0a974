import {
  productDecider,
  productEventC,
  stockDecider,
  stockEventC,
  stockStateOf,
  transferDecider,
  transferEventC,
  warehouseDecider,
  warehouseEventC,
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

/**
 * A stock stream loads from its LAST event: every stock event carries `balanceAfter` and
 * `reservedAfter`, the whole state, so a SKU with a million movements loads by reading one row.
 */
export const stockModel: StreamModel<StockEvent, StockState> = {
  initialState: stockDecider.initialState,
  evolve: stockDecider.evolve,
  codec: stockEventC,
  load: { kind: 'lastEvent', fromLastEvent: stockStateOf },
};

/** Catalogue streams hold one event each: folding is reading one row. */
export const productModel: StreamModel<ProductEvent, ProductState> = {
  initialState: productDecider.initialState,
  evolve: productDecider.evolve,
  codec: productEventC,
};
export const warehouseModel: StreamModel<WarehouseEvent, WarehouseState> = {
  initialState: warehouseDecider.initialState,
  evolve: warehouseDecider.evolve,
  codec: warehouseEventC,
};
/** `transfer-<id>` only records that an id was used. */
export const transferModel: StreamModel<TransferEvent, TransferState> = {
  initialState: transferDecider.initialState,
  evolve: transferDecider.evolve,
  codec: transferEventC,
};

import {
  productDecider,
  productEventC,
  warehouseDecider,
  warehouseEventC,
  type ProductEvent,
  type ProductState,
  type WarehouseEvent,
  type WarehouseState,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';

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

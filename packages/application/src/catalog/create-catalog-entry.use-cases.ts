import { map } from 'fp-ts/lib/Either.js';
import {
  productDecider,
  streamIds,
  warehouseDecider,
  type CreateProduct,
  type CreateWarehouse,
  type ProductEvent,
  type WarehouseEvent,
} from '@erpcore/domain';
import { useCase } from '../use-case.js';
import { productModel, warehouseModel } from './catalog-kinds.js';

/** Creates a warehouse (`warehouse-<id>`); a taken id is refused by the decider. */
export const createWarehouse = useCase({
  name: 'create-warehouse',
  kinds: { warehouse: warehouseModel },
  streams: (c: CreateWarehouse) => ({ warehouse: streamIds.warehouse(c.id) }),
  decide: (states, command) =>
    map((events: readonly WarehouseEvent[]) => ({ warehouse: events }))(
      warehouseDecider.decide(command, states.warehouse),
    ),
  answer: (executed, command) => ({
    id: command.id,
    revision: executed.roles.warehouse.revision,
    position: executed.roles.warehouse.position,
  }),
});

/** Creates a product (`product-<id>`); a taken id is refused by the decider. */
export const createProduct = useCase({
  name: 'create-product',
  kinds: { product: productModel },
  streams: (c: CreateProduct) => ({ product: streamIds.product(c.id) }),
  decide: (states, command) =>
    map((events: readonly ProductEvent[]) => ({ product: events }))(
      productDecider.decide(command, states.product),
    ),
  answer: (executed, command) => ({
    id: command.id,
    revision: executed.roles.product.revision,
    position: executed.roles.product.position,
  }),
});

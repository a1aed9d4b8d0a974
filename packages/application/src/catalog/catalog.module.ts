import { catalogProjections } from '@erpcore/projections';
import { contextModule, streamKind } from '../context-module.js';
import { productModel, warehouseModel } from './catalog-kinds.js';
import { createProduct, createWarehouse } from './create-catalog-entry.use-cases.js';

/** States with nothing but strings and nulls in them are their own JSON. */
const plain = (state: unknown): unknown => state;

/** The catalogue every other context refers to: warehouses and products. */
export const catalogModule = contextModule({
  name: 'catalog',
  streamKinds: {
    warehouse: streamKind({ prefix: 'warehouse-', model: warehouseModel, stateJson: plain }),
    product: streamKind({ prefix: 'product-', model: productModel, stateJson: plain }),
  },
  useCases: { createWarehouse, createProduct },
  projections: catalogProjections,
});

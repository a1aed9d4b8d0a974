import * as t from 'io-ts';
import { ProductIdC } from '../shared/id.js';
import { NameC, UnitC } from './names.js';

/** Add a product to the catalogue with a client-chosen id (a SKU code). */
export const CreateProductC = t.readonly(
  t.type({ type: t.literal('CreateProduct'), id: ProductIdC, name: NameC, unit: UnitC }),
  'CreateProduct',
);
export type CreateProduct = t.TypeOf<typeof CreateProductC>;

export type ProductCommand = CreateProduct;

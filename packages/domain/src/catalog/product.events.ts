import * as t from 'io-ts';
import { ProductIdC } from '../shared/id.js';
import { NameC, UnitC } from './names.js';

/** A product entered the catalogue with its unit of measure. Stream `product-<id>`. */
export const ProductCreatedC = t.readonly(
  t.type({
    type: t.literal('ProductCreated'),
    data: t.readonly(t.type({ id: ProductIdC, name: NameC, unit: UnitC })),
  }),
  'ProductCreated',
);
export type ProductCreated = t.TypeOf<typeof ProductCreatedC>;

/** Every event of a product stream: the codec between the domain form and the stored `{ type, data }`. */
export const productEventC = ProductCreatedC;
export type ProductEvent = t.TypeOf<typeof productEventC>;

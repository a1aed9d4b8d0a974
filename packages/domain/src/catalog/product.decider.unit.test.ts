import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { asId, given, type ProductId } from '../index.js';
import {
  CreateProductC,
  productDecider,
  productEventC,
  type CreateProduct,
  type ProductEvent,
} from './index.js';
import type { Name, Unit } from './names.js';

const create = (id: string, unit = 'pcs'): CreateProduct => ({
  type: 'CreateProduct',
  id: asId<ProductId>(id),
  name: `Product ${id}` as Name,
  unit: unit as Unit,
});
const created = (c: CreateProduct): ProductEvent => ({
  type: 'ProductCreated',
  data: { id: c.id, name: c.name, unit: c.unit },
});

describe('product decider', () => {
  it('creates a product on an empty stream', () => {
    given(productDecider, [])
      .when(create('SKU-1', 'm'))
      .then([created(create('SKU-1', 'm'))]);
  });

  it('refuses a second creation with already_exists', () => {
    given(productDecider, [created(create('SKU-1'))])
      .when(create('SKU-1', 'kg'))
      .then('already_exists');
  });

  it('evolves to an active state with its unit', () => {
    expect(productDecider.evolve(productDecider.initialState, created(create('P', 'kg')))).toEqual({
      status: 'active',
      id: 'P',
      name: 'Product P',
      unit: 'kg',
    });
  });

  it('codecs refuse bad units and round-trip events', () => {
    expect(
      isRight(
        CreateProductC.decode({ type: 'CreateProduct', id: 'P', name: 'x', unit: 'two words' }),
      ),
    ).toBe(false);
    expect(
      isRight(CreateProductC.decode({ type: 'CreateProduct', id: 'P', name: 'x', unit: 'm2' })),
    ).toBe(true);
    const event = created(create('P'));
    expect(productEventC.decode(productEventC.encode(event))).toEqual({
      _tag: 'Right',
      right: event,
    });
  });
});

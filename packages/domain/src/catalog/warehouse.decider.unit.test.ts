import { describe, expect, it } from 'vitest';
import { asId, given, type WarehouseId } from '../index.js';
import {
  CreateWarehouseC,
  warehouseDecider,
  warehouseEventC,
  type CreateWarehouse,
  type WarehouseEvent,
} from './index.js';
import type { Name } from './names.js';
import { isRight } from 'fp-ts/lib/Either.js';

const create = (id: string, branchId: string | null = null): CreateWarehouse => ({
  type: 'CreateWarehouse',
  id: asId<WarehouseId>(id),
  name: `Warehouse ${id}` as Name,
  branchId: branchId === null ? null : asId(branchId),
});
const created = (c: CreateWarehouse): WarehouseEvent => ({
  type: 'WarehouseCreated',
  data: { id: c.id, name: c.name, branchId: c.branchId },
});

describe('warehouse decider', () => {
  it('creates a warehouse on an empty stream', () => {
    given(warehouseDecider, [])
      .when(create('W1', 'B1'))
      .then([created(create('W1', 'B1'))]);
  });

  it('refuses a second creation with already_exists', () => {
    given(warehouseDecider, [created(create('W1'))])
      .when(create('W1'))
      .then('already_exists');
  });

  it('the spec helper fails when the expectation does not hold', () => {
    expect(() => given(warehouseDecider, []).when(create('W1')).then('already_exists')).toThrow(
      /decider spec failed/,
    );
    expect(() =>
      given(warehouseDecider, [])
        .when(create('W1'))
        .then([created(create('W2'))]),
    ).toThrow(/decider spec failed/);
  });

  it('evolves to an active state other contexts can check', () => {
    const state = warehouseDecider.evolve(
      warehouseDecider.initialState,
      created(create('W1', 'B1')),
    );
    expect(state).toEqual({ status: 'active', id: 'W1', name: 'Warehouse W1', branchId: 'B1' });
  });

  it('codecs refuse bad ids and blank names, and round-trip events', () => {
    expect(
      isRight(
        CreateWarehouseC.decode({
          type: 'CreateWarehouse',
          id: 'bad id',
          name: ' ',
          branchId: null,
        }),
      ),
    ).toBe(false);
    const event = created(create('W-1.a_b', 'B1'));
    expect(warehouseEventC.decode(warehouseEventC.encode(event))).toEqual({
      _tag: 'Right',
      right: event,
    });
  });
});

import * as t from 'io-ts';
import { IdC, WarehouseIdC } from '../shared/id.js';
import { NameC } from './names.js';

/** A warehouse was opened, optionally belonging to a branch. Stream `warehouse-<id>`. */
export const WarehouseCreatedC = t.readonly(
  t.type({
    type: t.literal('WarehouseCreated'),
    data: t.readonly(t.type({ id: WarehouseIdC, name: NameC, branchId: t.union([IdC, t.null]) })),
  }),
  'WarehouseCreated',
);
export type WarehouseCreated = t.TypeOf<typeof WarehouseCreatedC>;

/** Every event of a warehouse stream: the codec between the domain form and the stored `{ type, data }`. */
export const warehouseEventC = WarehouseCreatedC;
export type WarehouseEvent = t.TypeOf<typeof warehouseEventC>;

import * as t from 'io-ts';
import { IdC, WarehouseIdC } from '../shared/id.js';
import { NameC } from './names.js';

/** Open a warehouse with a client-chosen id. */
export const CreateWarehouseC = t.readonly(
  t.type({
    type: t.literal('CreateWarehouse'),
    id: WarehouseIdC,
    name: NameC,
    branchId: t.union([IdC, t.null]),
  }),
  'CreateWarehouse',
);
export type CreateWarehouse = t.TypeOf<typeof CreateWarehouseC>;

export type WarehouseCommand = CreateWarehouse;

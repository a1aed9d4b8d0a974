import * as t from 'io-ts';
import { stockEventC } from './stock.events.js';
import { transferEventC } from './transfer.events.js';

/** Every event the inventory context writes: the stock movements and the transfer records. */
export const inventoryEventC = t.union([...stockEventC.types, transferEventC], 'InventoryEvent');
export type InventoryEvent = t.TypeOf<typeof inventoryEventC>;

import type { Name } from '../catalog/names.js';
import type { ProductState } from '../catalog/product.decider.js';
import type { WarehouseState } from '../catalog/warehouse.decider.js';
import type { Unit } from '../catalog/names.js';
import {
  asId,
  type CustomerId,
  type Id,
  type OrderId,
  type ProductId,
  type WarehouseId,
} from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import type { CustomerState } from './customer.decider.js';
import type { PlaceOrder } from './order.commands.js';

/**
 * Small builders shared by the sales unit tests (not exported from the package index): they
 * keep the specs about behaviour, not about assembling branded values.
 */
export const qty = (text: string): Quantity => {
  const q = Quantity.parse(text);
  if (q === undefined) throw new RangeError(`bad quantity ${text}`);
  return q;
};

/** Parses a money literal used in a test. */
export const money = (text: string): Money => {
  const m = Money.parse(text);
  if (m === undefined) throw new RangeError(`bad money ${text}`);
  return m;
};

/** An active product state. */
export const product = (id: string): ProductState => ({
  status: 'active',
  id: asId<ProductId>(id),
  name: `Product ${id}` as Name,
  unit: 'pcs' as Unit,
});

/** An active warehouse state. */
export const warehouse = (id: string): WarehouseState => ({
  status: 'active',
  id: asId<WarehouseId>(id),
  name: `Warehouse ${id}` as Name,
  branchId: null,
});

/** An active customer state owing `balance`. */
export const customer = (id: string, balance = '0'): CustomerState => ({
  status: 'active',
  id: asId<CustomerId>(id),
  name: `Customer ${id}` as Name,
  phone: null,
  balance: money(balance),
});

/** A place command at warehouse W1 for customer C1. */
export const placeCommand = (
  id: string,
  items: ReadonlyArray<readonly [string, string, string]>,
  at = '2024-05-01T10:00:00.000Z',
): PlaceOrder => ({
  type: 'PlaceOrder',
  id: asId<OrderId>(id),
  customerId: asId<CustomerId>('C1'),
  branchId: asId<Id>('B1'),
  salespersonId: asId<Id>('S1'),
  warehouseId: asId<WarehouseId>('W1'),
  items: items.map(([productId, quantity, unitPrice]) => ({
    productId: asId<ProductId>(productId),
    quantity: qty(quantity),
    unitPrice: money(unitPrice),
  })),
  at,
});

import type { StockState, StockWrite } from '@erpcore/domain';
import { stockModel } from '../inventory/inventory-kinds.js';
import type { RoleEvents, RoleStates } from '../use-case.js';

/**
 * A decision over several products' stock (a receipt, a delivery with lines) takes one role per
 * product, `stock:<productId>`, all of the stock kind: the roles are named by the command.
 */
export type StockRoles = { readonly [role: `stock:${string}`]: typeof stockModel };

export const stockRole = (productId: string): `stock:${string}` => `stock:${productId}`;

export const stockRoles = (products: readonly string[]): StockRoles =>
  Object.fromEntries(products.map((p) => [stockRole(p), stockModel]));

/** The roles' stock states as the domain takes them: by product id. */
export const stockStates = (
  states: RoleStates<StockRoles>,
  products: readonly string[],
): ReadonlyMap<string, StockState> =>
  new Map(
    products.flatMap((p) => {
      const s = states[stockRole(p)];
      return s === undefined ? [] : [[p, s] as const];
    }),
  );

/** The domain's stock writes as role events. */
export const stockWrites = (writes: readonly StockWrite[]): RoleEvents<StockRoles> =>
  Object.fromEntries(writes.map((w) => [stockRole(w.productId), w.events]));

import * as E from 'fp-ts/lib/Either.js';
import type { CatalogFact } from '../inventory/catalog-facts.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { DraftPurchaseOrder } from './purchase-order.commands.js';
import type { PurchaseOrderState } from './purchase-order.decider.js';
import type { PurchaseOrderEvent } from './purchase-order.events.js';
import type { SupplierState } from './supplier.decider.js';

/** What drafting reads: the order's stream and those of everything it names. */
export interface DraftPurchaseOrderStates {
  readonly order: PurchaseOrderState;
  readonly supplier: SupplierState;
  readonly warehouse: CatalogFact;
  /** Each product the lines name, by id. */
  readonly products: ReadonlyMap<string, CatalogFact>;
}

/** Drafts a purchase order: a new id, a known supplier, warehouse and products. Writes only the order. */
export const draftPurchaseOrder = (
  command: DraftPurchaseOrder,
  states: DraftPurchaseOrderStates,
): E.Either<DomainError, readonly PurchaseOrderEvent[]> => {
  if (states.order.status !== 'absent')
    return E.left(domainError('already_exists', `purchase order ${command.id} already exists`));
  if (states.supplier.status === 'absent')
    return E.left(
      domainError('unknown_supplier', `supplier ${command.supplierId} does not exist`, [
        { supplierId: command.supplierId },
      ]),
    );
  if (states.warehouse.status !== 'active')
    return E.left(
      domainError('unknown_warehouse', `warehouse ${command.warehouseId} does not exist`, [
        { warehouseId: command.warehouseId },
      ]),
    );
  const unknown = command.lines
    .map((l) => l.productId)
    .filter((id) => states.products.get(id)?.status !== 'active');
  if (unknown.length > 0)
    return E.left(
      domainError(
        'unknown_product',
        `unknown product ${unknown.join(', ')}`,
        unknown.map((productId) => ({ productId })),
      ),
    );
  return E.right([
    {
      type: 'PurchaseOrderDrafted',
      data: {
        id: command.id,
        supplierId: command.supplierId,
        warehouseId: command.warehouseId,
        lines: command.lines,
        at: command.at,
      },
    },
  ]);
};

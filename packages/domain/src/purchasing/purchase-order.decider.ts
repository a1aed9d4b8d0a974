import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { Id, ProductId, PurchaseOrderId, SupplierId, WarehouseId } from '../shared/id.js';
import { Quantity } from '../shared/quantity.js';
import type { UnitCost } from '../shared/unit-cost.js';
import type { PurchaseOrderTransition } from './purchase-order.commands.js';
import type { PurchaseOrderEvent } from './purchase-order.events.js';

/** `draft → ordered → partially_received → received`, and `closed` from any but draft. */
export type PurchaseOrderStatus =
  'draft' | 'ordered' | 'partially_received' | 'received' | 'closed';

/** One line with what has happened to it so far. */
export interface PurchaseOrderLine {
  readonly productId: ProductId;
  readonly quantity: Quantity;
  readonly unitCost: UnitCost;
  readonly received: Quantity;
  readonly billed: Quantity;
}

export type PurchaseOrderState =
  | { readonly status: 'absent' }
  | {
      readonly status: PurchaseOrderStatus;
      readonly id: PurchaseOrderId;
      readonly supplierId: SupplierId;
      readonly warehouseId: WarehouseId;
      readonly lines: readonly PurchaseOrderLine[];
      readonly receiptIds: readonly Id[];
      readonly billIds: readonly Id[];
    };

export const purchaseOrderNotFound = (id: string): DomainError =>
  domainError('not_found', `purchase order ${id} does not exist`);

const refuse = (id: string, status: string, action: string) =>
  E.left(
    domainError('invalid_transition', `purchase order ${id} is ${status}: it cannot be ${action}`, [
      { status },
    ]),
  );

const addTo = (
  lines: readonly PurchaseOrderLine[],
  moved: ReadonlyArray<{ productId: ProductId; quantity: Quantity }>,
  field: 'received' | 'billed',
): readonly PurchaseOrderLine[] =>
  lines.map((line) => {
    const m = moved.find((x) => x.productId === line.productId);
    return m === undefined ? line : { ...line, [field]: Quantity.add(line[field], m.quantity) };
  });

/** Decides placing and closing; drafting, receiving and billing span streams (their decisions). */
export const purchaseOrderDecider: Decider<
  PurchaseOrderTransition,
  PurchaseOrderEvent,
  PurchaseOrderState
> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    if (state.status === 'absent') return E.left(purchaseOrderNotFound(command.id));
    switch (command.type) {
      case 'PlacePurchaseOrder':
        return state.status === 'draft'
          ? E.right([{ type: 'PurchaseOrderPlaced', data: { id: state.id, at: command.at } }])
          : refuse(state.id, state.status, 'placed');
      case 'ClosePurchaseOrder':
        return state.status === 'draft' || state.status === 'closed'
          ? refuse(state.id, state.status, 'closed')
          : E.right([{ type: 'PurchaseOrderClosed', data: { id: state.id, at: command.at } }]);
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PurchaseOrderDrafted':
        return {
          status: 'draft',
          id: event.data.id,
          supplierId: event.data.supplierId,
          warehouseId: event.data.warehouseId,
          lines: event.data.lines.map((l) => ({
            ...l,
            received: Quantity.zero,
            billed: Quantity.zero,
          })),
          receiptIds: [],
          billIds: [],
        };
      case 'PurchaseOrderPlaced':
        return state.status === 'absent' ? state : { ...state, status: 'ordered' };
      case 'GoodsReceived':
        return state.status === 'absent'
          ? state
          : {
              ...state,
              status: event.data.fullyReceived ? 'received' : 'partially_received',
              lines: addTo(state.lines, event.data.lines, 'received'),
              receiptIds: [...state.receiptIds, event.data.receiptId],
            };
      case 'PurchaseOrderBilled':
        return state.status === 'absent'
          ? state
          : {
              ...state,
              lines: addTo(state.lines, event.data.lines, 'billed'),
              billIds: [...state.billIds, event.data.billId],
            };
      case 'PurchaseOrderClosed':
        return state.status === 'absent' ? state : { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};

import * as E from 'fp-ts/lib/Either.js';
import type { Name } from '../catalog/names.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { CustomerId, Id, OrderId, WarehouseId } from '../shared/id.js';
import type { Money } from '../shared/money.js';
import type { OrderTransition } from './order.commands.js';
import type { OrderEvent, OrderLine } from './order.events.js';
import { deliveryJournalEntryId } from './sales-ids.js';
import {
  addFulfilment,
  emptyFulfilment,
  wholeOrderLines,
  type OrderFulfilment,
} from './order-fulfilment.js';

/** Where an order is in its life: `pending → confirmed → delivered`, or `cancelled` from the first two. */
export type OrderStatus = 'pending' | 'confirmed' | 'delivered' | 'cancelled';

/** An order that exists: what was placed, and where it is now. */
export interface PlacedOrder {
  readonly status: OrderStatus;
  readonly id: OrderId;
  readonly customerId: CustomerId;
  readonly customerName: Name;
  readonly branchId: Id;
  readonly salespersonId: Id;
  readonly warehouseId: WarehouseId;
  readonly items: readonly OrderLine[];
  readonly total: Money;
  readonly placedAt: string;
  readonly updatedAt: string;
  /** Deliveries and returns, once anything shipped (absent before). */
  readonly fulfilment?: OrderFulfilment;
}

/** An order stream's state. */
export type OrderState = { readonly status: 'absent' } | PlacedOrder;

/** The refusal for a command on an order id that was never placed (404). */
export const orderNotFound = (id: string) => domainError('not_found', `order ${id} does not exist`);

const refuse = (state: PlacedOrder, action: string) =>
  E.left(
    domainError(
      'invalid_transition',
      `order ${state.id} is ${state.status}: it cannot be ${action}`,
      [{ status: state.status }],
    ),
  );

/**
 * Decides the order stream's part of confirm, deliver and cancel: whether the move is legal from
 * the current status. The other streams' parts are decided around it by the multi-stream decisions.
 */
export const orderDecider: Decider<OrderTransition, OrderEvent, OrderState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    if (state.status === 'absent') return E.left(orderNotFound(command.id));
    switch (command.type) {
      case 'ConfirmOrder':
        return state.status === 'pending'
          ? E.right([{ type: 'OrderConfirmed', data: { id: state.id, at: command.at } }])
          : refuse(state, 'confirmed');
      case 'DeliverOrder':
        return state.status === 'confirmed'
          ? E.right([
              {
                type: 'OrderDelivered',
                // A zero total posts nothing: a journal entry needs amounts.
                data: {
                  id: state.id,
                  total: state.total,
                  journalEntryId: state.total > 0n ? deliveryJournalEntryId(state.id) : null,
                  at: command.at,
                },
              },
            ])
          : refuse(state, 'delivered');
      case 'CancelOrder':
        return state.status === 'pending' || state.status === 'confirmed'
          ? E.right([
              {
                type: 'OrderCancelled',
                data: {
                  id: state.id,
                  reason: command.reason,
                  releasedReservations: state.status === 'confirmed',
                  at: command.at,
                },
              },
            ])
          : refuse(state, 'cancelled');
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'OrderPlaced': {
        const { at, ...placed } = event.data;
        return { status: 'pending', ...placed, placedAt: at, updatedAt: at };
      }
      case 'OrderConfirmed':
        return state.status === 'absent'
          ? state
          : { ...state, status: 'confirmed', updatedAt: event.data.at };
      case 'OrderDelivered': {
        if (state.status === 'absent') return state;
        // A whole-order delivery ships every line; one that completes partial deliveries adds nothing.
        const fulfilment =
          state.fulfilment ??
          ((f) => addFulfilment(f, event.data.lines ?? wholeOrderLines(f), 'delivered'))(
            emptyFulfilment(state.items),
          );
        return { ...state, status: 'delivered', updatedAt: event.data.at, fulfilment };
      }
      case 'OrderLinesDelivered': {
        if (state.status === 'absent') return state;
        const f = state.fulfilment ?? emptyFulfilment(state.items);
        return {
          ...state,
          updatedAt: event.data.at,
          fulfilment: {
            ...addFulfilment(f, event.data.lines, 'delivered'),
            deliveryIds: [...f.deliveryIds, event.data.deliveryId],
          },
        };
      }
      case 'OrderLinesReturned': {
        if (state.status === 'absent') return state;
        const f = state.fulfilment ?? emptyFulfilment(state.items);
        return {
          ...state,
          updatedAt: event.data.at,
          fulfilment: {
            ...addFulfilment(f, event.data.lines, 'returned'),
            returnIds: [...f.returnIds, event.data.returnId],
          },
        };
      }
      case 'OrderCancelled':
        return state.status === 'absent'
          ? state
          : { ...state, status: 'cancelled', updatedAt: event.data.at };
      default:
        return assertNever(event);
    }
  },
};

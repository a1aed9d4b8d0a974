import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { ProductId, WarehouseId } from '../shared/id.js';
import { quantityLimit } from '../shared/limits.js';
import { Quantity } from '../shared/quantity.js';
import type { StockCommand } from './stock.commands.js';
import type { StockEvent } from './stock.events.js';

/**
 * One product in one warehouse. `reserved ≤ onHand` always holds, so available
 * (`onHand − reserved`) is never negative.
 */
export interface StockState {
  readonly onHand: Quantity;
  readonly reserved: Quantity;
}

/** What can still be issued or reserved. */
export const availableOf = (state: StockState): Quantity =>
  Quantity.subtract(state.onHand, state.reserved);

/**
 * The state after a stock event, from that event alone. Every stock event carries the state it
 * leaves, so this is also the `lastEvent` load strategy: a hot SKU loads by reading ONE event,
 * however long its history, and it equals folding the whole stream (a property test checks it).
 */
export const stockStateOf = (event: StockEvent): StockState => ({
  onHand: event.data.balanceAfter,
  reserved: event.data.reservedAfter,
});

/** The refusal for asking more than is available, with the figures a client needs. */
export const insufficientStock = (
  productId: ProductId,
  warehouseId: WarehouseId,
  requested: Quantity,
  available: Quantity,
): DomainError =>
  domainError(
    'insufficient_stock',
    `only ${Quantity.format(available)} of ${productId} available in ${warehouseId}, ${Quantity.format(requested)} requested`,
    [
      {
        productId,
        warehouseId,
        requested: Quantity.format(requested),
        available: Quantity.format(available),
      },
    ],
  );

const invalidTransition = (message: string): DomainError =>
  domainError('invalid_transition', message);

const decide = (
  command: StockCommand,
  state: StockState,
): E.Either<DomainError, readonly StockEvent[]> => {
  const at = { productId: command.productId, warehouseId: command.warehouseId };
  const { onHand, reserved } = state;
  const available = availableOf(state);
  if (command.type === 'AdjustStock') {
    const counted = command.countedQuantity;
    if (counted < 0n)
      return E.left(
        domainError('validation_failed', 'countedQuantity must be >= 0', [
          { path: 'countedQuantity', message: 'must be >= 0' },
        ]),
      );
    // A count below what is promised to orders would make available negative: those
    // reservations must be released (or the orders cancelled) first.
    if (counted < reserved)
      return E.left(
        insufficientStock(
          at.productId,
          at.warehouseId,
          Quantity.subtract(onHand, counted),
          available,
        ),
      );
    const over = quantityLimit('onHand', counted, at);
    if (over !== undefined) return E.left(over);
    const data = {
      ...at,
      countedQuantity: counted,
      quantity: Quantity.subtract(counted, onHand),
      reason: command.reason,
      balanceAfter: counted,
      reservedAfter: reserved,
    };
    return E.right([{ type: 'StockAdjusted', data }]);
  }
  const q = command.quantity;
  if (q <= 0n)
    return E.left(
      domainError('validation_failed', 'quantity must be > 0', [
        { path: 'quantity', message: 'must be > 0' },
      ]),
    );
  switch (command.type) {
    case 'ReceiveStock': {
      // The receipt that would take on hand past the bound is refused, so no sum of receipts
      // ever leaves what the read models hold.
      const over = quantityLimit('onHand', Quantity.add(onHand, q), at);
      if (over !== undefined) return E.left(over);
      return E.right([
        {
          type: 'StockReceived',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter: Quantity.add(onHand, q),
            reservedAfter: reserved,
          },
        },
      ]);
    }
    case 'IssueStock':
      if (q > available)
        return E.left(insufficientStock(at.productId, at.warehouseId, q, available));
      return E.right([
        {
          type: 'StockIssued',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter: Quantity.subtract(onHand, q),
            reservedAfter: reserved,
          },
        },
      ]);
    case 'ReserveStock':
      if (q > available)
        return E.left(insufficientStock(at.productId, at.warehouseId, q, available));
      return E.right([
        {
          type: 'StockReserved',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter: onHand,
            reservedAfter: Quantity.add(reserved, q),
          },
        },
      ]);
    case 'ReleaseStock':
      if (q > reserved)
        return E.left(
          invalidTransition(
            `cannot release ${Quantity.format(q)}: only ${Quantity.format(reserved)} reserved`,
          ),
        );
      return E.right([
        {
          type: 'StockReleased',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter: onHand,
            reservedAfter: Quantity.subtract(reserved, q),
          },
        },
      ]);
    case 'DeliverStock':
      // Delivery ships what an order reserved; without that reservation it is a bug upstream.
      if (q > reserved)
        return E.left(
          invalidTransition(
            `cannot deliver ${Quantity.format(q)}: only ${Quantity.format(reserved)} reserved`,
          ),
        );
      return E.right([
        {
          type: 'StockDelivered',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter: Quantity.subtract(onHand, q),
            reservedAfter: Quantity.subtract(reserved, q),
          },
        },
      ]);
    default:
      return assertNever(command);
  }
};

/**
 * Decides on one `stock-<productId>@<warehouseId>` stream, assuming the product and the
 * warehouse exist (`decideStockMovement` checks the catalogue first). Pure and total.
 * `evolve` ignores the previous state: each event holds the whole next state.
 */
export const stockDecider: Decider<StockCommand, StockEvent, StockState> = {
  initialState: { onHand: Quantity.zero, reserved: Quantity.zero },
  decide,
  evolve: (_state, event) => stockStateOf(event),
};

import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { ProductId, WarehouseId } from '../shared/id.js';
import { quantityLimit } from '../shared/limits.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { UnitCost } from '../shared/unit-cost.js';
import { incomingAtAverage, outgoingValue } from './moving-average.js';
import type { StockCommand } from './stock.commands.js';
import type { StockEvent } from './stock.events.js';

/**
 * One product in one warehouse. `reserved ≤ onHand` always holds, so available
 * (`onHand − reserved`) is never negative.
 */
export interface StockState {
  readonly onHand: Quantity;
  readonly reserved: Quantity;
  /** Moving-average value of what is on hand, in cents; absent means zero (an unvalued stream). */
  readonly value?: Money;
}

/** The stream's value in cents (zero when it was never valued). */
export const valueOf = (state: StockState): Money => state.value ?? Money.zero;

/** What can still be issued or reserved. */
export const availableOf = (state: StockState): Quantity =>
  Quantity.subtract(state.onHand, state.reserved);

/**
 * The state after a stock event, from that event alone. Every stock event carries the state it
 * leaves, so this is also the `lastEvent` load strategy: a hot SKU loads by reading ONE event,
 * however long its history, and it equals folding the whole stream (a property test checks it).
 */
export const stockStateOf = (event: StockEvent): StockState => {
  const value = event.data.valueAfter ?? Money.zero;
  const state = { onHand: event.data.balanceAfter, reserved: event.data.reservedAfter };
  return value === 0n ? state : { ...state, value };
};

/**
 * The valuation fields of an event that moved `cost` and leaves `valueAfter` on `onHandAfter`.
 * Omitted when the stream had no value before or after and the movement carried none, so an
 * unvalued stream's events are exactly what they were before valuation existed.
 */
export const valuationFields = (
  before: StockState,
  cost: Money,
  valueAfter: Money,
  onHandAfter: Quantity,
): { cost?: Money; valueAfter?: Money; unitCostAfter?: UnitCost } =>
  valueOf(before) === 0n && cost === 0n && valueAfter === 0n
    ? {}
    : { cost, valueAfter, unitCostAfter: UnitCost.average(valueAfter, onHandAfter) };

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

/** The valuation fields of `q` leaving at the moving average. */
export const outgoing = (state: StockState, q: Quantity): ReturnType<typeof valuationFields> => {
  const cost = outgoingValue(valueOf(state), state.onHand, q);
  const onHandAfter = Quantity.subtract(state.onHand, q);
  return valuationFields(state, cost, Money.subtract(valueOf(state), cost), onHandAfter);
};

const invalidTransition = (message: string): DomainError =>
  domainError('invalid_transition', message);

const decide = (
  command: StockCommand,
  state: StockState,
): E.Either<DomainError, readonly StockEvent[]> => {
  const at = { productId: command.productId, warehouseId: command.warehouseId };
  const { onHand, reserved } = state;
  const available = availableOf(state);
  const value = valueOf(state);
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
    const change = Quantity.subtract(counted, onHand);
    const cost =
      change >= 0n
        ? incomingAtAverage(value, onHand, change)
        : outgoingValue(value, onHand, Quantity.negate(change));
    const valueAfter = Money.add(value, change >= 0n ? cost : Money.negate(cost));
    const data = {
      ...at,
      countedQuantity: counted,
      bookQuantity: onHand,
      quantity: change,
      reason: command.reason,
      balanceAfter: counted,
      reservedAfter: reserved,
      ...valuationFields(state, cost, valueAfter, counted),
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
      const cost =
        command.value ??
        (command.unitCost === undefined
          ? incomingAtAverage(value, onHand, q)
          : UnitCost.valueOf(q, command.unitCost));
      const balanceAfter = Quantity.add(onHand, q);
      return E.right([
        {
          type: 'StockReceived',
          data: {
            ...at,
            quantity: q,
            reference: command.reference,
            balanceAfter,
            reservedAfter: reserved,
            ...valuationFields(state, cost, Money.add(value, cost), balanceAfter),
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
            ...outgoing(state, q),
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
            ...valuationFields(state, Money.zero, value, onHand),
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
            ...valuationFields(state, Money.zero, value, onHand),
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
            ...outgoing(state, q),
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

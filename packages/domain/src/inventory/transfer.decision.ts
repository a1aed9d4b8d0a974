import * as E from 'fp-ts/lib/Either.js';
import { checkPeriodOpen } from '../settings/period-lock.js';
import type { SettingsState } from '../settings/settings.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { quantityLimit } from '../shared/limits.js';
import { Quantity } from '../shared/quantity.js';
import type { CatalogFact } from './catalog-facts.js';
import type { TransferStock } from './stock.commands.js';
import { Money } from '../shared/money.js';
import { outgoingValue } from './moving-average.js';
import {
  availableOf,
  insufficientStock,
  outgoing,
  valuationFields,
  valueOf,
  type StockState,
} from './stock.decider.js';
import type { StockTransferredIn, StockTransferredOut } from './stock.events.js';
import { transferDecider, type TransferState } from './transfer.decider.js';
import type { TransferEvent } from './transfer.events.js';

/** Every stream a transfer reads, in its current state. */
export interface TransferInput {
  readonly product: CatalogFact;
  readonly from: CatalogFact;
  readonly to: CatalogFact;
  readonly source: StockState;
  readonly destination: StockState;
  readonly transfer: TransferState;
  /** The lock date a dated transfer must be after (absent: not checked). */
  readonly settings?: SettingsState;
}

/** The events for each stream; the caller appends all three in one `appendMulti`. */
export interface TransferDecision {
  readonly source: readonly [StockTransferredOut];
  readonly destination: readonly [StockTransferredIn];
  readonly transfer: readonly TransferEvent[];
}

/**
 * Decides a transfer: an issue at the source and a receipt at the destination of the same
 * quantity, linked by the transfer id, so stock is neither created nor destroyed. Pure.
 */
export const decideTransfer = (
  input: TransferInput,
  command: TransferStock,
): E.Either<DomainError, TransferDecision> => {
  const { productId, fromWarehouseId, toWarehouseId, transferId, quantity: q } = command;
  if (fromWarehouseId === toWarehouseId)
    return E.left(
      domainError('validation_failed', 'a transfer needs two different warehouses', [
        { path: 'toWarehouseId', message: 'must differ from fromWarehouseId' },
      ]),
    );
  if (q <= 0n)
    return E.left(
      domainError('validation_failed', 'quantity must be > 0', [
        { path: 'quantity', message: 'must be > 0' },
      ]),
    );
  if (command.date !== undefined && input.settings !== undefined) {
    const open = checkPeriodOpen(input.settings, command.date);
    if (E.isLeft(open)) return open;
  }
  const recorded = transferDecider.decide(command, input.transfer);
  if (E.isLeft(recorded)) return recorded;
  if (input.product.status !== 'active')
    return E.left(domainError('unknown_product', `unknown product ${productId}`, [{ productId }]));
  if (input.from.status !== 'active')
    return E.left(
      domainError('unknown_warehouse', `unknown warehouse ${fromWarehouseId}`, [
        { warehouseId: fromWarehouseId },
      ]),
    );
  if (input.to.status !== 'active')
    return E.left(
      domainError('unknown_warehouse', `unknown warehouse ${toWarehouseId}`, [
        { warehouseId: toWarehouseId },
      ]),
    );
  const available = availableOf(input.source);
  if (q > available) return E.left(insufficientStock(productId, fromWarehouseId, q, available));
  const over = quantityLimit('onHand', Quantity.add(input.destination.onHand, q), {
    productId,
    warehouseId: toWarehouseId,
  });
  if (over !== undefined) return E.left(over);
  const out: StockTransferredOut = {
    type: 'StockTransferredOut',
    data: {
      productId,
      warehouseId: fromWarehouseId,
      quantity: q,
      transferId,
      toWarehouseId,
      balanceAfter: Quantity.subtract(input.source.onHand, q),
      reservedAfter: input.source.reserved,
      ...outgoing(input.source, q),
    },
  };
  // The destination's average absorbs exactly the value that left the source.
  const moved = outgoingValue(valueOf(input.source), input.source.onHand, q);
  const destinationAfter = Quantity.add(input.destination.onHand, q);
  const into: StockTransferredIn = {
    type: 'StockTransferredIn',
    data: {
      productId,
      warehouseId: toWarehouseId,
      quantity: q,
      transferId,
      fromWarehouseId,
      balanceAfter: destinationAfter,
      reservedAfter: input.destination.reserved,
      ...valuationFields(
        input.destination,
        moved,
        Money.add(valueOf(input.destination), moved),
        destinationAfter,
      ),
    },
  };
  return E.right({ source: [out], destination: [into], transfer: recorded.right });
};

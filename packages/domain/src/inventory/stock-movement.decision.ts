import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { CatalogFact } from './catalog-facts.js';
import type { StockCommand } from './stock.commands.js';
import { stockDecider, type StockState } from './stock.decider.js';
import type { StockEvent } from './stock.events.js';

/** Everything a movement on one stock stream is decided from. */
export interface StockMovementInput {
  readonly product: CatalogFact;
  readonly warehouse: CatalogFact;
  readonly stock: StockState;
}

/**
 * Decides a receipt, issue, adjustment, reservation, release or delivery: refuses an unknown
 * product or warehouse, then applies the stock stream's own rules. Pure.
 */
export const decideStockMovement = (
  input: StockMovementInput,
  command: StockCommand,
): E.Either<DomainError, readonly StockEvent[]> => {
  if (input.product.status !== 'active')
    return E.left(
      domainError('unknown_product', `unknown product ${command.productId}`, [
        { productId: command.productId },
      ]),
    );
  if (input.warehouse.status !== 'active')
    return E.left(
      domainError('unknown_warehouse', `unknown warehouse ${command.warehouseId}`, [
        { warehouseId: command.warehouseId },
      ]),
    );
  return stockDecider.decide(command, input.stock);
};

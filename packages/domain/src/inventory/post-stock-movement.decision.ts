import * as E from 'fp-ts/lib/Either.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { derivedId } from '../sales/sales-ids.js';
import { decideAutomaticEntry, type PostingStates } from '../settings/automatic-entry.js';
import { checkPeriodOpen } from '../settings/period-lock.js';
import type { DomainError } from '../shared/domain-error.js';
import type { JournalEntryId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import type { CatalogFact } from './catalog-facts.js';
import { decideStockMovement } from './stock-movement.decision.js';
import type { PostedStockCommand, PostStockMovement } from './stock-posting.commands.js';
import { valueOf, type StockState } from './stock.decider.js';
import type { StockEvent } from './stock.events.js';

/** The entry a warehouse movement posts: `stock-<movementId>` (stream `journal-stock-<id>`). */
export const stockMovementJournalEntryId = (movementId: string): JournalEntryId =>
  derivedId('stock', movementId, '');

/** What a posted movement reads: its stock stream, the catalogue facts, and what a posting reads. */
export interface PostStockMovementStates extends PostingStates {
  readonly product: CatalogFact;
  readonly warehouse: CatalogFact;
  readonly stock: StockState;
}

/** What it writes, in one atomic append. */
export interface PostStockMovementOutcome {
  readonly stock: readonly StockEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

const descriptionOf = (m: PostedStockCommand): string => {
  const at = `${m.productId} at ${m.warehouseId}`;
  switch (m.type) {
    case 'ReceiveStock':
      return `Stock receipt of ${at}${m.reference === null ? '' : `: ${m.reference}`}`;
    case 'IssueStock':
      return `Stock issue of ${at}${m.reference === null ? '' : `: ${m.reference}`}`;
    case 'AdjustStock':
      return `Stock count of ${at}: ${m.reason}`;
  }
};

/**
 * A receipt, issue or count outside purchasing and sales, valued and posted in one decision:
 * refused with `period_locked` when dated on or before the lock date (before anything else, so a
 * closed period is never touched), then the stock stream's own rules, then the entry for the
 * change in the stream's moving-average value. The value delta is the figure posted, so the
 * inventory account moves by exactly what the valuation moved:
 * - value in (a receipt at its cost or at the average, a count up): Dr inventory / Cr stockAdjustment;
 * - value out (an issue or a count down, at the average): Dr stockAdjustment / Cr inventory.
 * An unvalued stream (nothing ever received at a cost) moves no value and posts no entry.
 */
export const postStockMovement = (
  command: PostStockMovement,
  states: PostStockMovementStates,
): E.Either<DomainError, PostStockMovementOutcome> => {
  const open = checkPeriodOpen(states.settings, command.date);
  if (E.isLeft(open)) return open;
  const stock = decideStockMovement(states, command.movement);
  if (E.isLeft(stock)) return stock;
  const after = stock.right.at(-1)?.data.valueAfter ?? Money.zero;
  const delta = Money.subtract(after, valueOf(states.stock));
  const amount = delta < 0n ? Money.negate(delta) : delta;
  const accounts = states.settings.postingAccounts;
  const [debit, credit] =
    delta >= 0n
      ? [accounts.inventory, accounts.stockAdjustment]
      : [accounts.stockAdjustment, accounts.inventory];
  const entry = decideAutomaticEntry(states, {
    id: stockMovementJournalEntryId(command.movementId),
    date: command.date,
    description: descriptionOf(command.movement),
    lines: [
      { accountId: debit, side: 'debit', amount },
      { accountId: credit, side: 'credit', amount },
    ],
  });
  if (E.isLeft(entry)) return entry;
  return E.right({ stock: stock.right, ...entry.right });
};

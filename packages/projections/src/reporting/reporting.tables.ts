import type { ColumnType } from 'kysely';
import type { Int8Column } from '../read-models.js';

/** A `date` column, written as `YYYY-MM-DD`. */
type DayColumn = ColumnType<string, string, string>;

/** One row per product and warehouse: the moving-average valuation after its last movement. */
export interface StockValuationTable {
  product_id: string;
  warehouse_id: string;
  /** Thousandths. */
  on_hand: Int8Column;
  /** Cents: the figure of record. */
  value: Int8Column;
  /** Millionths (6 decimals), value ÷ on hand half-even. */
  unit_cost: Int8Column;
  position: Int8Column;
}

/**
 * Debits and credits per account per day, in cents. Reports "for a period" and "at a date" are
 * sums over a range of days on the primary key (account, day): the table grows with accounts ×
 * active days, not with postings.
 */
export interface LedgerDailyTable {
  account_id: string;
  day: DayColumn;
  debit: Int8Column;
  credit: Int8Column;
}

/** One row per document that changed what a customer owes us or we owe a supplier. */
export interface PartyLedgerTable {
  /** The event's global position: one row per event, replays overwrite nothing. */
  position: Int8Column;
  party_kind: 'customer' | 'supplier';
  party_id: string;
  /** The order, bill or payment id the row comes from. */
  document_id: string;
  day: DayColumn;
  /** Cents: > 0 raises the debt (a delivery, a bill), < 0 lowers it (a payment, a return). */
  amount: Int8Column;
}

declare module '../read-models.js' {
  interface ReadModels {
    stock_valuation: StockValuationTable;
    ledger_daily: LedgerDailyTable;
    party_ledger: PartyLedgerTable;
  }
}

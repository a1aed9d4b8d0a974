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

/** A party (customer or supplier) that ever owed or was owed, and the last event applied to it. */
export interface PartiesTable {
  party_kind: 'customer' | 'supplier';
  party_id: string;
  /** Events at or below it were applied: a replay changes nothing. */
  position: Int8Column;
}

/**
 * Per party and day it moved: what it was charged and what it paid or got back (cents), each a
 * running total through that day. A balance at any date is the last row on or before it.
 */
export interface PartyDailyTotalsTable {
  party_kind: 'customer' | 'supplier';
  party_id: string;
  day: DayColumn;
  charged: Int8Column;
  credited: Int8Column;
}

declare module '../read-models.js' {
  interface ReadModels {
    stock_valuation: StockValuationTable;
    ledger_daily: LedgerDailyTable;
    parties: PartiesTable;
    party_daily_totals: PartyDailyTotalsTable;
  }
}

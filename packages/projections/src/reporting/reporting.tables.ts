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
 * Per account and day it moved: its debits and credits through that day (running totals, in
 * cents). An account's sums up to a date are the last row on or before it, over a period the
 * difference of two such rows: one or two primary-key seeks per account, however long the
 * history. The table grows with accounts × active days, not with postings.
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
  /**
   * The last day it moved (null until a movement of some amount), what it had been credited
   * through it, and its `party_daily_totals` days and charged totals from 91 days before it (with
   * the last day before those): all its aging on any date from `last_day` on depends on, read
   * from the row itself (`width_bucket` finds a day in the sorted array).
   */
  last_day: ColumnType<string | null, string | null, string | null>;
  credited: ColumnType<string | null, string | null, string | null>;
  tail_days: ColumnType<string[] | null, never, never>;
  tail_charged: ColumnType<string[] | null, never, never>;
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

/** Cents open by age: 0–30 days old, 31–60, 61–90, over 90. */
interface AgingBucketColumns {
  current: Int8Column;
  days_31_60: Int8Column;
  days_61_90: Int8Column;
  over_90: Int8Column;
}

/**
 * Per party and day its aging changed (a day it moved, or 31, 61 or 91 days after one): its aging
 * from that day on. Its aging as of any date is the last row on or before it.
 */
export interface PartyAgingStepsTable extends AgingBucketColumns {
  party_kind: 'customer' | 'supplier';
  party_id: string;
  day: DayColumn;
}

/** Per party kind and day the sum changed: the aging summed over every party from that day on. */
export interface PartyAgingTotalsTable extends AgingBucketColumns {
  party_kind: 'customer' | 'supplier';
  day: DayColumn;
}

/** Σ `stock_valuation.value` per warehouse, kept with it: a valuation's total in one row. */
export interface StockValueByWarehouseTable {
  warehouse_id: string;
  value: Int8Column;
}

declare module '../read-models.js' {
  interface ReadModels {
    stock_valuation: StockValuationTable;
    ledger_daily: LedgerDailyTable;
    parties: PartiesTable;
    party_daily_totals: PartyDailyTotalsTable;
    party_aging_steps: PartyAgingStepsTable;
    party_aging_totals: PartyAgingTotalsTable;
    stock_value_by_warehouse: StockValueByWarehouseTable;
  }
}

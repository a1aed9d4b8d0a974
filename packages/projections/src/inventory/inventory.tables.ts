import type { ColumnType } from 'kysely';
import type { Int8Column, NullableInt8Column } from '../read-models.js';

/**
 * One row per product and warehouse that ever had a movement (kept at zero too). Quantities are
 * exact thousandths in `bigint` columns (the domain's `Quantity`), never floats; the API formats
 * them as decimal strings.
 */
export interface StockLevelsTable {
  product_id: string;
  warehouse_id: string;
  on_hand: Int8Column;
  reserved: Int8Column;
  /** Generated: `on_hand − reserved`. */
  available: ColumnType<string, never, never>;
  /** Global position of the event that set this row: replays never move it backwards. */
  position: Int8Column;
}

/** The ledger's movement kinds: on-hand changes only (reservations are not movements). */
export type StockLedgerKind =
  'receipt' | 'issue' | 'adjustment' | 'transfer_out' | 'transfer_in' | 'delivery';

/** One row per on-hand movement, with the running balance after it. */
export interface StockLedgerTable {
  /** The global position of the event that made the row (what the command answered with). */
  position: Int8Column;
  product_id: string;
  warehouse_id: string;
  kind: StockLedgerKind;
  /** Signed change in thousandths: an issue is negative, an adjustment is counted − previous. */
  quantity: Int8Column;
  balance_after: Int8Column;
  /** The movement's reference, an adjustment's reason, or a transfer's id. */
  reference: string | null;
  /** An adjustment's book quantity before the count, in thousandths; null for other kinds. */
  book_quantity: NullableInt8Column;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
}

declare module '../read-models.js' {
  interface ReadModels {
    stock_levels: StockLevelsTable;
    stock_ledger: StockLedgerTable;
  }
}

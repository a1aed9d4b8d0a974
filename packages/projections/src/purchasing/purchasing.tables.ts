import type { ColumnType } from 'kysely';
import type { Int8Column } from '../read-models.js';

/** A `timestamptz` column set from the event's time. */
type TimeColumn = ColumnType<Date, Date | string, Date | string>;

/** One ordered line as `purchase_order_list.lines` stores and serves it: decimals as strings. */
export interface PurchaseOrderListLine {
  readonly productId: string;
  readonly quantity: string;
  readonly unitCost: string;
}

/** One row per supplier, with what we owe them (`GET /v1/suppliers`). */
export interface SupplierBalancesTable {
  id: string;
  name: string;
  /** Cents: > 0 we owe the supplier, < 0 we paid in advance. */
  balance: Int8Column;
  position: Int8Column;
}

/**
 * One row per purchase order, shaped like a `GET /v1/purchase-orders` item: the ordered lines
 * embedded as jsonb, the received and billed values summed in, so a page is one indexed statement.
 */
export interface PurchaseOrderListTable {
  id: string;
  supplier_id: string;
  warehouse_id: string;
  status: string;
  lines: ColumnType<readonly PurchaseOrderListLine[], string, string>;
  /** Cents: Σ quantity × unit cost (half-even per line) of what was ordered. */
  total: Int8Column;
  /** Cents: Σ value of the goods receipts. */
  received_value: Int8Column;
  /** Cents: Σ amount of the supplier's bills. */
  billed_amount: Int8Column;
  created_at: TimeColumn;
  updated_at: TimeColumn;
  /** Global position of the last event applied to the row (replays of older ones change nothing). */
  position: Int8Column;
}

declare module '../read-models.js' {
  interface ReadModels {
    supplier_balances: SupplierBalancesTable;
    purchase_order_list: PurchaseOrderListTable;
  }
}

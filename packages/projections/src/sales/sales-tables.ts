import type { ColumnType } from 'kysely';
import type { Int8Column } from '../read-models.js';

/** A `numeric` money column: read back as a decimal string, written as one. */
export type MoneyColumn = ColumnType<string, string, string>;
/** A `timestamptz` column the projection sets from the event's time. */
export type EventTimeColumn = ColumnType<Date, Date | string, Date | string>;

/** One line of an order as stored in `order_list.items` and served as is: decimals as strings. */
export interface OrderListItem {
  readonly productId: string;
  readonly productName: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly lineTotal: string;
}

/**
 * One row per order, shaped like `GET /v1/orders`: names copied in and items embedded as jsonb,
 * so a page of orders with their items is one indexed statement.
 */
export interface OrderListTable {
  id: string;
  customer_id: string;
  customer_name: string;
  branch_id: string;
  salesperson_id: string;
  warehouse_id: string;
  status: string;
  total: MoneyColumn;
  items: ColumnType<readonly OrderListItem[], string, string>;
  created_at: EventTimeColumn;
  updated_at: EventTimeColumn;
  /** Global position of the last event applied to the row. */
  position: Int8Column;
}

/** One row per customer with what they owe. */
export interface CustomerBalancesTable {
  id: string;
  name: string;
  phone: string | null;
  balance: MoneyColumn;
  position: Int8Column;
}

declare module '../read-models.js' {
  interface ReadModels {
    order_list: OrderListTable;
    customer_balances: CustomerBalancesTable;
  }
}

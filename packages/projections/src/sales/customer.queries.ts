import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import './sales-tables.js';
import { readsTables } from '../read-query.js';

/** A customer as `GET /v1/customers/:id` serves it; `balance` is what they owe. */
export interface CustomerView {
  readonly id: string;
  readonly name: string;
  readonly phone: string | null;
  readonly balance: string;
}

/** One customer by id (one primary-key statement), or undefined. */
export const getCustomer = readsTables(
  ['customer_balances'],
  async (db: ReadDb, id: string): Promise<CustomerView | undefined> => {
    const row = await db
      .selectFrom('customer_balances')
      .select(['id', 'name', 'phone', 'balance'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { ...row, balance: Money.format(Money.parse(row.balance) ?? Money.zero) };
  },
);

import { Money } from '@erpcore/domain';
import { pageById, type ListOptions, type Page } from '../keyset-cursor.js';
import type { ReadDb } from '../read-db.js';
import { readsTables } from '../read-query.js';
import './purchasing.tables.js';

/** A supplier as `GET /v1/suppliers` lists it. */
export interface SupplierView {
  readonly id: string;
  readonly name: string;
  /** What we owe them (negative: paid in advance). */
  readonly balance: Money;
}

/**
 * Suppliers ordered by id, keyset-paginated: ONE primary-key range scan of `supplier_balances`
 * that stops after `limit + 1` rows. Throws InvalidCursorError.
 */
export const listSuppliers = readsTables(
  ['supplier_balances'],
  (db: ReadDb, options: ListOptions = {}): Promise<Page<SupplierView>> =>
    pageById(
      options,
      (limit, after) => {
        let query = db
          .selectFrom('supplier_balances')
          .select(['id', 'name', 'balance'])
          .orderBy('id')
          .limit(limit);
        if (after !== undefined) query = query.where('id', '>', after);
        return query.execute();
      },
      (r) => ({ id: r.id, name: r.name, balance: Money.ofCents(BigInt(r.balance)) }),
    ),
);

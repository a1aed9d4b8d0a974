import { Money } from '@erpcore/domain';
import { decodeCursor, pageSize, toPage, type Page } from '../keyset-cursor.js';
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
  async (
    db: ReadDb,
    options: { readonly limit?: number; readonly cursor?: string | undefined } = {},
  ): Promise<Page<SupplierView>> => {
    const limit = pageSize(options.limit);
    let query = db
      .selectFrom('supplier_balances')
      .select(['id', 'name', 'balance'])
      .orderBy('id')
      .limit(limit + 1);
    if (options.cursor !== undefined)
      query = query.where('id', '>', decodeCursor(options.cursor, 1)[0] ?? '');
    const rows = await query.execute();
    return toPage(
      rows,
      limit,
      (r) => ({ id: r.id, name: r.name, balance: Money.ofCents(BigInt(r.balance)) }),
      (r) => [r.id],
    );
  },
);

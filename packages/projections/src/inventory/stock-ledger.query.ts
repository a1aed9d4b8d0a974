import { readsTables } from '../read-query.js';
import { Quantity } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { decodeCursor, InvalidCursorError, pageSize, toPage, type Page } from '../keyset-cursor.js';
import type { StockLedgerKind } from './inventory.tables.js';
import './inventory.tables.js';

/** One on-hand movement with the balance after it. */
export interface LedgerEntry {
  readonly position: bigint;
  readonly warehouseId: string;
  readonly kind: StockLedgerKind;
  /** Signed. */
  readonly quantity: Quantity;
  readonly balanceAfter: Quantity;
  readonly reference: string | null;
  /** What the books showed before a count (adjustments only). */
  readonly bookQuantity: Quantity | null;
  readonly occurredAt: Date;
}

export interface LedgerOptions {
  readonly warehouseId?: string | undefined;
  readonly limit?: number;
  /** The opaque `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/**
 * A product's movements oldest first (by global position), optionally in one warehouse, or
 * undefined for an unknown product (a 404): ONE statement — the product's catalogue row
 * lateral-joined with a keyset scan of `stock_ledger_by_product` (or
 * `stock_ledger_by_product_warehouse`). A known product without movements yields one row of
 * nulls, hence an empty page. Throws InvalidCursorError.
 */
export const listLedger = readsTables(
  ['products', 'stock_ledger'],
  async (
    db: ReadDb,
    productId: string,
    options: LedgerOptions = {},
  ): Promise<Page<LedgerEntry> | undefined> => {
    const { warehouseId } = options;
    const limit = pageSize(options.limit);
    let after: string | undefined;
    if (options.cursor !== undefined) {
      [after = ''] = decodeCursor(options.cursor, 1);
      if (!/^\d{1,20}$/.test(after)) throw new InvalidCursorError(options.cursor);
    }
    const rows = await db
      .selectFrom('products as p')
      .leftJoinLateral(
        (eb) => {
          let scan = eb
            .selectFrom('stock_ledger as l')
            .select([
              'l.position',
              'l.warehouse_id',
              'l.kind',
              'l.quantity',
              'l.balance_after',
              'l.reference',
              'l.book_quantity',
              'l.occurred_at',
            ])
            .whereRef('l.product_id', '=', 'p.id');
          if (warehouseId !== undefined) scan = scan.where('l.warehouse_id', '=', warehouseId);
          if (after !== undefined) scan = scan.where('l.position', '>', after);
          return scan
            .orderBy('l.position')
            .limit(limit + 1)
            .as('m');
        },
        (join) => join.onTrue(),
      )
      .select([
        'm.position',
        'm.warehouse_id',
        'm.kind',
        'm.quantity',
        'm.balance_after',
        'm.reference',
        'm.book_quantity',
        'm.occurred_at',
      ])
      .where('p.id', '=', productId)
      .orderBy('m.position')
      .execute();
    if (rows.length === 0) return undefined;
    const movements = rows.flatMap((r) =>
      r.position === null ||
      r.warehouse_id === null ||
      r.kind === null ||
      r.quantity === null ||
      r.balance_after === null ||
      r.occurred_at === null
        ? []
        : [
            {
              position: r.position,
              warehouseId: r.warehouse_id,
              kind: r.kind,
              quantity: r.quantity,
              balanceAfter: r.balance_after,
              reference: r.reference,
              bookQuantity: r.book_quantity,
              occurredAt: r.occurred_at,
            },
          ],
    );
    return toPage(
      movements,
      limit,
      (r) => ({
        position: BigInt(r.position),
        warehouseId: r.warehouseId,
        kind: r.kind,
        quantity: Quantity.ofScaled(BigInt(r.quantity)),
        balanceAfter: Quantity.ofScaled(BigInt(r.balanceAfter)),
        reference: r.reference,
        bookQuantity: r.bookQuantity === null ? null : Quantity.ofScaled(BigInt(r.bookQuantity)),
        occurredAt: new Date(r.occurredAt),
      }),
      (r) => [r.position],
    );
  },
);

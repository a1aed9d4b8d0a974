import { sql } from 'kysely';
import { asId, Money, type AccountId } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { decodeCursor, InvalidCursorError, pageSize, toPage, type Page } from '../keyset-cursor.js';
import './account-tree.tables.js';
import { readsTables } from '../read-query.js';
import { fixedStatement } from '../fixed-statement.js';

/** An account as `GET /v1/accounts` shows it. */
export interface AccountView {
  readonly id: AccountId;
  readonly name: string;
  readonly type: string;
  readonly parentId: AccountId | null;
  readonly path: string;
  readonly depth: number;
  readonly balance: Money;
  readonly rolledUpBalance: Money;
  readonly closed: boolean;
}

export interface AccountListOptions {
  /** Only this account's subtree, starting with the account itself. */
  readonly under?: string | undefined;
  readonly limit?: number;
  /** The opaque `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

const columns = [
  't.id',
  't.name',
  't.type',
  't.parent_id',
  't.path',
  't.depth',
  't.balance',
  't.rolled_up_balance',
  't.closed',
] as const;

interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly parent_id: string | null;
  readonly path: string;
  readonly depth: number;
  readonly balance: string;
  readonly rolled_up_balance: string;
  readonly closed: boolean;
}

const view = (r: AccountRow): AccountView => ({
  id: asId<AccountId>(r.id),
  name: r.name,
  type: r.type,
  parentId: r.parent_id === null ? null : asId<AccountId>(r.parent_id),
  path: r.path,
  depth: r.depth,
  balance: Money.ofCents(BigInt(r.balance)),
  rolledUpBalance: Money.ofCents(BigInt(r.rolled_up_balance)),
  closed: r.closed,
});

const accountById = fixedStatement((db: ReadDb, id: string) =>
  db.selectFrom('account_tree as t').select(columns).where('t.id', '=', id),
);

/** One account by id, or undefined: one primary-key statement (compiled once), whatever its depth. */
export const getAccount = readsTables(
  ['account_tree'],
  async (db: ReadDb, id: string): Promise<AccountView | undefined> => {
    const [row] = await accountById.run(db, id);
    return row === undefined ? undefined : view(row);
  },
);

/**
 * Accounts in path order (pre-order, siblings by name in byte order), keyset-paginated: one
 * statement, a range scan of the `(sort_key, id)` index. With `under`, the range is that account's
 * subtree: keys from its own key up to (excluded) the same key with its last byte, the 0x00
 * separator, raised to 0x01. An unknown `under` gives an empty first page (an existing account
 * always starts its own subtree). Throws InvalidCursorError.
 */
export const listAccounts = readsTables(
  ['account_tree'],
  async (db: ReadDb, options: AccountListOptions = {}): Promise<Page<AccountView>> => {
    const limit = pageSize(options.limit);
    let query = db
      .selectFrom('account_tree as t')
      .select([...columns, sql<string>`encode(t.sort_key, 'hex')`.as('key')]);
    if (options.under !== undefined) {
      const root = sql`(select sort_key from account_tree where id = ${options.under})`;
      query = query.where(
        sql<boolean>`t.sort_key >= ${root} and t.sort_key < set_byte(${root}, length(${root}) - 1, 1)`,
      );
    }
    if (options.cursor !== undefined) {
      const [key = '', id = ''] = decodeCursor(options.cursor, 2);
      // The key goes through decode(…, 'hex'): refuse anything that would make that statement fail.
      if (!/^(?:[0-9a-f]{2})+$/.test(key)) throw new InvalidCursorError(options.cursor);
      query = query.where(sql<boolean>`(t.sort_key, t.id) > (decode(${key}, 'hex'), ${id}::text)`);
    }
    const rows = await query
      .orderBy('t.sort_key')
      .orderBy('t.id')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, view, (r) => [r.key, r.id]);
  },
);

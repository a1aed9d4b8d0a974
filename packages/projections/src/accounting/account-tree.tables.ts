import type { ColumnType } from 'kysely';
import type { Int8Column } from '../read-models.js';

/**
 * One row per account with everything `GET /v1/accounts` shows precomputed: the full path, depth,
 * ancestors and rolled-up balance are columns, so reading an account never walks its parents.
 * Money is exact cents in `bigint` columns (the domain's `Money`), never floats.
 */
export interface AccountTreeTable {
  id: string;
  parent_id: string | null;
  name: string;
  type: string;
  /** Names from the root joined with `" > "`. */
  path: string;
  /**
   * Path order as bytes: each name's UTF-8 bytes followed by a 0x00, root first. Comparing keys
   * bytewise is pre-order with siblings by name in byte order (a parent's key is a prefix of its
   * descendants', and 0x00 sorts below every byte of a name), and a subtree is one key range.
   */
  sort_key: ColumnType<Uint8Array, never, never>;
  /** 0 at the root. */
  depth: number;
  /** Ancestor ids, root first (GIN-indexed: a subtree is `ancestor_ids @> {id}`). */
  ancestor_ids: ColumnType<string[], never, never>;
  /** Debits − credits posted to the account itself, in cents. */
  balance: Int8Column;
  /** `balance` plus that of every descendant, in cents. */
  rolled_up_balance: Int8Column;
  closed: boolean;
}

declare module '../read-models.js' {
  interface ReadModels {
    account_tree: AccountTreeTable;
  }
}

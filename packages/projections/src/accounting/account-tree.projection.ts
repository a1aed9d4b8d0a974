import { sql } from 'kysely';
import { chartEventC, chartEventTypes } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import {
  closeAccount,
  moveAccount,
  openAccount,
  postDeltas,
  postToAccounts,
  renameAccount,
} from './account-tree.statements.js';
import './account-tree.tables.js';

/**
 * `account_tree`: the chart of accounts with full paths, depths, ancestors and rolled-up balances
 * precomputed, from the `chart-main` stream. Balances come from `AccountsPosted` (the chart's
 * copy of every entry's deltas), so journal events need not be read here. Balance updates are
 * increments: they rely on the engine applying a batch and its checkpoint in one transaction.
 */
export const accountTreeProjection: ProjectionDefinition = {
  name: 'account_tree',
  version: 1,
  tables: ['account_tree'],
  handles: chartEventTypes,
  createTables: async (db) => {
    await db.schema
      .createTable('account_tree')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('sort_key', 'bytea', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('ancestor_ids', sql`text[]`, (c) => c.notNull())
      .addColumn('balance', 'bigint', (c) => c.notNull())
      .addColumn('rolled_up_balance', 'bigint', (c) => c.notNull())
      .addColumn('closed', 'boolean', (c) => c.notNull())
      // Every batch of postings rewrites the posted accounts and all their ancestors. Room left on
      // each page keeps those updates HOT (no new entries in the GIN and path indexes, which no
      // balance is in); on full pages each one inserted into all three indexes.
      .modifyEnd(sql`with (fillfactor = 50)`)
      .execute();
    // Path order and subtree ranges (`?under=`) are ranges of this index; id breaks ties for the cursor.
    await db.schema
      .createIndex('account_tree_path_order')
      .on('account_tree')
      .columns(['sort_key', 'id'])
      .execute();
    // A rename or move finds the whole subtree with `ancestor_ids @> {id}`.
    await db.schema
      .createIndex('account_tree_ancestors')
      .on('account_tree')
      .using('gin')
      .column('ancestor_ids')
      .execute();
  },
  apply: async (trx, stored) => {
    const event = decodedEvent(chartEventC, stored);
    switch (event.type) {
      case 'AccountOpened':
        return openAccount(trx, event);
      case 'AccountRenamed':
        return renameAccount(trx, event);
      case 'AccountMoved':
        return moveAccount(trx, event);
      case 'AccountClosed':
        return closeAccount(trx, event);
      case 'AccountsPosted':
        return postToAccounts(trx, event);
    }
  },
  /**
   * Postings only add to balances, and additions commute while the tree stands still: a run of
   * consecutive `AccountsPosted` becomes one statement with each account's summed delta. Any
   * other event (open, rename, move, close) first writes the run, then applies alone, so a move
   * carries exactly the balances posted before it.
   */
  applyBatch: async (trx, events) => {
    let deltas = new Map<string, bigint>();
    const flush = async (): Promise<void> => {
      if (deltas.size === 0) return;
      const run = deltas;
      deltas = new Map();
      await postDeltas(trx, [...run.keys()], [...run.values()]);
    };
    for (const stored of events) {
      const event = decodedEvent(chartEventC, stored);
      if (event.type !== 'AccountsPosted') {
        await flush();
        await accountTreeProjection.apply(trx, stored);
        continue;
      }
      for (const { accountId, amount } of event.data.postings)
        deltas.set(accountId, (deltas.get(accountId) ?? 0n) + amount);
    }
    await flush();
  },
};

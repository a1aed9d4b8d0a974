import { sql, type RawBuilder } from 'kysely';
import { Money, type AccountType } from '@erpcore/domain';
import { runNamed } from '../fixed-statement.js';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
import './reporting.tables.js';
import '../accounting/account-tree.tables.js';

/** One account's sums over a range of days. */
export interface AccountSums {
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly type: AccountType;
  readonly debit: Money;
  readonly credit: Money;
  /** debit − credit (positive: a debit balance). */
  readonly balance: Money;
}

/** The tables every ledger report reads. */
export const ledgerReportReads: ReadsTables = { reads: ['ledger_daily', 'account_tree'] };

interface SumRow {
  account_id: string;
  name: string;
  path: string;
  type: AccountType;
  debit: string;
  credit: string;
}

/**
 * Debits and credits per account over the days `from`..`to` (both inclusive, either open), for
 * the given account types, of the accounts that moved in that range: ONE statement over
 * `account_tree` in path order, with per account the last `ledger_daily` row on or before `to`,
 * less the last before `from`: one or two primary-key seeks per account.
 */
export const sumAccounts = async (
  db: ReadDb,
  range: { readonly from?: string; readonly to?: string },
  types: readonly AccountType[],
): Promise<readonly AccountSums[]> => {
  const through = (bound: RawBuilder<unknown>) => sql`
    select l.day, l.debit, l.credit from ledger_daily l
    where l.account_id = a.id ${bound} order by l.day desc limit 1`;
  const to = range.to === undefined ? sql`` : sql`and l.day <= ${range.to}::date`;
  const rows = await runNamed(
    db,
    range.from === undefined
      ? sql<SumRow>`
          select a.id as account_id, a.name, a.path, a.type,
                 t.debit::text as debit, t.credit::text as credit
          from account_tree a cross join lateral (${through(to)}) t
          where a.type = any(${[...types]}::text[])
          order by a.sort_key, a.id`
      : sql<SumRow>`
          select a.id as account_id, a.name, a.path, a.type,
                 (t.debit - coalesce(f.debit, 0))::text as debit,
                 (t.credit - coalesce(f.credit, 0))::text as credit
          from account_tree a cross join lateral (${through(to)}) t
          left join lateral (${through(sql`and l.day < ${range.from}::date`)}) f on true
          where a.type = any(${[...types]}::text[]) and t.day >= ${range.from}::date
          order by a.sort_key, a.id`,
  );
  return rows.map((r) => {
    const debit = Money.ofCents(BigInt(r.debit));
    const credit = Money.ofCents(BigInt(r.credit));
    return {
      accountId: r.account_id,
      name: r.name,
      path: r.path,
      type: r.type,
      debit,
      credit,
      balance: Money.subtract(debit, credit),
    };
  });
};

/** Every account type. */
export const allAccountTypes: readonly AccountType[] = [
  'asset',
  'liability',
  'equity',
  'income',
  'expense',
];

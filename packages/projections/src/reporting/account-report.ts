import { sql } from 'kysely';
import { Money, type AccountType } from '@erpcore/domain';
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
 * the given account types: ONE statement, a range over `ledger_daily` joined to `account_tree`
 * for names and types, grouped by account, in path order.
 */
export const sumAccounts = async (
  db: ReadDb,
  range: { readonly from?: string; readonly to?: string },
  types: readonly AccountType[],
): Promise<readonly AccountSums[]> => {
  const result = await sql<SumRow>`
    select l.account_id, a.name, a.path, a.type,
           sum(l.debit)::text as debit, sum(l.credit)::text as credit
    from ledger_daily l join account_tree a on a.id = l.account_id
    where a.type = any(${[...types]}::text[])
      and (${range.from ?? null}::date is null or l.day >= ${range.from ?? null}::date)
      and (${range.to ?? null}::date is null or l.day <= ${range.to ?? null}::date)
    group by l.account_id, a.name, a.path, a.type, a.sort_key
    order by a.sort_key, l.account_id`.execute(db);
  return result.rows.map((r) => {
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

import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { allAccountTypes, sumAccounts } from './account-report.js';

export interface BalanceSheetLine {
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  /** Assets: debit − credit; liabilities and equity: credit − debit. */
  readonly amount: Money;
}

export interface BalanceSheet {
  readonly asOf: string;
  readonly assets: readonly BalanceSheetLine[];
  readonly liabilities: readonly BalanceSheetLine[];
  readonly equity: readonly BalanceSheetLine[];
  /** Income − expenses up to `asOf`, not yet closed into an equity account: shown in equity. */
  readonly currentResult: Money;
  readonly totalAssets: Money;
  readonly totalLiabilities: Money;
  /** Equity accounts plus the current result. */
  readonly totalEquity: Money;
}

/**
 * The balance sheet at the end of `asOf`: one statement summing `ledger_daily` up to that day for
 * every account (income and expense accounts give the period result). Since every entry
 * balances, totalAssets = totalLiabilities + totalEquity always.
 */
export const balanceSheet = async (db: ReadDb, asOf: string): Promise<BalanceSheet> => {
  const rows = await sumAccounts(db, { to: asOf }, allAccountTypes);
  const line = (sign: 1n | -1n) => (r: (typeof rows)[number]) => ({
    accountId: r.accountId,
    name: r.name,
    path: r.path,
    amount: Money.ofCents(r.balance * sign),
  });
  const assets = rows.filter((r) => r.type === 'asset').map(line(1n));
  const liabilities = rows.filter((r) => r.type === 'liability').map(line(-1n));
  const equity = rows.filter((r) => r.type === 'equity').map(line(-1n));
  const currentResult = Money.negate(
    Money.sum(
      rows.filter((r) => r.type === 'income' || r.type === 'expense').map((r) => r.balance),
    ),
  );
  const total = (ls: readonly BalanceSheetLine[]) => Money.sum(ls.map((l) => l.amount));
  return {
    asOf,
    assets,
    liabilities,
    equity,
    currentResult,
    totalAssets: total(assets),
    totalLiabilities: total(liabilities),
    totalEquity: Money.add(total(equity), currentResult),
  };
};

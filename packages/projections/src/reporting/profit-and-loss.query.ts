import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { sumAccounts, type AccountSums } from './account-report.js';

export interface ProfitAndLoss {
  readonly from: string;
  readonly to: string;
  /** Income accounts; each `amount` is credit − debit (what was earned). */
  readonly income: ReadonlyArray<AccountSums & { readonly amount: Money }>;
  /** Expense accounts; each `amount` is debit − credit (what was spent). */
  readonly expenses: ReadonlyArray<AccountSums & { readonly amount: Money }>;
  readonly totalIncome: Money;
  readonly totalExpenses: Money;
  /** totalIncome − totalExpenses. */
  readonly netResult: Money;
}

/** Income and expenses posted from `from` to `to` (inclusive): one statement over `ledger_daily`. */
export const profitAndLoss = async (
  db: ReadDb,
  period: { readonly from: string; readonly to: string },
): Promise<ProfitAndLoss> => {
  const rows = await sumAccounts(db, period, ['income', 'expense']);
  const income = rows
    .filter((r) => r.type === 'income')
    .map((r) => ({ ...r, amount: Money.negate(r.balance) }));
  const expenses = rows
    .filter((r) => r.type === 'expense')
    .map((r) => ({ ...r, amount: r.balance }));
  const totalIncome = Money.sum(income.map((r) => r.amount));
  const totalExpenses = Money.sum(expenses.map((r) => r.amount));
  return {
    ...period,
    income,
    expenses,
    totalIncome,
    totalExpenses,
    netResult: Money.subtract(totalIncome, totalExpenses),
  };
};

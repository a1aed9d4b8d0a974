import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { allAccountTypes, sumAccounts, type AccountSums } from './account-report.js';

export interface TrialBalance {
  readonly asOf: string | null;
  readonly accounts: readonly AccountSums[];
  readonly totalDebit: Money;
  readonly totalCredit: Money;
}

/** Every account's debits and credits up to `asOf` (inclusive; all time when absent): one statement. */
export const trialBalance = async (
  db: ReadDb,
  options: { readonly asOf?: string } = {},
): Promise<TrialBalance> => {
  const accounts = await sumAccounts(
    db,
    options.asOf === undefined ? {} : { to: options.asOf },
    allAccountTypes,
  );
  return {
    asOf: options.asOf ?? null,
    accounts,
    totalDebit: Money.sum(accounts.map((a) => a.debit)),
    totalCredit: Money.sum(accounts.map((a) => a.credit)),
  };
};

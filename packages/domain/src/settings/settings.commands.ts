import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { AccountIdC } from '../shared/id.js';

/** Change some posting accounts; those not named keep their current account. */
export const SetPostingAccountsC = t.readonly(
  t.type({
    type: t.literal('SetPostingAccounts'),
    accounts: t.readonly(
      t.partial({
        receivable: AccountIdC,
        payable: AccountIdC,
        revenue: AccountIdC,
        cogs: AccountIdC,
        inventory: AccountIdC,
        cash: AccountIdC,
        grni: AccountIdC,
        stockAdjustment: AccountIdC,
      }),
    ),
  }),
  'SetPostingAccounts',
);
export type SetPostingAccounts = t.TypeOf<typeof SetPostingAccountsC>;

/** Close the books up to and including `lockDate` (null reopens every period). */
export const SetLockDateC = t.readonly(
  t.type({ type: t.literal('SetLockDate'), lockDate: t.union([CalendarDateC, t.null]) }),
  'SetLockDate',
);
export type SetLockDate = t.TypeOf<typeof SetLockDateC>;

export type SettingsCommand = SetPostingAccounts | SetLockDate;

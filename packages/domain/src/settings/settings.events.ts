import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { PostingAccountsC } from './posting-accounts.js';

/** The company's posting accounts are now `accounts` (all of them, after the change). Stream `settings-main`. */
export const PostingAccountsSetC = t.readonly(
  t.type({
    type: t.literal('PostingAccountsSet'),
    data: t.readonly(t.type({ accounts: PostingAccountsC })),
  }),
  'PostingAccountsSet',
);
export type PostingAccountsSet = t.TypeOf<typeof PostingAccountsSetC>;

/** Postings and stock movements dated on or before `lockDate` are refused from now on (null: none). */
export const LockDateSetC = t.readonly(
  t.type({
    type: t.literal('LockDateSet'),
    data: t.readonly(
      t.type({
        lockDate: t.union([CalendarDateC, t.null]),
        previousLockDate: t.union([CalendarDateC, t.null]),
      }),
    ),
  }),
  'LockDateSet',
);
export type LockDateSet = t.TypeOf<typeof LockDateSetC>;

/** Every event of the settings stream. */
export const settingsEventC = t.union([PostingAccountsSetC, LockDateSetC], 'SettingsEvent');
export type SettingsEvent = t.TypeOf<typeof settingsEventC>;
export const settingsEventTypes: readonly SettingsEvent['type'][] = [
  'PostingAccountsSet',
  'LockDateSet',
];

/** The one settings stream of a company. Every posting and stock decision reads it. */
export const settingsStreamId = (companyId = 'main'): string => `settings-${companyId}`;

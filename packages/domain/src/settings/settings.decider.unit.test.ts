import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../accounting/account-values.js';
import { emptyChart } from '../accounting/chart.state.js';
import { given } from '../shared/decider-spec.js';
import type { AccountId } from '../shared/id.js';
import { checkPeriodOpen } from './period-lock.js';
import { defaultPostingAccounts } from './posting-accounts.js';
import { decideSetPostingAccounts, defaultSettings, settingsDecider } from './settings.decider.js';

const d = (s: string) => s as CalendarDate;

describe('settings decider', () => {
  it('sets a lock date, and setting the same one again appends nothing', () => {
    given(settingsDecider, [])
      .when({ type: 'SetLockDate', lockDate: d('2026-01-31') })
      .then([{ type: 'LockDateSet', data: { lockDate: d('2026-01-31'), previousLockDate: null } }]);
    given(settingsDecider, [
      { type: 'LockDateSet', data: { lockDate: d('2026-01-31'), previousLockDate: null } },
    ])
      .when({ type: 'SetLockDate', lockDate: d('2026-01-31') })
      .then([]);
  });

  it('changes only the posting accounts named', () => {
    given(settingsDecider, [])
      .when({ type: 'SetPostingAccounts', accounts: { cash: 'bank' as AccountId } })
      .then([
        {
          type: 'PostingAccountsSet',
          data: { accounts: { ...defaultPostingAccounts, cash: 'bank' as AccountId } },
        },
      ]);
  });

  it('refuses posting accounts the chart does not have', () => {
    const r = decideSetPostingAccounts(
      { type: 'SetPostingAccounts', accounts: { cash: 'nope' as AccountId } },
      { settings: defaultSettings, chart: emptyChart },
    );
    expect(E.isLeft(r) && r.left.code).toBe('unknown_account');
  });

  it('locks the lock date itself and every day before it', () => {
    const locked = { ...defaultSettings, lockDate: d('2026-01-31') };
    const code = (date: string) => {
      const r = checkPeriodOpen(locked, d(date));
      return E.isLeft(r) ? r.left.code : 'open';
    };
    expect([code('2025-12-31'), code('2026-01-31'), code('2026-02-01')]).toEqual([
      'period_locked',
      'period_locked',
      'open',
    ]);
    expect(E.isRight(checkPeriodOpen(defaultSettings, d('1999-01-01')))).toBe(true);
  });
});

import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { chartDecider } from '../accounting/chart.decider.js';
import { emptyChart } from '../accounting/chart.state.js';
import { seedChart } from '../accounting/system-accounts.js';
import { fold } from '../shared/decider.js';
import type { AccountName } from '../accounting/account-values.js';
import type { AccountId } from '../shared/id.js';
import { decideCloseAccount } from './close-account.decision.js';
import { defaultSettings, settingsDecider } from './settings.decider.js';

const bank = 'bank' as AccountId;
const cash = 'sys.cash' as AccountId;
const seeded = fold(chartDecider, seedChart(emptyChart), emptyChart);
const chart = fold(
  chartDecider,
  [
    {
      type: 'AccountOpened',
      data: { id: bank, name: 'Bank' as AccountName, type: 'asset', parentId: null },
    },
  ],
  seeded,
);

describe('closing an account a posting role maps to', () => {
  it('refuses sys.cash while it is the cash account, naming the role and the remedy', () => {
    const r = decideCloseAccount(
      { type: 'CloseAccount', id: cash },
      { chart, settings: defaultSettings },
    );
    expect(E.isLeft(r) && r.left.code).toBe('invalid_transition');
    expect(E.isLeft(r) && r.left.message).toMatch(/cash posting account.*posting-accounts/);
  });

  it('closes sys.cash once cash maps to another account, and refuses that one instead', () => {
    const settings = fold(
      settingsDecider,
      [
        {
          type: 'PostingAccountsSet',
          data: { accounts: { ...defaultSettings.postingAccounts, cash: bank } },
        },
      ],
      defaultSettings,
    );
    const closed = decideCloseAccount({ type: 'CloseAccount', id: cash }, { chart, settings });
    expect(E.isRight(closed) && closed.right).toEqual([
      { type: 'AccountClosed', data: { id: cash } },
    ]);
    const refused = decideCloseAccount({ type: 'CloseAccount', id: bank }, { chart, settings });
    expect(E.isLeft(refused) && refused.left.code).toBe('invalid_transition');
  });
});

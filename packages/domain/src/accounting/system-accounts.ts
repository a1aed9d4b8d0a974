import { AccountIdC, type AccountId } from '../shared/id.js';
import { fold } from '../shared/decider.js';
import { AccountNameC, type AccountType } from './account-values.js';
import { chartDecider } from './chart.decider.js';
import type { ChartEvent } from './chart.events.js';
import { siblingKey, type ChartState } from './chart.state.js';
import { checked } from '../shared/checked.js';

/** The accounts other contexts post to. Sales: a delivery debits receivable, credits revenue; a payment debits cash, credits receivable. */
export const systemAccounts = {
  receivable: checked(AccountIdC, 'sys.receivable'),
  revenue: checked(AccountIdC, 'sys.revenue'),
  cash: checked(AccountIdC, 'sys.cash'),
} as const;

const seeds: readonly SeedAccount[] = [
  { id: systemAccounts.cash, name: 'Cash', type: 'asset' },
  { id: systemAccounts.receivable, name: 'Accounts Receivable', type: 'asset' },
  { id: systemAccounts.revenue, name: 'Sales Revenue', type: 'income' },
];

/** An account erpcore opens itself, at the root of the chart. */
export interface SeedAccount {
  readonly id: AccountId;
  readonly name: string;
  readonly type: AccountType;
}

/**
 * Opens, at the root, whichever of `seeds` are absent (none once seeded: idempotent). A root name
 * already taken by a client's own account gets the id appended, so seeding never fails.
 */
export const openMissingAccounts = (
  chart: ChartState,
  seeds: readonly SeedAccount[],
): readonly ChartEvent[] => {
  const events: ChartEvent[] = [];
  let state = chart;
  for (const seed of seeds) {
    if (state.accounts.has(seed.id)) continue;
    const name = checked(
      AccountNameC,
      state.siblingNames.has(siblingKey(null, seed.name)) ? `${seed.name} (${seed.id})` : seed.name,
    );
    const event: ChartEvent = {
      type: 'AccountOpened',
      data: { id: seed.id, name, type: seed.type, parentId: null },
    };
    events.push(event);
    state = fold(chartDecider, [event], state);
  }
  return events;
};

/** Opens whichever of the three system accounts sales posts to are absent. */
export const seedChart = (chart: ChartState): readonly ChartEvent[] =>
  openMissingAccounts(chart, seeds);

import type { AccountId } from '../shared/id.js';
import { fold } from '../shared/decider.js';
import type { AccountName, AccountType } from './account-values.js';
import { chartDecider } from './chart.decider.js';
import type { ChartEvent } from './chart.events.js';
import { siblingKey, type ChartState } from './chart.state.js';

/** The accounts other contexts post to. Sales: a delivery debits receivable, credits revenue; a payment debits cash, credits receivable. */
export const systemAccounts = {
  receivable: 'sys.receivable' as AccountId,
  revenue: 'sys.revenue' as AccountId,
  cash: 'sys.cash' as AccountId,
} as const;

const seeds: ReadonlyArray<{
  readonly id: AccountId;
  readonly name: string;
  readonly type: AccountType;
}> = [
  { id: systemAccounts.cash, name: 'Cash', type: 'asset' },
  { id: systemAccounts.receivable, name: 'Accounts Receivable', type: 'asset' },
  { id: systemAccounts.revenue, name: 'Sales Revenue', type: 'income' },
];

/**
 * Opens, at the root, whichever system accounts are absent (none once seeded: idempotent). A root
 * name already taken by a client's own account gets the id appended, so seeding never fails.
 */
export const seedChart = (chart: ChartState): readonly ChartEvent[] => {
  const events: ChartEvent[] = [];
  let state = chart;
  for (const seed of seeds) {
    if (state.accounts.has(seed.id)) continue;
    const name = (
      state.siblingNames.has(siblingKey(null, seed.name)) ? `${seed.name} (${seed.id})` : seed.name
    ) as AccountName;
    const event: ChartEvent = {
      type: 'AccountOpened',
      data: { id: seed.id, name, type: seed.type, parentId: null },
    };
    events.push(event);
    state = fold(chartDecider, [event], state);
  }
  return events;
};

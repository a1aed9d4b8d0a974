import * as t from 'io-ts';
import type { AccountName, AccountType } from '../accounting/account-values.js';
import { chartDecider } from '../accounting/chart.decider.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import { siblingKey, type ChartState } from '../accounting/chart.state.js';
import { systemAccounts } from '../accounting/system-accounts.js';
import { fold } from '../shared/decider.js';
import { AccountIdC, type AccountId } from '../shared/id.js';

/**
 * The accounts every automatic posting goes to, set per company. Who posts what:
 * - a delivery: Dr receivable / Cr revenue (the sale), Dr cogs / Cr inventory (its cost);
 * - a return: the mirror of both, for what came back;
 * - a customer payment: Dr cash / Cr receivable;
 * - a goods receipt: Dr inventory / Cr grni (goods received not invoiced), at the receipt's cost;
 * - a supplier bill: Dr grni / Cr payable, for the billed quantities at the order's unit costs;
 * - a supplier payment: Dr payable / Cr cash;
 * - a receipt, issue or count outside purchasing and sales (the inventory routes): the change
 *   in the stock's value, Dr/Cr stockAdjustment against inventory.
 * GRNI keeps the two documents apart: the receipt values stock the day it arrives, the bill
 * creates the debt; what is received and not yet billed is the GRNI balance.
 */
export const PostingAccountsC = t.readonly(
  t.type({
    receivable: AccountIdC,
    payable: AccountIdC,
    revenue: AccountIdC,
    cogs: AccountIdC,
    inventory: AccountIdC,
    cash: AccountIdC,
    grni: AccountIdC,
    stockAdjustment: AccountIdC,
  }),
  'PostingAccounts',
);
export type PostingAccounts = t.TypeOf<typeof PostingAccountsC>;
export type PostingRole = keyof PostingAccounts;

/** The system accounts sales already seeds, plus those purchasing and valuation need. */
export const defaultPostingAccounts: PostingAccounts = {
  receivable: systemAccounts.receivable,
  revenue: systemAccounts.revenue,
  cash: systemAccounts.cash,
  payable: 'sys.payable' as AccountId,
  cogs: 'sys.cogs' as AccountId,
  inventory: 'sys.inventory' as AccountId,
  grni: 'sys.grni' as AccountId,
  stockAdjustment: 'sys.stock-adjustment' as AccountId,
};

const seeds: ReadonlyArray<{ id: AccountId; name: string; type: AccountType }> = [
  { id: defaultPostingAccounts.inventory, name: 'Inventory', type: 'asset' },
  { id: defaultPostingAccounts.payable, name: 'Accounts Payable', type: 'liability' },
  { id: defaultPostingAccounts.grni, name: 'Goods Received Not Invoiced', type: 'liability' },
  { id: defaultPostingAccounts.cogs, name: 'Cost of Goods Sold', type: 'expense' },
  { id: defaultPostingAccounts.stockAdjustment, name: 'Stock Adjustments', type: 'expense' },
];

/**
 * Opens, at the root, whichever default posting accounts beyond sales' three are absent
 * (idempotent, like `seedChart`, and kept apart from it so existing charts seed as before).
 */
export const seedPostingAccounts = (chart: ChartState): readonly ChartEvent[] => {
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

import * as t from 'io-ts';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { ChartState } from '../accounting/chart.state.js';
import {
  openMissingAccounts,
  systemAccounts,
  type SeedAccount,
} from '../accounting/system-accounts.js';
import { checked } from '../shared/checked.js';
import { AccountIdC } from '../shared/id.js';

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
  payable: checked(AccountIdC, 'sys.payable'),
  cogs: checked(AccountIdC, 'sys.cogs'),
  inventory: checked(AccountIdC, 'sys.inventory'),
  grni: checked(AccountIdC, 'sys.grni'),
  stockAdjustment: checked(AccountIdC, 'sys.stock-adjustment'),
};

const seeds: readonly SeedAccount[] = [
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
export const seedPostingAccounts = (chart: ChartState): readonly ChartEvent[] =>
  openMissingAccounts(chart, seeds);

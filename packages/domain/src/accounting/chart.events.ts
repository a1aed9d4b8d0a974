import * as t from 'io-ts';
import { AccountIdC, JournalEntryIdC } from '../shared/id.js';
import { MoneyC } from '../shared/money.js';
import { AccountNameC, AccountTypeC } from './account-values.js';

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(t.type({ type: t.literal(type), data: t.readonly(t.type(props)) }), type);

/** An account was added to the chart, at the root (`parentId: null`) or under a parent. Stream `chart-main`. */
export const AccountOpenedC = event('AccountOpened', {
  id: AccountIdC,
  name: AccountNameC,
  type: AccountTypeC,
  parentId: t.union([AccountIdC, t.null]),
});
export type AccountOpened = t.TypeOf<typeof AccountOpenedC>;

/** An account got a new name; every path through it changes. */
export const AccountRenamedC = event('AccountRenamed', {
  id: AccountIdC,
  name: AccountNameC,
  previousName: AccountNameC,
});
export type AccountRenamed = t.TypeOf<typeof AccountRenamedC>;

/** An account and its whole subtree moved under another parent (or to the root). */
export const AccountMovedC = event('AccountMoved', {
  id: AccountIdC,
  parentId: t.union([AccountIdC, t.null]),
  previousParentId: t.union([AccountIdC, t.null]),
});
export type AccountMoved = t.TypeOf<typeof AccountMovedC>;

/** An account was closed: it takes no more postings. */
export const AccountClosedC = event('AccountClosed', { id: AccountIdC });
export type AccountClosed = t.TypeOf<typeof AccountClosedC>;

/** One account's net change from a journal entry: debits − credits (negative for a net credit). */
export const PostingC = t.readonly(t.type({ accountId: AccountIdC, amount: MoneyC }), 'Posting');
export type Posting = t.TypeOf<typeof PostingC>;

/**
 * The balance deltas of one journal entry (or its reversal), appended to the chart in the same
 * atomic append as the entry. The chart needs balances to refuse closing a non-zero account, and
 * putting the deltas in its own stream makes a posting and a concurrent close conflict on the
 * chart's expected revision, so neither can slip past the other.
 */
export const AccountsPostedC = event('AccountsPosted', {
  entryId: JournalEntryIdC,
  reversal: t.boolean,
  postings: t.readonlyArray(PostingC),
});
export type AccountsPosted = t.TypeOf<typeof AccountsPostedC>;

/** Every event of the chart stream. */
export const chartEventC = t.union(
  [AccountOpenedC, AccountRenamedC, AccountMovedC, AccountClosedC, AccountsPostedC],
  'ChartEvent',
);
export type ChartEvent = t.TypeOf<typeof chartEventC>;

/** The type tags of the chart's events: what a projection of the chart handles. */
export const chartEventTypes: readonly ChartEvent['type'][] = [
  'AccountOpened',
  'AccountRenamed',
  'AccountMoved',
  'AccountClosed',
  'AccountsPosted',
];

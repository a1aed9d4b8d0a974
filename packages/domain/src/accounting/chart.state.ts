import type { AccountId } from '../shared/id.js';
import type { Money } from '../shared/money.js';
import type { AccountName, AccountType } from './account-values.js';
import { PersistentMap } from './persistent-map.js';

/** One account as the chart aggregate knows it: enough to decide every chart rule without I/O. */
export interface ChartAccount {
  readonly id: AccountId;
  readonly name: AccountName;
  readonly type: AccountType;
  readonly parentId: AccountId | null;
  readonly closed: boolean;
  /** Debits − credits posted to this account itself. */
  readonly balance: Money;
  /** `balance` plus that of every descendant: closing needs it to be zero. */
  readonly rolledUpBalance: Money;
  /** Children not closed: closing needs none. */
  readonly openChildren: number;
}

/**
 * The chart of accounts (stream `chart-main`). Two persistent maps, so one event costs
 * O(depth + n/256) whatever the chart's size: the accounts by id, and an index of sibling names.
 */
export interface ChartState {
  readonly accounts: PersistentMap<ChartAccount>;
  /** `siblingKey(parentId, name)` → id: refuses a second sibling with the same name. */
  readonly siblingNames: PersistentMap<AccountId>;
}

/** The chart before its first event. */
export const emptyChart: ChartState = {
  accounts: PersistentMap.empty(),
  siblingNames: PersistentMap.empty(),
};

/** Key of a name under a parent. Ids never contain `/`, and the root is the empty string. */
export const siblingKey = (parentId: AccountId | null, name: string): string =>
  `${parentId ?? ''}/${name}`;

/** The ids of an account's ancestors, nearest first. Walks parent links: O(depth). */
export const ancestorIds = (state: ChartState, id: AccountId): AccountId[] => {
  const result: AccountId[] = [];
  let current = state.accounts.get(id)?.parentId ?? null;
  while (current !== null) {
    result.push(current);
    current = state.accounts.get(current)?.parentId ?? null;
  }
  return result;
};

/** Whether `candidate` is `id` itself or lies in `id`'s subtree: moving `id` under it would close a cycle. */
export const isSelfOrDescendant = (
  state: ChartState,
  candidate: AccountId,
  id: AccountId,
): boolean => candidate === id || ancestorIds(state, candidate).includes(id);

/** Builds a chart from its accounts in one pass (used to decode a snapshot); indexes are derived. */
export const chartFromAccounts = (accounts: readonly ChartAccount[]): ChartState => ({
  accounts: PersistentMap.from(accounts.map((a) => [a.id, a] as const)),
  siblingNames: PersistentMap.from(
    accounts.map((a) => [siblingKey(a.parentId, a.name), a.id] as const),
  ),
});

import * as t from 'io-ts';
import { AccountIdC, type AccountId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { AccountNameC, AccountTypeC } from './account-values.js';
import { chartFromAccounts, type ChartAccount, type ChartState } from './chart.state.js';

/** One account in a snapshot: `[id, name, type, parentId, closed, balance, rolledUpBalance]`. */
export type ChartSnapshotRow = readonly [
  string,
  string,
  string,
  string | null,
  boolean,
  string,
  string,
];

/** The stored form of a chart state: compact rows; the indexes and open-child counts are rebuilt on decode. */
export interface ChartSnapshot {
  readonly accounts: readonly ChartSnapshotRow[];
}

const decodeRow = (u: unknown): Omit<ChartAccount, 'openChildren'> | undefined => {
  if (!Array.isArray(u) || u.length !== 7) return undefined;
  const [id, name, type, parentId, closed, balance, rolledUp] = u as unknown[];
  if (
    !AccountIdC.is(id) ||
    !AccountNameC.is(name) ||
    !AccountTypeC.is(type) ||
    typeof closed !== 'boolean'
  )
    return undefined;
  if (parentId !== null && !AccountIdC.is(parentId)) return undefined;
  const own = typeof balance === 'string' ? Money.parse(balance) : undefined;
  const rolled = typeof rolledUp === 'string' ? Money.parse(rolledUp) : undefined;
  if (own === undefined || rolled === undefined) return undefined;
  return { id, name, type, parentId, closed, balance: own, rolledUpBalance: rolled };
};

/**
 * io-ts codec of the chart state, for the snapshot store. Hand-written rather than composed from
 * combinators: a 10,000-account chart decodes in a few milliseconds, which is the point of a snapshot.
 */
export const chartStateC = new t.Type<ChartState, ChartSnapshot, unknown>(
  'ChartState',
  (u): u is ChartState =>
    typeof u === 'object' && u !== null && 'accounts' in u && 'siblingNames' in u,
  (u, c) => {
    const rows =
      typeof u === 'object' && u !== null ? (u as { accounts?: unknown }).accounts : undefined;
    if (!Array.isArray(rows)) return t.failure(u, c, 'a chart snapshot has an array of accounts');
    const accounts: Array<Omit<ChartAccount, 'openChildren'>> = [];
    const openChildren = new Map<AccountId, number>();
    for (const [index, raw] of (rows as unknown[]).entries()) {
      const row = decodeRow(raw);
      if (row === undefined)
        return t.failure(
          raw,
          [...c, { key: String(index), type: t.unknown, actual: raw }],
          'not a valid chart account row',
        );
      accounts.push(row);
      if (row.parentId !== null && !row.closed)
        openChildren.set(row.parentId, (openChildren.get(row.parentId) ?? 0) + 1);
    }
    return t.success(
      chartFromAccounts(accounts.map((a) => ({ ...a, openChildren: openChildren.get(a.id) ?? 0 }))),
    );
  },
  (state) => ({
    accounts: Array.from(state.accounts.values(), (a): ChartSnapshotRow => [
      a.id,
      a.name,
      a.type,
      a.parentId,
      a.closed,
      Money.format(a.balance),
      Money.format(a.rolledUpBalance),
    ]),
  }),
);

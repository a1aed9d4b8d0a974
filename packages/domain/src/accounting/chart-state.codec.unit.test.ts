import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { AccountId, AccountName } from '../index.js';
import { chartDecider } from './chart.decider.js';
import { ChartSnapshotCorrupt, chartStateC, type ChartSnapshot } from './chart-state.codec.js';
import type { ChartState } from './chart.state.js';
import { PersistentMap } from './persistent-map.js';

const id = (s: string) => s as AccountId;
const name = (s: string) => s as AccountName;

/** A chart of `n` accounts under 10 roots, built by the decider itself. */
const chartOf = (n: number): ChartState => {
  let state = chartDecider.initialState;
  for (let i = 0; i < n; i++) {
    const decision = chartDecider.decide(
      {
        type: 'OpenAccount',
        id: id(`A${i}`),
        name: name(`Account ${i}`),
        accountType: 'asset',
        parentId: i < 10 ? null : id(`A${i % 10}`),
      },
      state,
    );
    if (E.isLeft(decision)) throw new Error(decision.left.code);
    state = decision.right.reduce(chartDecider.evolve, state);
  }
  return state;
};

const roundTrip = (state: ChartState): ChartState => {
  const decoded = chartStateC.decode(JSON.parse(JSON.stringify(chartStateC.encode(state))));
  if (E.isLeft(decoded)) throw new Error('did not decode');
  return decoded.right;
};

describe('chart snapshot (lazy bucket form)', () => {
  it('decides on a decoded snapshot exactly as on the state it was taken from', () => {
    const state = chartOf(300);
    const cold = roundTrip(state);
    const commands = [
      { type: 'RenameAccount', id: id('A57'), name: name('Account 67') },
      { type: 'RenameAccount', id: id('A57'), name: name('Renamed') },
      { type: 'MoveAccount', id: id('A3'), parentId: id('A13') },
      { type: 'CloseAccount', id: id('A299') },
      { type: 'CloseAccount', id: id('A9') },
    ] as const;
    for (const command of commands)
      expect(chartDecider.decide(command, cold)).toEqual(chartDecider.decide(command, state));
    expect(cold.accounts.size).toBe(300);
    expect(new Map(cold.siblingNames.entries())).toEqual(new Map(state.siblingNames.entries()));
  });

  it('still decodes the first row form', () => {
    const state = chartOf(30);
    const v1 = {
      accounts: Array.from(state.accounts.values(), (a) => [
        a.id,
        a.name,
        a.type,
        a.parentId,
        a.closed,
        '0.00',
        '0.00',
      ]),
    };
    const decoded = chartStateC.decode(v1);
    expect(E.isRight(decoded) && new Map(decoded.right.accounts.entries())).toEqual(
      new Map(state.accounts.entries()),
    );
  });

  it('refuses another bucket layout at decode, and a damaged bucket when first used', () => {
    const snapshot: ChartSnapshot = chartStateC.encode(chartOf(50));
    expect(E.isLeft(chartStateC.decode({ ...snapshot, buckets: 128 }))).toBe(true);
    expect(E.isLeft(chartStateC.decode({ ...snapshot, accounts: ['x'] }))).toBe(true);
    const target = PersistentMap.bucketIndexOf('A7');
    const accounts = snapshot.accounts.map((text, i) =>
      i === target ? text.replace(/\tasset\t/, '\tnot-a-type\t') : text,
    );
    const damaged = chartStateC.decode({ ...snapshot, accounts });
    expect(E.isRight(damaged)).toBe(true);
    if (E.isRight(damaged))
      expect(() => damaged.right.accounts.get(id('A7'))).toThrow(ChartSnapshotCorrupt);
  });
});

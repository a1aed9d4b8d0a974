import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { asId, Money, type AccountId, type JournalEntryId } from '../index.js';
import {
  chartDecider,
  chartStateC,
  PersistentMap,
  siblingKey,
  type AccountName,
  type ChartCommand,
  type ChartState,
} from './index.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const idArb = fc.constantFrom(...ids).map((s) => asId<AccountId>(s));
const parentArb = fc.option(idArb, { nil: null });
const nameArb = fc.constantFrom('Cash', 'Bank', 'Sales', 'cash', 'Z').map((s) => s as AccountName);

// Opens and moves weigh most: a history needs depth before a move can attempt a cycle.
const commandArb: fc.Arbitrary<ChartCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('OpenAccount' as const),
      id: idArb,
      name: nameArb,
      accountType: fc.constant('asset' as const),
      parentId: parentArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('RenameAccount' as const), id: idArb, name: nameArb }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('MoveAccount' as const),
      id: idArb,
      parentId: parentArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('CloseAccount' as const), id: idArb }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(idArb, idArb, fc.bigInt({ min: 1n, max: 100_000n }))
      .map(([from, to, cents]): ChartCommand => ({
        type: 'PostToAccounts',
        entryId: asId<JournalEntryId>('JE'),
        reversal: false,
        postings: [
          { accountId: from, amount: Money.ofCents(cents) },
          { accountId: to, amount: Money.ofCents(-cents) },
        ],
      })),
  },
);

/** Whether `candidate` is `id` or below it, walking the parent map with a step bound (so a cycle cannot hang the test). */
const inSubtree = (state: ChartState, candidate: string, id: string): boolean => {
  let current: string | null = candidate;
  for (let steps = 0; current !== null && steps <= ids.length; steps++) {
    if (current === id) return true;
    current = state.accounts.get(current)?.parentId ?? null;
  }
  return false;
};

const checkInvariants = (state: ChartState): void => {
  const accounts = [...state.accounts.values()];
  for (const a of accounts) {
    // No cycle: every parent walk reaches the root within n steps.
    let current: string | null = a.parentId;
    let steps = 0;
    while (current !== null) {
      expect(++steps).toBeLessThanOrEqual(accounts.length);
      current = state.accounts.get(current)?.parentId ?? null;
    }
    const subtree = accounts.filter((x) => inSubtree(state, x.id, a.id));
    expect(a.rolledUpBalance).toBe(Money.sum(subtree.map((x) => x.balance)));
    const children = accounts.filter((x) => x.parentId === a.id);
    expect(a.openChildren).toBe(children.filter((x) => !x.closed).length);
    if (a.closed) expect(subtree.every((x) => x.closed && x.balance === 0n)).toBe(true);
    expect(state.siblingNames.get(siblingKey(a.parentId, a.name))).toBe(a.id);
  }
  expect(state.siblingNames.size).toBe(accounts.length);
  expect(Money.sum(accounts.map((a) => a.balance))).toBe(0n);
};

describe('chart properties', () => {
  it('keeps the tree acyclic, balances rolled up, names unique and the trial balance zero', () => {
    fc.assert(
      fc.property(
        fc.array(commandArb, { minLength: 10, maxLength: 60, size: 'max' }),
        (commands) => {
          let state = chartDecider.initialState;
          for (const command of commands) {
            const decision = chartDecider.decide(command, state);
            if (
              command.type === 'MoveAccount' &&
              command.parentId !== null &&
              state.accounts.has(command.id) &&
              state.accounts.has(command.parentId)
            )
              if (
                inSubtree(state, command.parentId, command.id) &&
                state.accounts.get(command.id)?.parentId !== command.parentId
              )
                expect(E.isLeft(decision) && decision.left.code).toBe('account_cycle');
            if (E.isRight(decision)) state = decision.right.reduce(chartDecider.evolve, state);
            checkInvariants(state);
          }
          const roundTrip = chartStateC.decode(
            JSON.parse(JSON.stringify(chartStateC.encode(state))),
          );
          expect(E.isRight(roundTrip) && [...roundTrip.right.accounts.entries()].sort()).toEqual(
            [...state.accounts.entries()].sort(),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('PersistentMap behaves like a Map and never changes an older version', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 3 }), fc.integer())),
        (ops) => {
          let map = PersistentMap.empty<number>();
          const model = new Map<string, number>();
          for (const [remove, key, value] of ops) {
            const before = map;
            const sizeBefore = before.size;
            const had = before.get(key);
            if (remove) {
              map = map.delete(key);
              model.delete(key);
            } else {
              map = map.set(key, value);
              model.set(key, value);
            }
            expect([before.size, before.get(key)]).toEqual([sizeBefore, had]);
          }
          expect(map.size).toBe(model.size);
          expect(new Map(map.entries())).toEqual(model);
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { randomUUID } from 'node:crypto';
import * as t from 'io-ts';
import { left, right } from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '@erpcore/domain';
import type { CommandContext } from './command-context.js';

/** A tiny bank account: the decider the command-handler tests drive. */
const bigintFromString = new t.Type<bigint, string, unknown>(
  'BigIntFromString',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^-?[0-9]+$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c),
  (b) => b.toString(),
);

export const accountEventC = t.union([
  t.type({ type: t.literal('Opened'), data: t.type({ owner: t.string }) }),
  t.type({
    type: t.literal('Deposited'),
    data: t.type({ amount: bigintFromString, balanceAfter: bigintFromString }),
  }),
  t.type({
    type: t.literal('Withdrawn'),
    data: t.type({ amount: bigintFromString, balanceAfter: bigintFromString }),
  }),
]);
export type AccountEvent = t.TypeOf<typeof accountEventC>;

export const accountStateC = t.type({ open: t.boolean, balance: bigintFromString });
export type AccountState = t.TypeOf<typeof accountStateC>;

export type AccountCommand =
  | { readonly type: 'Open'; readonly owner: string }
  | { readonly type: 'Deposit' | 'Withdraw'; readonly amount: bigint };

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { open: false, balance: 0n },
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        return state.open ? right([]) : right([{ type: 'Opened', data: { owner: command.owner } }]);
      case 'Deposit':
        if (!state.open) return left(domainError('not_found', 'account not open'));
        return right([
          {
            type: 'Deposited',
            data: { amount: command.amount, balanceAfter: state.balance + command.amount },
          },
        ]);
      case 'Withdraw':
        if (!state.open) return left(domainError('not_found', 'account not open'));
        if (state.balance < command.amount)
          return left(domainError('conflict', 'insufficient funds'));
        return right([
          {
            type: 'Withdrawn',
            data: { amount: command.amount, balanceAfter: state.balance - command.amount },
          },
        ]);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
        return { ...state, open: true };
      case 'Deposited':
      case 'Withdrawn':
        return { ...state, balance: event.data.balanceAfter };
    }
  },
};

export const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'alice',
  correlationId: 'corr-42',
  causationId: null,
  now: new Date('2024-05-06T07:08:09.000Z'),
  newEventId: randomUUID,
  ...over,
});

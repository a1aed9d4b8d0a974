import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { AccountId } from '../shared/id.js';
import { moneyLimit } from '../shared/limits.js';
import { Money } from '../shared/money.js';
import type {
  ChartCommand,
  CloseAccount,
  MoveAccount,
  OpenAccount,
  PostToAccounts,
  RenameAccount,
} from './chart.commands.js';
import type { ChartEvent } from './chart.events.js';
import {
  ancestorIds,
  emptyChart,
  isSelfOrDescendant,
  siblingKey,
  type ChartAccount,
  type ChartState,
} from './chart.state.js';

type Decision = E.Either<DomainError, readonly ChartEvent[]>;

const notFound = (id: AccountId): DomainError =>
  domainError('not_found', `account ${id} does not exist`);
const nameTaken = (parentId: AccountId | null, name: string): DomainError =>
  domainError(
    'duplicate_account_name',
    `an account named "${name}" already exists ${parentId === null ? 'at the root' : `under ${parentId}`}`,
  );

const open = (command: OpenAccount, state: ChartState): Decision => {
  if (state.accounts.has(command.id))
    return E.left(domainError('already_exists', `account ${command.id} already exists`));
  if (command.parentId !== null) {
    const parent = state.accounts.get(command.parentId);
    if (parent === undefined)
      return E.left(
        domainError('unknown_account', `parent account ${command.parentId} does not exist`),
      );
    if (parent.closed)
      return E.left(domainError('account_closed', `parent account ${command.parentId} is closed`));
  }
  if (state.siblingNames.has(siblingKey(command.parentId, command.name)))
    return E.left(nameTaken(command.parentId, command.name));
  return E.right([
    {
      type: 'AccountOpened',
      data: {
        id: command.id,
        name: command.name,
        type: command.accountType,
        parentId: command.parentId,
      },
    },
  ]);
};

const rename = (command: RenameAccount, state: ChartState): Decision => {
  const account = state.accounts.get(command.id);
  if (account === undefined) return E.left(notFound(command.id));
  if (account.name === command.name) return E.right([]);
  if (state.siblingNames.has(siblingKey(account.parentId, command.name)))
    return E.left(nameTaken(account.parentId, command.name));
  return E.right([
    {
      type: 'AccountRenamed',
      data: { id: command.id, name: command.name, previousName: account.name },
    },
  ]);
};

const move = (command: MoveAccount, state: ChartState): Decision => {
  const account = state.accounts.get(command.id);
  if (account === undefined) return E.left(notFound(command.id));
  if (account.parentId === command.parentId) return E.right([]);
  if (command.parentId !== null) {
    const parent = state.accounts.get(command.parentId);
    if (parent === undefined)
      return E.left(
        domainError('unknown_account', `parent account ${command.parentId} does not exist`),
      );
    if (isSelfOrDescendant(state, command.parentId, command.id))
      return E.left(
        domainError(
          'account_cycle',
          `${command.parentId} is ${command.id} itself or one of its descendants`,
        ),
      );
    if (parent.closed && !account.closed)
      return E.left(domainError('account_closed', `parent account ${command.parentId} is closed`));
  }
  if (state.siblingNames.has(siblingKey(command.parentId, account.name)))
    return E.left(nameTaken(command.parentId, account.name));
  const moved: ChartEvent = {
    type: 'AccountMoved',
    data: { id: command.id, parentId: command.parentId, previousParentId: account.parentId },
  };
  // The subtree's rolled-up balance leaves its old ancestors and joins its new ones: both sets
  // must stay within the bound the read model holds.
  const next = evolve(state, moved);
  const over = limitOver(next, [
    ...ancestorIds(state, command.id),
    ...ancestorIds(next, command.id),
  ]);
  return over === undefined ? E.right([moved]) : E.left(over);
};

const close = (command: CloseAccount, state: ChartState): Decision => {
  const account = state.accounts.get(command.id);
  if (account === undefined) return E.left(notFound(command.id));
  if (account.closed)
    return E.left(domainError('invalid_transition', `account ${command.id} is already closed`));
  if (account.openChildren > 0)
    return E.left(
      domainError(
        'invalid_transition',
        `account ${command.id} has ${account.openChildren} open child account(s)`,
      ),
    );
  if (account.rolledUpBalance !== 0n)
    return E.left(
      domainError(
        'invalid_transition',
        `account ${command.id} has a rolled-up balance of ${Money.format(account.rolledUpBalance)}`,
      ),
    );
  return E.right([{ type: 'AccountClosed', data: { id: command.id } }]);
};

const post = (command: PostToAccounts, state: ChartState): Decision => {
  if (command.postings.length === 0)
    return E.left(domainError('unbalanced_entry', 'an entry must post to at least one account'));
  const total = Money.sum(command.postings.map((p) => p.amount));
  if (total !== 0n)
    return E.left(
      domainError(
        'unbalanced_entry',
        `postings do not sum to zero (off by ${Money.format(total)})`,
      ),
    );
  // Every account read at once: a state loaded in parts fetches them (and, through the links of
  // a bucketed snapshot, their ancestors) in one round trip.
  const accounts = state.accounts.getAll(command.postings.map((p) => p.accountId));
  for (const [i, posting] of command.postings.entries()) {
    const account = accounts[i];
    if (account === undefined)
      return E.left(
        domainError('unknown_account', `account ${posting.accountId} does not exist`, [
          { accountId: posting.accountId },
        ]),
      );
    if (account.closed)
      return E.left(
        domainError('account_closed', `account ${posting.accountId} is closed`, [
          { accountId: posting.accountId },
        ]),
      );
  }
  const posted: ChartEvent = {
    type: 'AccountsPosted',
    data: { entryId: command.entryId, reversal: command.reversal, postings: command.postings },
  };
  // Every account posted to and each of its ancestors: their own and rolled-up balances after
  // this entry must stay within the bound, so no sum over a subtree can overflow the read model.
  const next = evolve(state, posted);
  const touched = command.postings.flatMap((p) => [p.accountId, ...ancestorIds(next, p.accountId)]);
  const over = limitOver(next, touched);
  return over === undefined ? E.right([posted]) : E.left(over);
};

/** The first of these accounts whose balance or rolled-up balance is out of range, as `limit_exceeded`. */
const limitOver = (state: ChartState, ids: readonly AccountId[]): DomainError | undefined => {
  for (const id of new Set(ids)) {
    const account = state.accounts.get(id);
    if (account === undefined) continue;
    const over =
      moneyLimit('balance', account.balance, { accountId: id }) ??
      moneyLimit('rolledUpBalance', account.rolledUpBalance, { accountId: id });
    if (over !== undefined) return over;
  }
  return undefined;
};

/** Returns the map with `f` applied to the account `id` (unchanged if it is absent). */
const update = (
  accounts: ChartState['accounts'],
  id: AccountId,
  f: (a: ChartAccount) => ChartAccount,
): ChartState['accounts'] => {
  const account = accounts.get(id);
  return account === undefined ? accounts : accounts.set(id, f(account));
};

/** Adds `delta` to the rolled-up balance of each listed account. */
const rollUp = (
  accounts: ChartState['accounts'],
  ids: readonly AccountId[],
  delta: Money,
): ChartState['accounts'] =>
  delta === 0n
    ? accounts
    : ids.reduce(
        (acc, id) =>
          update(acc, id, (a) => ({ ...a, rolledUpBalance: Money.add(a.rolledUpBalance, delta) })),
        accounts,
      );

const openChildrenDelta = (
  accounts: ChartState['accounts'],
  parentId: AccountId | null,
  delta: number,
): ChartState['accounts'] =>
  parentId === null
    ? accounts
    : update(accounts, parentId, (a) => ({ ...a, openChildren: a.openChildren + delta }));

const evolve = (state: ChartState, event: ChartEvent): ChartState => {
  switch (event.type) {
    case 'AccountOpened': {
      const { id, name, type, parentId } = event.data;
      const account: ChartAccount = {
        id,
        name,
        type,
        parentId,
        closed: false,
        balance: Money.zero,
        rolledUpBalance: Money.zero,
        openChildren: 0,
      };
      return {
        accounts: openChildrenDelta(state.accounts.set(id, account), parentId, 1),
        siblingNames: state.siblingNames.set(siblingKey(parentId, name), id),
      };
    }
    case 'AccountRenamed': {
      const account = state.accounts.get(event.data.id);
      if (account === undefined) return state;
      return {
        accounts: state.accounts.set(account.id, { ...account, name: event.data.name }),
        siblingNames: state.siblingNames
          .delete(siblingKey(account.parentId, account.name))
          .set(siblingKey(account.parentId, event.data.name), account.id),
      };
    }
    case 'AccountMoved': {
      const account = state.accounts.get(event.data.id);
      if (account === undefined) return state;
      const oldAncestors = ancestorIds(state, account.id);
      let accounts = rollUp(state.accounts, oldAncestors, Money.negate(account.rolledUpBalance));
      if (!account.closed)
        accounts = openChildrenDelta(
          openChildrenDelta(accounts, account.parentId, -1),
          event.data.parentId,
          1,
        );
      accounts = accounts.set(account.id, {
        ...(accounts.get(account.id) ?? account),
        parentId: event.data.parentId,
      });
      const moved: ChartState = { accounts, siblingNames: state.siblingNames };
      return {
        accounts: rollUp(accounts, ancestorIds(moved, account.id), account.rolledUpBalance),
        siblingNames: state.siblingNames
          .delete(siblingKey(account.parentId, account.name))
          .set(siblingKey(event.data.parentId, account.name), account.id),
      };
    }
    case 'AccountClosed': {
      const account = state.accounts.get(event.data.id);
      if (account === undefined) return state;
      return {
        ...state,
        accounts: openChildrenDelta(
          state.accounts.set(account.id, { ...account, closed: true }),
          account.parentId,
          -1,
        ),
      };
    }
    case 'AccountsPosted': {
      let accounts = state.accounts;
      for (const { accountId, amount } of event.data.postings) {
        accounts = update(accounts, accountId, (a) => ({
          ...a,
          balance: Money.add(a.balance, amount),
        }));
        accounts = rollUp(
          accounts,
          [accountId, ...ancestorIds({ ...state, accounts }, accountId)],
          amount,
        );
      }
      return { ...state, accounts };
    }
    default:
      return assertNever(event);
  }
};

/** Decides on the chart of accounts (stream `chart-main`): one consistency boundary for the whole tree. */
export const chartDecider: Decider<ChartCommand, ChartEvent, ChartState> = {
  initialState: emptyChart,
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenAccount':
        return open(command, state);
      case 'RenameAccount':
        return rename(command, state);
      case 'MoveAccount':
        return move(command, state);
      case 'CloseAccount':
        return close(command, state);
      case 'PostToAccounts':
        return post(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve,
};

import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { asId, fold, given, Money, type AccountId, type JournalEntryId } from '../index.js';
import {
  chartDecider,
  type AccountName,
  type AccountType,
  type ChartCommand,
  type ChartEvent,
} from './index.js';

const id = (s: string) => asId<AccountId>(s);
const name = (s: string) => s as AccountName;
const m = (s: string) => Money.parse(s) ?? Money.zero;

const opened = (
  account: string,
  accountName: string,
  parentId: string | null = null,
  type: AccountType = 'asset',
): ChartEvent => ({
  type: 'AccountOpened',
  data: {
    id: id(account),
    name: name(accountName),
    type,
    parentId: parentId === null ? null : id(parentId),
  },
});
const openCmd = (
  account: string,
  accountName: string,
  parentId: string | null = null,
): ChartCommand => ({
  type: 'OpenAccount',
  id: id(account),
  name: name(accountName),
  accountType: 'asset',
  parentId: parentId === null ? null : id(parentId),
});
const closed = (account: string): ChartEvent => ({
  type: 'AccountClosed',
  data: { id: id(account) },
});
const moved = (
  account: string,
  parentId: string | null,
  previousParentId: string | null,
): ChartEvent => ({
  type: 'AccountMoved',
  data: {
    id: id(account),
    parentId: parentId === null ? null : id(parentId),
    previousParentId: previousParentId === null ? null : id(previousParentId),
  },
});
const moveCmd = (account: string, parentId: string | null): ChartCommand => ({
  type: 'MoveAccount',
  id: id(account),
  parentId: parentId === null ? null : id(parentId),
});
const posted = (...postings: Array<[string, string]>): ChartEvent => ({
  type: 'AccountsPosted',
  data: {
    entryId: asId<JournalEntryId>('JE-1'),
    reversal: false,
    postings: postings.map(([a, amount]) => ({ accountId: id(a), amount: m(amount) })),
  },
});
const postCmd = (...postings: Array<[string, string]>): ChartCommand => ({
  type: 'PostToAccounts',
  entryId: asId<JournalEntryId>('JE-1'),
  reversal: false,
  postings: postings.map(([a, amount]) => ({ accountId: id(a), amount: m(amount) })),
});

// Assets > Current > Cash, Assets > Fixed; Income at the root.
const tree = [
  opened('A', 'Assets'),
  opened('C', 'Current', 'A'),
  opened('K', 'Cash', 'C'),
  opened('F', 'Fixed', 'A'),
  opened('I', 'Income', null, 'income'),
];

describe('chart decider: open', () => {
  it('opens at the root and under an existing parent', () => {
    given(chartDecider, [])
      .when(openCmd('A', 'Assets'))
      .then([opened('A', 'Assets')]);
    given(chartDecider, tree)
      .when(openCmd('B', 'Bank', 'C'))
      .then([opened('B', 'Bank', 'C')]);
  });

  it('refuses an existing id, an unknown parent and a sibling name taken (root level included)', () => {
    given(chartDecider, tree).when(openCmd('A', 'Other')).then('already_exists');
    given(chartDecider, tree)
      .when(openCmd('X', 'Bank', 'nope'))
      .then('unknown_account');
    given(chartDecider, tree)
      .when(openCmd('X', 'Cash', 'C'))
      .then('duplicate_account_name');
    given(chartDecider, tree).when(openCmd('X', 'Assets')).then('duplicate_account_name');
  });

  it('allows the same name under different parents, and is case- and byte-exact', () => {
    given(chartDecider, tree)
      .when(openCmd('X', 'Cash', 'F'))
      .then([opened('X', 'Cash', 'F')]);
    given(chartDecider, tree)
      .when(openCmd('X', 'cash', 'C'))
      .then([opened('X', 'cash', 'C')]);
  });

  it('refuses to open under a closed parent', () => {
    given(chartDecider, [...tree, closed('F')])
      .when(openCmd('X', 'Land', 'F'))
      .then('account_closed');
  });
});

describe('chart decider: rename and move', () => {
  it('renames unless a sibling has the name; same name is a no-op; unknown id is not_found', () => {
    given(chartDecider, tree)
      .when({ type: 'RenameAccount', id: id('C'), name: name('Liquid') })
      .then([
        {
          type: 'AccountRenamed',
          data: { id: id('C'), name: name('Liquid'), previousName: name('Current') },
        },
      ]);
    given(chartDecider, tree)
      .when({ type: 'RenameAccount', id: id('C'), name: name('Fixed') })
      .then('duplicate_account_name');
    given(chartDecider, tree)
      .when({ type: 'RenameAccount', id: id('C'), name: name('Current') })
      .then([]);
    given(chartDecider, tree)
      .when({ type: 'RenameAccount', id: id('nope'), name: name('x') })
      .then('not_found');
  });

  it('moves a subtree under another parent or to the root', () => {
    given(chartDecider, tree)
      .when(moveCmd('C', 'F'))
      .then([moved('C', 'F', 'A')]);
    given(chartDecider, tree)
      .when(moveCmd('C', null))
      .then([moved('C', null, 'A')]);
    given(chartDecider, tree).when(moveCmd('C', 'A')).then([]);
  });

  it('refuses a move under itself or any descendant', () => {
    given(chartDecider, tree).when(moveCmd('A', 'A')).then('account_cycle');
    given(chartDecider, tree).when(moveCmd('A', 'C')).then('account_cycle');
    given(chartDecider, tree).when(moveCmd('A', 'K')).then('account_cycle');
    given(chartDecider, tree).when(moveCmd('C', 'K')).then('account_cycle');
  });

  it('refuses an unknown account or parent, and a name clash at the destination', () => {
    given(chartDecider, tree).when(moveCmd('nope', null)).then('not_found');
    given(chartDecider, tree).when(moveCmd('C', 'nope')).then('unknown_account');
    given(chartDecider, [...tree, opened('X', 'Current', 'I')])
      .when(moveCmd('C', 'I'))
      .then('duplicate_account_name');
    given(chartDecider, [...tree, opened('X', 'Current')])
      .when(moveCmd('C', null))
      .then('duplicate_account_name');
  });
});

describe('chart decider: postings and close', () => {
  it('accepts balanced postings to open accounts only', () => {
    given(chartDecider, tree)
      .when(postCmd(['K', '10'], ['I', '-10']))
      .then([posted(['K', '10'], ['I', '-10'])]);
    given(chartDecider, tree)
      .when(postCmd(['K', '10'], ['I', '-9.99']))
      .then('unbalanced_entry');
    given(chartDecider, tree)
      .when(postCmd(['K', '10'], ['nope', '-10']))
      .then('unknown_account');
    given(chartDecider, [...tree, closed('F')])
      .when(postCmd(['K', '10'], ['F', '-10']))
      .then('account_closed');
  });

  it('closes only with a zero rolled-up balance and no open child', () => {
    const closeCmd = (a: string): ChartCommand => ({ type: 'CloseAccount', id: id(a) });
    given(chartDecider, tree)
      .when(closeCmd('K'))
      .then([closed('K')]);
    given(chartDecider, tree).when(closeCmd('C')).then('invalid_transition');
    given(chartDecider, [...tree, posted(['K', '10'], ['I', '-10'])])
      .when(closeCmd('K'))
      .then('invalid_transition');
    given(chartDecider, [
      ...tree,
      posted(['K', '10'], ['I', '-10']),
      posted(['K', '-10'], ['I', '10']),
    ])
      .when(closeCmd('K'))
      .then([closed('K')]);
    given(chartDecider, [...tree, closed('K')])
      .when(closeCmd('C'))
      .then([closed('C')]);
    given(chartDecider, [...tree, closed('K')])
      .when(closeCmd('K'))
      .then('invalid_transition');
    given(chartDecider, tree).when(closeCmd('nope')).then('not_found');
  });

  it('rolls balances up through ancestors and carries them along on a move', () => {
    const state = fold(chartDecider, [
      ...tree,
      posted(['K', '10'], ['I', '-10']),
      moved('C', 'I', 'A'),
    ]);
    const rolled = (a: string) => state.accounts.get(a)?.rolledUpBalance;
    expect([rolled('K'), rolled('C'), rolled('A'), rolled('I')]).toEqual([
      m('10'),
      m('10'),
      m('0'),
      m('0'),
    ]);
    expect(state.accounts.get('I')?.balance).toBe(m('-10'));
    expect(state.accounts.get('I')?.openChildren).toBe(1);
    expect(state.accounts.get('A')?.openChildren).toBe(1);
    // Income now holds Current and its balance: it has an open child, so it cannot close.
    expect(E.isLeft(chartDecider.decide({ type: 'CloseAccount', id: id('I') }, state))).toBe(true);
  });
});

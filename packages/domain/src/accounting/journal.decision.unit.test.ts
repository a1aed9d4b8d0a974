import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { asId, fold, given, Money, type AccountId, type JournalEntryId } from '../index.js';
import {
  chartDecider,
  decidePostEntry,
  decideReverseEntry,
  journalDecider,
  seedChart,
  systemAccounts,
  type AccountName,
  type CalendarDate,
  type ChartEvent,
  type Description,
  type JournalEvent,
  type JournalLine,
  type PostJournalEntry,
} from './index.js';

const m = (s: string) => Money.parse(s) ?? Money.zero;
const entryId = asId<JournalEntryId>('JE-1');
const date = '2024-03-01' as CalendarDate;
const line = (account: string, side: 'debit' | 'credit', amount: string): JournalLine => ({
  accountId: asId<AccountId>(account),
  side,
  amount: m(amount),
});
const postCmd = (...lines: JournalLine[]): PostJournalEntry => ({
  type: 'PostJournalEntry',
  id: entryId,
  date,
  description: 'sale' as Description,
  lines,
});
const postedEvent = (...lines: JournalLine[]): JournalEvent => ({
  type: 'JournalEntryPosted',
  data: { id: entryId, date, description: 'sale' as Description, lines },
});

const opened = (account: string, name: string): ChartEvent => ({
  type: 'AccountOpened',
  data: { id: asId<AccountId>(account), name: name as AccountName, type: 'asset', parentId: null },
});
const chart = fold(chartDecider, [opened('cash', 'Cash'), opened('rev', 'Revenue')]);

describe('journal decider', () => {
  it('posts a balanced entry of at least two lines', () => {
    const lines = [
      line('cash', 'debit', '100'),
      line('rev', 'credit', '60'),
      line('rev', 'credit', '40'),
    ];
    given(journalDecider, [])
      .when(postCmd(...lines))
      .then([postedEvent(...lines)]);
  });

  it('refuses an unbalanced entry, fewer than two lines, and a reused id', () => {
    given(journalDecider, [])
      .when(postCmd(line('cash', 'debit', '100'), line('rev', 'credit', '99.99')))
      .then('unbalanced_entry');
    given(journalDecider, [])
      .when(postCmd(line('cash', 'debit', '100')))
      .then('unbalanced_entry');
    given(journalDecider, []).when(postCmd()).then('unbalanced_entry');
    given(journalDecider, [postedEvent(line('cash', 'debit', '1'), line('rev', 'credit', '1'))])
      .when(postCmd(line('cash', 'debit', '1'), line('rev', 'credit', '1')))
      .then('already_exists');
  });

  it('reverses once with the mirror lines; an unknown entry is not_found', () => {
    const history = [postedEvent(line('cash', 'debit', '5'), line('rev', 'credit', '5'))];
    const reversed: JournalEvent = {
      type: 'JournalEntryReversed',
      data: { id: entryId, date, lines: [line('cash', 'credit', '5'), line('rev', 'debit', '5')] },
    };
    given(journalDecider, history)
      .when({ type: 'ReverseJournalEntry', id: entryId, date })
      .then([reversed]);
    given(journalDecider, [...history, reversed])
      .when({ type: 'ReverseJournalEntry', id: entryId, date })
      .then('invalid_transition');
    given(journalDecider, [])
      .when({ type: 'ReverseJournalEntry', id: entryId, date })
      .then('not_found');
  });
});

describe('decidePostEntry / decideReverseEntry', () => {
  it('returns the entry and one net balance delta per account for the chart', () => {
    const decision = decidePostEntry(
      chart,
      journalDecider.initialState,
      postCmd(
        line('cash', 'debit', '100'),
        line('rev', 'credit', '60'),
        line('rev', 'credit', '40'),
      ),
    );
    expect(E.isRight(decision) && decision.right.chart).toEqual([
      {
        type: 'AccountsPosted',
        data: {
          entryId,
          reversal: false,
          postings: [
            { accountId: 'cash', amount: m('100') },
            { accountId: 'rev', amount: m('-100') },
          ],
        },
      },
    ]);
  });

  it('checks accounts against the chart after the entry’s own rules', () => {
    const code = (d: ReturnType<typeof decidePostEntry>) => (E.isLeft(d) ? d.left.code : 'ok');
    expect(
      code(
        decidePostEntry(
          chart,
          journalDecider.initialState,
          postCmd(line('cash', 'debit', '1'), line('nope', 'credit', '1')),
        ),
      ),
    ).toBe('unknown_account');
    expect(
      code(
        decidePostEntry(
          chart,
          journalDecider.initialState,
          postCmd(line('cash', 'debit', '1'), line('nope', 'credit', '2')),
        ),
      ),
    ).toBe('unbalanced_entry');
    const closed = fold(
      chartDecider,
      [{ type: 'AccountClosed', data: { id: asId<AccountId>('rev') } }],
      chart,
    );
    expect(
      code(
        decidePostEntry(
          closed,
          journalDecider.initialState,
          postCmd(line('cash', 'debit', '1'), line('rev', 'credit', '1')),
        ),
      ),
    ).toBe('account_closed');
  });

  it('reverses into the opposite deltas, so balances return to zero', () => {
    const lines = [line('cash', 'debit', '7.25'), line('rev', 'credit', '7.25')];
    const post = decidePostEntry(chart, journalDecider.initialState, postCmd(...lines));
    if (E.isLeft(post)) throw new Error(post.left.message);
    const afterPost = fold(chartDecider, post.right.chart, chart);
    const journal = fold(journalDecider, post.right.journal);
    const reverse = decideReverseEntry(afterPost, journal, {
      type: 'ReverseJournalEntry',
      id: entryId,
      date,
    });
    if (E.isLeft(reverse)) throw new Error(reverse.left.message);
    const after = fold(chartDecider, reverse.right.chart, afterPost);
    expect([after.accounts.get('cash')?.balance, after.accounts.get('rev')?.balance]).toEqual([
      0n,
      0n,
    ]);
    expect(
      reverse.right.chart[0]?.type === 'AccountsPosted' && reverse.right.chart[0].data.reversal,
    ).toBe(true);
  });
});

describe('seedChart', () => {
  it('opens the system accounts once and avoids a root name already taken', () => {
    const events = seedChart(chart);
    expect(events.map((e) => e.type === 'AccountOpened' && [e.data.id, e.data.name])).toEqual([
      [systemAccounts.cash, 'Cash (sys.cash)'],
      [systemAccounts.receivable, 'Accounts Receivable'],
      [systemAccounts.revenue, 'Sales Revenue'],
    ]);
    expect(seedChart(fold(chartDecider, events, chart))).toEqual([]);
  });
});

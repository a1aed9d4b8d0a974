import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { DomainError } from '../shared/domain-error.js';
import type { AccountId, JournalEntryId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { chartDecider } from './chart.decider.js';
import type { ChartEvent, Posting } from './chart.events.js';
import type { ChartState } from './chart.state.js';
import type { PostJournalEntry, ReverseJournalEntry } from './journal.commands.js';
import { journalDecider, type JournalState } from './journal.decider.js';
import type { JournalEvent, JournalLine } from './journal.events.js';

/** What a journal command appends, atomically: the entry's own stream and the chart's balance deltas. */
export interface EntryDecision {
  /** Events for `journal-<id>`. */
  readonly journal: readonly JournalEvent[];
  /** Events for `chart-main` (one `AccountsPosted`). */
  readonly chart: readonly ChartEvent[];
}

/** Net debit − credit per account, one posting per distinct account in first-seen order (zero nets kept, so every account is checked). */
export const postingsOf = (lines: readonly JournalLine[]): readonly Posting[] => {
  const net = new Map<AccountId, Money>();
  for (const line of lines) {
    const signed = line.side === 'debit' ? line.amount : Money.negate(line.amount);
    net.set(line.accountId, Money.add(net.get(line.accountId) ?? Money.zero, signed));
  }
  return Array.from(net, ([accountId, amount]) => ({ accountId, amount }));
};

const withChart =
  (chart: ChartState, entryId: JournalEntryId, reversal: boolean, lines: readonly JournalLine[]) =>
  (journal: readonly JournalEvent[]): E.Either<DomainError, EntryDecision> =>
    pipe(
      chartDecider.decide(
        { type: 'PostToAccounts', entryId, reversal, postings: postingsOf(lines) },
        chart,
      ),
      E.map((chartEvents) => ({ journal, chart: chartEvents })),
    );

/**
 * Posts a journal entry: the entry's own rules (id not reused → `already_exists`, at least two
 * lines and balanced → `unbalanced_entry`), then the chart's (`unknown_account`, `account_closed`).
 * Pure: the caller loads both streams and appends both results in one `appendMulti`. Other contexts
 * (sales delivering an order, taking a payment) call this to post into the ledger.
 */
export const decidePostEntry = (
  chart: ChartState,
  journal: JournalState,
  command: PostJournalEntry,
): E.Either<DomainError, EntryDecision> =>
  pipe(
    journalDecider.decide(command, journal),
    E.chain(withChart(chart, command.id, false, command.lines)),
  );

/**
 * Reverses a posted entry: its mirror (`unknown entry` → `not_found`, a second reversal →
 * `invalid_transition`), whose accounts must all still be open (`account_closed`).
 */
export const decideReverseEntry = (
  chart: ChartState,
  journal: JournalState,
  command: ReverseJournalEntry,
): E.Either<DomainError, EntryDecision> =>
  pipe(
    journalDecider.decide(command, journal),
    E.chain((events) => {
      const reversed = events.find((e) => e.type === 'JournalEntryReversed');
      return withChart(chart, command.id, true, reversed?.data.lines ?? [])(events);
    }),
  );

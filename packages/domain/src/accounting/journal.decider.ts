import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { JournalEntryId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import type { CalendarDate, Description } from './account-values.js';
import type { JournalCommand } from './journal.commands.js';
import type { JournalEvent, JournalLine } from './journal.events.js';

/** A journal entry stream's state. */
export type JournalState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'posted' | 'reversed';
      readonly id: JournalEntryId;
      readonly date: CalendarDate;
      readonly description: Description;
      readonly lines: readonly JournalLine[];
      /** The date of the mirror entry, once reversed. */
      readonly reversedOn: CalendarDate | null;
    };

/** Debit total and credit total of some lines. */
export const entryTotals = (
  lines: readonly JournalLine[],
): { readonly debit: Money; readonly credit: Money } => ({
  debit: Money.sum(lines.filter((l) => l.side === 'debit').map((l) => l.amount)),
  credit: Money.sum(lines.filter((l) => l.side === 'credit').map((l) => l.amount)),
});

/** The mirror of some lines: every debit becomes a credit of the same amount and vice versa. */
export const mirrorLines = (lines: readonly JournalLine[]): readonly JournalLine[] =>
  lines.map((l) => ({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' }));

/**
 * Decides the rules local to one entry (id not reused, shape, balance). Whether its accounts exist
 * and are open is the chart's rule: `decidePostEntry` combines both.
 */
export const journalDecider: Decider<JournalCommand, JournalEvent, JournalState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    switch (command.type) {
      case 'PostJournalEntry': {
        if (state.status !== 'absent')
          return E.left(
            domainError('already_exists', `journal entry ${command.id} already exists`),
          );
        if (command.lines.length < 2)
          return E.left(domainError('unbalanced_entry', 'an entry needs at least two lines'));
        const bad = command.lines.findIndex((l) => l.amount <= 0n);
        if (bad >= 0)
          return E.left(
            domainError('validation_failed', 'every line amount must be positive', [
              { path: `lines.${bad}` },
            ]),
          );
        const { debit, credit } = entryTotals(command.lines);
        if (debit !== credit)
          return E.left(
            domainError(
              'unbalanced_entry',
              `debits ${Money.format(debit)} do not equal credits ${Money.format(credit)}`,
            ),
          );
        return E.right([
          {
            type: 'JournalEntryPosted',
            data: {
              id: command.id,
              date: command.date,
              description: command.description,
              lines: command.lines,
            },
          },
        ]);
      }
      case 'ReverseJournalEntry':
        if (state.status === 'absent')
          return E.left(domainError('not_found', `journal entry ${command.id} does not exist`));
        if (state.status === 'reversed')
          return E.left(
            domainError('invalid_transition', `journal entry ${command.id} is already reversed`),
          );
        return E.right([
          {
            type: 'JournalEntryReversed',
            data: { id: command.id, date: command.date, lines: mirrorLines(state.lines) },
          },
        ]);
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'JournalEntryPosted':
        return { status: 'posted', ...event.data, reversedOn: null };
      case 'JournalEntryReversed':
        return state.status === 'absent'
          ? state
          : { ...state, status: 'reversed', reversedOn: event.data.date };
      default:
        return assertNever(event);
    }
  },
};

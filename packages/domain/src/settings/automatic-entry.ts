import * as E from 'fp-ts/lib/Either.js';
import { DescriptionC, type CalendarDate } from '../accounting/account-values.js';
import type { ChartState } from '../accounting/chart.state.js';
import type { JournalState } from '../accounting/journal.decider.js';
import type { JournalLine } from '../accounting/journal.events.js';
import { decidePostEntry, type EntryDecision } from '../accounting/post-entry.decision.js';
import type { DomainError } from '../shared/domain-error.js';
import type { JournalEntryId } from '../shared/id.js';
import { checkPeriodOpen } from './period-lock.js';
import type { SettingsState } from './settings.decider.js';
import { checked } from '../shared/checked.js';

/** What an automatic posting reads: the settings (lock date), the chart and the entry's own stream. */
export interface PostingStates {
  readonly settings: SettingsState;
  readonly chart: ChartState;
  readonly journal: JournalState;
}

const noEntry: EntryDecision = { journal: [], chart: [] };

/**
 * Posts an entry a business event implies (a receipt, a bill, a delivery's cost): refused with
 * `period_locked` on a closed date, then decided like any entry. Zero-amount lines are dropped;
 * with nothing left there is no entry at all (a free sample posts nothing).
 */
export const decideAutomaticEntry = (
  states: PostingStates,
  entry: {
    readonly id: JournalEntryId;
    readonly date: CalendarDate;
    readonly description: string;
    readonly lines: readonly JournalLine[];
  },
): E.Either<DomainError, EntryDecision> => {
  const open = checkPeriodOpen(states.settings, entry.date);
  if (E.isLeft(open)) return open;
  const lines = entry.lines.filter((l) => l.amount > 0n);
  if (lines.length === 0) return E.right(noEntry);
  return decidePostEntry(states.chart, states.journal, {
    type: 'PostJournalEntry',
    id: entry.id,
    date: entry.date,
    description: checked(DescriptionC, entry.description),
    lines,
  });
};

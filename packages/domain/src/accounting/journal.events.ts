import * as t from 'io-ts';
import { AccountIdC, JournalEntryIdC } from '../shared/id.js';
import { PositiveMoneyC } from '../shared/money.js';
import { CalendarDateC, DescriptionC } from './account-values.js';

/** One line of an entry: a positive amount on the debit or the credit side of an account. */
export const JournalLineC = t.readonly(
  t.type({
    accountId: AccountIdC,
    side: t.keyof({ debit: null, credit: null }),
    amount: PositiveMoneyC,
  }),
  'JournalLine',
);
export type JournalLine = t.TypeOf<typeof JournalLineC>;

/** A balanced entry was posted. Stream `journal-<id>`; its balance deltas go to `chart-main` in the same append. */
export const JournalEntryPostedC = t.readonly(
  t.type({
    type: t.literal('JournalEntryPosted'),
    data: t.readonly(
      t.type({
        id: JournalEntryIdC,
        date: CalendarDateC,
        description: DescriptionC,
        lines: t.readonlyArray(JournalLineC),
      }),
    ),
  }),
  'JournalEntryPosted',
);
export type JournalEntryPosted = t.TypeOf<typeof JournalEntryPostedC>;

/**
 * The entry was reversed: `lines` are the mirror of the original (debits become credits), posted on
 * `date`. It lives in the original's stream, so the two are linked and a second reversal is refused.
 */
export const JournalEntryReversedC = t.readonly(
  t.type({
    type: t.literal('JournalEntryReversed'),
    data: t.readonly(
      t.type({ id: JournalEntryIdC, date: CalendarDateC, lines: t.readonlyArray(JournalLineC) }),
    ),
  }),
  'JournalEntryReversed',
);
export type JournalEntryReversed = t.TypeOf<typeof JournalEntryReversedC>;

/** Every event of a journal entry stream. */
export const journalEventC = t.union([JournalEntryPostedC, JournalEntryReversedC], 'JournalEvent');
export type JournalEvent = t.TypeOf<typeof journalEventC>;

/** The type tags of journal entry events. */
export const journalEventTypes: readonly JournalEvent['type'][] = [
  'JournalEntryPosted',
  'JournalEntryReversed',
];

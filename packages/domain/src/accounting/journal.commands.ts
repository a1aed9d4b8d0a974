import * as t from 'io-ts';
import { JournalEntryIdC } from '../shared/id.js';
import { CalendarDateC, DescriptionC } from './account-values.js';
import { JournalLineC } from './journal.events.js';

/** Post an entry with a client-chosen id: at least two lines, debits equal to credits, open accounts only. */
export const PostJournalEntryC = t.readonly(
  t.type({
    type: t.literal('PostJournalEntry'),
    id: JournalEntryIdC,
    date: CalendarDateC,
    description: DescriptionC,
    lines: t.readonlyArray(JournalLineC),
  }),
  'PostJournalEntry',
);
export type PostJournalEntry = t.TypeOf<typeof PostJournalEntryC>;

/** Reverse a posted entry by posting its mirror on `date`; an entry is reversed once. */
export const ReverseJournalEntryC = t.readonly(
  t.type({ type: t.literal('ReverseJournalEntry'), id: JournalEntryIdC, date: CalendarDateC }),
  'ReverseJournalEntry',
);
export type ReverseJournalEntry = t.TypeOf<typeof ReverseJournalEntryC>;

/** Every command on a journal entry stream. */
export type JournalCommand = PostJournalEntry | ReverseJournalEntry;

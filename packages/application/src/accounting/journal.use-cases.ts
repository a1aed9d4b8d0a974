import * as E from 'fp-ts/lib/Either.js';
import {
  decidePostEntry,
  decideReverseEntry,
  streamIds,
  type EntryDecision,
  type PostJournalEntry,
  type ReverseJournalEntry,
} from '@erpcore/domain';
import { useCase } from '../use-case.js';
import { journalModel, type ChartModel } from './accounting-kinds.js';

const appendBoth = E.map((d: EntryDecision) => ({ chart: d.chart, journal: d.journal }));

/**
 * Post an entry: `chart-main` (from its snapshot) and `journal-<id>` decided once and appended in
 * one `appendMulti` with both expected revisions, so a concurrent close of a posted-to account, or
 * a second post of the same id, loses the race and is decided again. Answers the entry's revision
 * and the position of the last event written.
 */
export const postJournalEntry = (chart: ChartModel) =>
  useCase({
    name: 'post-journal-entry',
    kinds: { chart, journal: journalModel },
    streams: (c: PostJournalEntry) => ({
      chart: streamIds.chart(),
      journal: streamIds.journal(c.id),
    }),
    decide: (states, command) => appendBoth(decidePostEntry(states.chart, states.journal, command)),
    answer: (executed, command) => ({
      id: command.id,
      revision: executed.roles.journal.revision,
      position: executed.position,
    }),
  });

/** Reverse a posted entry (once), like posting: both streams in one append. */
export const reverseJournalEntry = (chart: ChartModel) =>
  useCase({
    name: 'reverse-journal-entry',
    kinds: { chart, journal: journalModel },
    streams: (c: ReverseJournalEntry) => ({
      chart: streamIds.chart(),
      journal: streamIds.journal(c.id),
    }),
    decide: (states, command) =>
      appendBoth(decideReverseEntry(states.chart, states.journal, command)),
    answer: (executed, command) => ({
      id: command.id,
      revision: executed.roles.journal.revision,
      position: executed.position,
    }),
  });

import type { FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import {
  chartDecider,
  chartEventC,
  journalDecider,
  journalEventC,
  streamIds,
  type ChartState,
  type DomainError,
  type EntryDecision,
  type JournalState,
} from '@erpcore/domain';
import {
  handleMultiStreamCommand,
  type SnapshotStore,
  type StoredEvent,
  type StreamModels,
} from '@erpcore/eventstore';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { findPriorAttempt, runOrReplay } from '../http/idempotency.js';
import { chartLoad } from './chart-snapshots.js';

/** A journal command as a route sends it: a pure decision over the chart and the entry. */
export interface EntryCommandSpec {
  readonly entryId: string;
  readonly decide: (
    chart: ChartState,
    journal: JournalState,
  ) => E.Either<DomainError, EntryDecision>;
  readonly created?: boolean;
}

/**
 * Loads `chart-main` (from its snapshot) and `journal-<id>`, decides once, and appends the entry
 * and the chart's balance deltas in one atomic `appendMulti` with both expected revisions: a
 * concurrent close of a posted-to account, or a concurrent second post of the same id, loses the
 * race and is decided again. The chart's events go first so the entry's event is the last one
 * written: its position is the answer, which an idempotent replay finds in the entry's stream.
 */
export const runEntryCommand = async (
  request: FastifyRequest,
  reply: FastifyReply,
  snapshots: SnapshotStore<ChartState>,
  spec: EntryCommandSpec,
): Promise<FastifyReply> => {
  const { store } = request.server.erp;
  const chartId = streamIds.chart();
  const journalId = streamIds.journal(spec.entryId);
  const created = spec.created ?? false;
  const replay = (prior: readonly StoredEvent[]): FastifyReply | undefined => {
    const last = prior.filter((e) => e.streamId === journalId).at(-1);
    return last === undefined
      ? undefined
      : sendCommandAnswer(
          reply,
          { id: spec.entryId, revision: last.revision, position: last.position },
          { created },
        );
  };
  const streams: StreamModels = {
    [chartId]: {
      initialState: chartDecider.initialState,
      evolve: chartDecider.evolve,
      codec: chartEventC,
      load: chartLoad(snapshots),
    },
    [journalId]: {
      initialState: journalDecider.initialState,
      evolve: journalDecider.evolve,
      codec: journalEventC,
    },
  };
  const outcome = await runOrReplay(
    () =>
      handleMultiStreamCommand(store, {
        streams,
        decide: (states) =>
          E.map((d: EntryDecision) => [
            { streamId: chartId, events: d.chart },
            { streamId: journalId, events: d.journal },
          ])(spec.decide(states[chartId] as ChartState, states[journalId] as JournalState)),
        context: commandContext(request),
      }),
    replay,
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (E.isLeft(result)) {
    const replayed = replay(await findPriorAttempt(request));
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  const journal = result.right.streams.find((s) => s.streamId === journalId);
  return sendCommandAnswer(
    reply,
    { id: spec.entryId, revision: journal?.revision ?? -1n, position: result.right.position },
    { created },
  );
};

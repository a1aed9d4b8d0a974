import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  chartDecider,
  chartEventC,
  streamIds,
  type ChartCommand,
  type ChartState,
} from '@erpcore/domain';
import { handleCommand, type SnapshotStore, type StoredEvent } from '@erpcore/eventstore';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { findPriorAttempt, runOrReplay } from '../http/idempotency.js';
import { chartLoad } from './chart-snapshots.js';

/** A chart command as a route sends it. */
export interface ChartCommandSpec {
  readonly command: ChartCommand;
  /** The account id the answer names. */
  readonly id: string;
  readonly created?: boolean;
}

/**
 * Runs a command on `chart-main`, loading the chart from its snapshot (never folding the whole
 * history), and answers `{ id, revision, position }` with the chart's revision. A refused retry
 * carrying the same `Idempotency-Key` as an accepted request is answered like the first.
 */
export const runChartCommand = async (
  request: FastifyRequest,
  reply: FastifyReply,
  snapshots: SnapshotStore<ChartState>,
  spec: ChartCommandSpec,
): Promise<FastifyReply> => {
  const { store } = request.server.erp;
  const streamId = streamIds.chart();
  const created = spec.created ?? false;
  const replay = (prior: readonly StoredEvent[]): FastifyReply | undefined => {
    const last = prior.filter((e) => e.streamId === streamId).at(-1);
    return last === undefined
      ? undefined
      : sendCommandAnswer(
          reply,
          { id: spec.id, revision: last.revision, position: last.position },
          { created },
        );
  };
  const outcome = await runOrReplay(
    () =>
      handleCommand(store, {
        decider: chartDecider,
        codec: chartEventC,
        streamId,
        command: spec.command,
        context: commandContext(request),
        load: chartLoad(snapshots),
      }),
    replay,
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (isLeft(result)) {
    const replayed = replay(await findPriorAttempt(request));
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  const { revision, position } = result.right;
  return sendCommandAnswer(
    reply,
    { id: spec.id, revision: revision ?? -1n, position },
    { created },
  );
};

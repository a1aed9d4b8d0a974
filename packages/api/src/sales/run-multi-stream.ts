import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError, DomainEvent } from '@erpcore/domain';
import {
  decodeEvents,
  handleMultiStreamCommand,
  type MultiStreamOutcome,
  type StoredEvent,
} from '@erpcore/eventstore';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { findPriorAttempt, runOrReplay } from '../http/idempotency.js';
import { withStreamLocks } from '../inventory/stream-locks.js';
import type { AnyStreamModel } from './sales-stream-models.js';

/** Events for one of the loaded streams. */
export interface StreamWrite {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
}

/** A command over several streams, as a sales route sends it. */
export interface MultiStreamSpec {
  /** Every stream the decision reads, by stream id. */
  readonly streams: Readonly<Record<string, AnyStreamModel>>;
  /** Pure: the domain decision over the loaded states (read with `states[streamId]`). */
  readonly decide: (
    states: Readonly<Record<string, unknown>>,
  ) => Either<DomainError, readonly StreamWrite[]>;
  /** The `id` the answer names. */
  readonly id: string;
  /** The stream whose revision the answer reports (the aggregate named by `id`). */
  readonly primaryStreamId: string;
  readonly created?: boolean;
  /** The streams the command may write (queued on in-process); default: every stream it reads. */
  readonly writes?: readonly string[];
  /**
   * Command-specific answer fields from the outcome (states after the append). Read only the
   * primary stream's state: an idempotent replay rebuilds that one alone.
   */
  readonly extras?: (outcome: MultiStreamOutcome) => Readonly<Record<string, unknown>>;
}

/**
 * Load every stream → decide once → one atomic appendMulti (retried on a lost race), then answer
 * with the primary stream's revision and the position of the LAST event appended, which covers
 * every effect of the command. An identical retry (same `Idempotency-Key`) that the decision now
 * refuses is answered from the events the first request wrote, across all its streams.
 */
export const runMultiStreamCommand = async (
  request: FastifyRequest,
  reply: FastifyReply,
  spec: MultiStreamSpec,
): Promise<FastifyReply> => {
  const { store } = request.server.erp;
  // Queued per stream in this process: 20 confirmations of one hot SKU then load the revision their
  // predecessor wrote instead of all racing and retrying; the expected revision stays the real guard.
  const outcome = await runOrReplay(
    () =>
      withStreamLocks(store, spec.writes ?? Object.keys(spec.streams), () =>
        handleMultiStreamCommand(store, {
          streams: spec.streams,
          decide: spec.decide,
          context: commandContext(request),
        }),
      ),
    (prior) => replayIdempotent(request, reply, spec, prior),
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (isLeft(result)) {
    const replayed = await replayIdempotent(request, reply, spec, await findPriorAttempt(request));
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  const primary = result.right.streams.find((s) => s.streamId === spec.primaryStreamId);
  return sendCommandAnswer(
    reply,
    { id: spec.id, revision: primary?.revision ?? -1n, position: result.right.position },
    { created: spec.created ?? false, extras: spec.extras?.(result.right) ?? {} },
  );
};

const replayIdempotent = async (
  request: FastifyRequest,
  reply: FastifyReply,
  spec: MultiStreamSpec,
  prior: readonly StoredEvent[],
): Promise<FastifyReply | undefined> => {
  const last = prior.filter((e) => e.streamId === spec.primaryStreamId).at(-1);
  const position = prior.at(-1)?.position;
  const model = spec.streams[spec.primaryStreamId];
  if (position === undefined || last === undefined || model === undefined) return undefined;
  // API.md: the retry returns the first response again, extras included: they come from the
  // primary stream's state right after the first request's events, rebuilt here when asked.
  const mine = prior.filter((e) => e.streamId === spec.primaryStreamId);
  const upTo =
    spec.extras === undefined
      ? []
      : await request.server.erp.store.readStream(spec.primaryStreamId, {
          maxCount: Number(last.revision) + 1,
        });
  const state = decodeEvents(model.codec, upTo).reduce(
    (s, e) => model.evolve(s, e),
    model.initialState,
  );
  const outcome: MultiStreamOutcome = {
    position,
    streams: [
      {
        streamId: spec.primaryStreamId,
        revision: last.revision,
        position: last.position,
        events: mine,
        state,
      },
    ],
  };
  return sendCommandAnswer(
    reply,
    { id: spec.id, revision: last.revision, position },
    { created: spec.created ?? false, extras: spec.extras?.(outcome) ?? {} },
  );
};

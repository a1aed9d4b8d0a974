import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { fold, type Decider, type DomainEvent } from '@erpcore/domain';
import {
  decodeEvents,
  handleCommand,
  type StoredEvent,
  type StreamCodec,
} from '@erpcore/eventstore';
import { commandContext } from './command-context.js';
import { sendCommandAnswer } from './command-response.js';
import { DomainRefusal } from './domain-refusal.js';
import { findPriorAttempt, runOrReplay } from './idempotency.js';

/** One single-stream command as a route sends it. */
export interface CommandSpec<C, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly codec: StreamCodec<E>;
  readonly streamId: string;
  readonly command: C;
  /** The `id` the response names (the aggregate's client-chosen id). */
  readonly id: string;
  /** 201 instead of 200. */
  readonly created?: boolean;
  /** Command-specific response fields, from the command's stored events (encoded data) and the state after them. */
  readonly extras?: (events: readonly StoredEvent[], state: S) => Readonly<Record<string, unknown>>;
}

/**
 * Load → decide → append (via `handleCommand`, which retries on a concurrent write) and answer.
 * A refusal throws `DomainRefusal` for the error handler. A retried request with the same
 * `Idempotency-Key` is answered from the events the first one wrote.
 */
export const runCommand = async <C, E extends DomainEvent, S>(
  request: FastifyRequest,
  reply: FastifyReply,
  spec: CommandSpec<C, E, S>,
): Promise<FastifyReply> => {
  const { store } = request.server.erp;
  const outcome = await runOrReplay(
    () =>
      handleCommand(store, {
        decider: spec.decider,
        codec: spec.codec,
        streamId: spec.streamId,
        command: spec.command,
        context: commandContext(request),
      }),
    (prior) => replayIdempotent(request, reply, spec, prior),
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (isLeft(result)) {
    // An identical request may have won a race with this one: answer as it was answered.
    const replayed = await replayIdempotent(request, reply, spec, await findPriorAttempt(request));
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  const { revision, position, events, state } = result.right;
  // A decision with no events on a stream that does not exist has no revision yet: answer -1.
  return sendCommandAnswer(
    reply,
    { id: spec.id, revision: revision ?? -1n, position },
    { created: spec.created ?? false, extras: spec.extras?.(events, state) ?? {} },
  );
};

/** The first answer again, from the events an identical earlier request wrote (if any). */
const replayIdempotent = async <C, E extends DomainEvent, S>(
  request: FastifyRequest,
  reply: FastifyReply,
  spec: CommandSpec<C, E, S>,
  prior: readonly StoredEvent[],
): Promise<FastifyReply | undefined> => {
  const mine = prior.filter((e) => e.streamId === spec.streamId);
  const last = mine[mine.length - 1];
  if (last === undefined) return undefined;
  // Extras come from the state right after the first request's events: rebuilt only when asked.
  const extras =
    spec.extras === undefined
      ? {}
      : spec.extras(
          mine,
          fold(
            spec.decider,
            decodeEvents(
              spec.codec,
              await request.server.erp.store.readStream(spec.streamId, {
                maxCount: Number(last.revision) + 1,
              }),
            ),
          ),
        );
  return sendCommandAnswer(
    reply,
    { id: spec.id, revision: last.revision, position: last.position },
    { created: spec.created ?? false, extras },
  );
};

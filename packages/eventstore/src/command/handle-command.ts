import { right, isLeft, type Either } from 'fp-ts/lib/Either.js';
import { fold, type Decider, type DomainError, type DomainEvent } from '@erpcore/domain';
import type { EventStore, GlobalPosition, StoredEvent, StreamRevision } from '../event-store.js';
import { toEventsToAppend, toStoredEvents, type CommandContext } from './command-context.js';
import { loadStream, maybeSnapshot } from './load-stream.js';
import { whileStateLoads } from './state-not-loaded.js';
import { defaultMaxRetries, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';
import type { LoadStrategy, StreamCodec, StreamModel } from './stream-model.js';

/** What a handled command did to its stream. */
export interface CommandOutcome<S> {
  readonly streamId: string;
  /** The stream's revision after the command; null when nothing was appended and the stream does not exist. */
  readonly revision: StreamRevision | null;
  /** Position of the last event appended (or of the stream's last event when nothing was appended; 0n for none). */
  readonly position: GlobalPosition;
  readonly events: readonly StoredEvent[];
  readonly state: S;
}

export interface HandleCommandOptions<C, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly codec: StreamCodec<E>;
  readonly streamId: string;
  readonly command: C;
  readonly context: CommandContext;
  readonly load?: LoadStrategy<E, S>;
  readonly maxRetries?: number;
  /** Backoff, time budget and lanes of the retries (default: 5 s, lanes scoped to the store). */
  readonly retry?: RetryPolicy;
}

/**
 * Load → decide → append with the loaded revision; on a lost race reload and decide again
 * (bounded; then ConcurrencyError). A refusal comes back as Left, never as a throw.
 */
export const handleCommand = async <C, E extends DomainEvent, S>(
  store: EventStore,
  options: HandleCommandOptions<C, E, S>,
): Promise<Either<DomainError, CommandOutcome<S>>> => {
  const { decider, codec, streamId, command, context } = options;
  const model: StreamModel<E, S> = {
    initialState: decider.initialState,
    evolve: decider.evolve,
    codec,
    ...(options.load === undefined ? {} : { load: options.load }),
  };
  const policy: RetryPolicy = { lanes: store, ...options.retry };
  return retryOnConflict(
    [streamId],
    options.maxRetries ?? defaultMaxRetries,
    // The state after the events is computed before the append: a state loaded in parts
    // (StateNotLoaded) may rerun everything up to there, never the append.
    async () =>
      whileStateLoads(async () => {
        const loaded = await loadStream(store, streamId, model);
        // A missing part refetched here reruns decide + evolve only, not the load.
        const { decision, state } = await whileStateLoads(
          async () => {
            const decided = decider.decide(command, loaded.state);
            return {
              decision: decided,
              state: isLeft(decided) ? loaded.state : fold(decider, decided.right, loaded.state),
            };
          },
          { decideOnly: true },
        );
        if (isLeft(decision)) return decision;
        const events = decision.right;
        if (events.length === 0) {
          return right({
            streamId,
            revision: loaded.revision === -1n ? null : loaded.revision,
            position: loaded.position,
            events: [],
            state: loaded.state,
          });
        }
        const toAppend = toEventsToAppend(codec, events, context, streamId);
        await context.beforeAppend?.();
        const result = await store.appendToStream(streamId, toAppend, {
          expectedRevision: loaded.revision === -1n ? 'no_stream' : loaded.revision,
        });
        await maybeSnapshot(model, streamId, loaded.revision, result.nextRevision, state);
        return right({
          streamId,
          revision: result.nextRevision,
          position: result.position,
          events: toStoredEvents(streamId, toAppend, result.nextRevision, result.position),
          state,
        });
      }),
    policy,
  );
};

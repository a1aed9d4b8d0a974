import { right, isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError, DomainEvent } from '@erpcore/domain';
import type { EventStore, GlobalPosition, StreamAppend } from '../event-store.js';
import { toEventsToAppend, toStoredEvents, type CommandContext } from './command-context.js';
import type { CommandOutcome } from './handle-command.js';
import { loadStream, maybeSnapshot, type LoadedStream } from './load-stream.js';
import { whileStateLoads } from './state-not-loaded.js';
import { defaultMaxRetries, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';
import type { StreamModel } from './stream-model.js';

/** Models keyed by stream id. */
export type StreamModels = Readonly<Record<string, StreamModel<DomainEvent, unknown>>>;

/** The state type of each model, keyed like the models. */
export type StatesOf<M extends StreamModels> = {
  readonly [K in keyof M]: M[K] extends StreamModel<DomainEvent, infer S> ? S : never;
};

/** Events to append to one of the loaded streams. */
export interface StreamDecision<M extends StreamModels> {
  readonly streamId: keyof M & string;
  readonly events: readonly DomainEvent[];
}

export interface MultiStreamCommand<M extends StreamModels> {
  readonly streams: M;
  /** Pure: decides once from the state of every stream. */
  readonly decide: (states: StatesOf<M>) => Either<DomainError, ReadonlyArray<StreamDecision<M>>>;
  readonly context: CommandContext;
  readonly maxRetries?: number;
  /** Backoff, time budget and lanes of the retries (default: 5 s, lanes scoped to the store). */
  readonly retry?: RetryPolicy;
}

export interface MultiStreamOutcome {
  /** Position of the last event appended (or the highest loaded position when nothing was appended). */
  readonly position: GlobalPosition;
  /** Every loaded stream, in the order of `streams`. */
  readonly streams: ReadonlyArray<CommandOutcome<unknown>>;
}

/**
 * Load every stream, decide once, append all decided events in one appendMulti with each
 * stream's loaded revision (all or nothing); retry the whole on a lost race.
 */
export const handleMultiStreamCommand = async <M extends StreamModels>(
  store: EventStore,
  command: MultiStreamCommand<M>,
): Promise<Either<DomainError, MultiStreamOutcome>> => {
  const ids = Object.keys(command.streams);
  const policy: RetryPolicy = { lanes: store, ...command.retry };
  return retryOnConflict(
    ids,
    command.maxRetries ?? defaultMaxRetries,
    // States after the events are computed before the append: a state loaded in parts
    // (StateNotLoaded) may rerun everything up to there, never the append.
    async () =>
      whileStateLoads(async () => {
        const loaded = await Promise.all(
          ids.map((id) => loadStream(store, id, command.streams[id]!)),
        );
        const byId = new Map(loaded.map((l) => [l.streamId, l]));
        const states = Object.fromEntries(loaded.map((l) => [l.streamId, l.state])) as StatesOf<M>;
        // A missing part refetched here reruns decide + evolve only, not the loads.
        const outcome = await whileStateLoads(
          async () => {
            const decision = command.decide(states);
            if (isLeft(decision)) return decision;
            // One entry per stream, in decision order, even if the decision names a stream twice.
            const decided = new Map<string, DomainEvent[]>();
            for (const { streamId, events } of decision.right) {
              if (!byId.has(streamId))
                throw new TypeError(
                  `decision writes to ${streamId}, which the command did not load`,
                );
              decided.set(streamId, [...(decided.get(streamId) ?? []), ...events]);
            }
            const after = new Map<string, unknown>();
            for (const [streamId, events] of decided) {
              const model = command.streams[streamId]!;
              if (events.length > 0)
                after.set(
                  streamId,
                  events.reduce((s, e) => model.evolve(s, e), byId.get(streamId)!.state),
                );
            }
            return right({ decided, after });
          },
          { decideOnly: true },
        );
        if (isLeft(outcome)) return outcome;
        const { decided, after } = outcome.right;
        const appends: StreamAppend[] = [];
        for (const [streamId, events] of decided) {
          const current = byId.get(streamId)!;
          if (events.length === 0) continue;
          const expectedRevision = current.revision === -1n ? 'no_stream' : current.revision;
          appends.push({
            streamId,
            events: toEventsToAppend(
              command.streams[streamId]!.codec,
              events,
              command.context,
              streamId,
            ),
            expectedRevision,
          });
        }
        const unchanged = (l: LoadedStream<unknown>): CommandOutcome<unknown> => ({
          streamId: l.streamId,
          revision: l.revision === -1n ? null : l.revision,
          position: l.position,
          events: [],
          state: l.state,
        });
        if (appends.length === 0) {
          return right({
            position: loaded.reduce((max, l) => (l.position > max ? l.position : max), 0n),
            streams: loaded.map(unchanged),
          });
        }

        await command.context.beforeAppend?.();
        const result = await store.appendMulti(appends);
        const outcomes = await Promise.all(
          loaded.map(async (l) => {
            const index = appends.findIndex((a) => a.streamId === l.streamId);
            const append = appends[index];
            const written = result.streams[index];
            if (append === undefined || written === undefined) return unchanged(l);
            const model = command.streams[l.streamId]!;
            const state = after.get(l.streamId);
            await maybeSnapshot(model, l.streamId, l.revision, written.nextRevision, state);
            const events = toStoredEvents(
              l.streamId,
              append.events,
              written.nextRevision,
              written.position ?? result.position,
            );
            return {
              streamId: l.streamId,
              revision: written.nextRevision,
              position: written.position ?? result.position,
              events,
              state,
            };
          }),
        );
        return right({ position: result.position, streams: outcomes });
      }),
    policy,
  );
};

import type { DomainEvent } from '@erpcore/domain';
import { decodeEvent, decodeEvents } from '../decode-event.js';
import type { EventStore, GlobalPosition, StoredEvent, StreamRevision } from '../event-store.js';
import type { StreamModel } from './stream-model.js';

/** A stream's state with the revision it reflects (-1n: no stream) and its last event's position (0n: none). */
export interface LoadedStream<S> {
  readonly streamId: string;
  readonly state: S;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
}

const foldFrom = <E extends DomainEvent, S>(
  model: StreamModel<E, S>,
  state: S,
  stored: readonly StoredEvent[],
): S => decodeEvents(model.codec, stored).reduce((s, e) => model.evolve(s, e), state);

/** Loads a stream's current state by the model's load strategy (default: fold every event). */
export const loadStream = async <E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  model: StreamModel<E, S>,
): Promise<LoadedStream<S>> => {
  const strategy = model.load ?? { kind: 'fold' };
  switch (strategy.kind) {
    case 'fold': {
      const stored = await store.readStream(streamId);
      const last = stored[stored.length - 1];
      return {
        streamId,
        state: foldFrom(model, model.initialState, stored),
        revision: last?.revision ?? -1n,
        position: last?.position ?? 0n,
      };
    }
    case 'lastEvent': {
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last === undefined)
        return { streamId, state: model.initialState, revision: -1n, position: 0n };
      const event = decodeEvent(model.codec, last);
      const state =
        strategy.fromLastEvent === undefined
          ? model.evolve(model.initialState, event)
          : strategy.fromLastEvent(event, last.revision);
      return { streamId, state, revision: last.revision, position: last.position };
    }
    case 'snapshot': {
      const snapshot = await strategy.snapshots.load(streamId);
      if (snapshot === undefined) {
        const stored = await store.readStream(streamId);
        const last = stored[stored.length - 1];
        return {
          streamId,
          state: foldFrom(model, model.initialState, stored),
          revision: last?.revision ?? -1n,
          position: last?.position ?? 0n,
        };
      }
      const after = await store.readStream(streamId, { fromRevision: snapshot.revision + 1n });
      const last =
        after[after.length - 1] ??
        (
          await store.readStream(streamId, {
            fromRevision: snapshot.revision,
            direction: 'backwards',
            maxCount: 1,
          })
        )[0];
      return {
        streamId,
        state: foldFrom(model, snapshot.state, after),
        revision: last?.revision ?? snapshot.revision,
        position: last?.position ?? 0n,
      };
    }
  }
};

/** Saves a snapshot when an append crossed a multiple of the model's `every`. Best effort. */
export const maybeSnapshot = async <E extends DomainEvent, S>(
  model: StreamModel<E, S>,
  streamId: string,
  before: StreamRevision,
  after: StreamRevision,
  state: S,
): Promise<void> => {
  const strategy = model.load;
  if (strategy?.kind !== 'snapshot' || strategy.every < 1) return;
  const every = BigInt(strategy.every);
  if ((after + 1n) / every === (before + 1n) / every) return;
  // The events are committed already; a lost snapshot only makes the next load longer.
  await strategy.snapshots
    .save(streamId, after, state)
    .catch((error: unknown) =>
      process.emitWarning(`snapshot of ${streamId} not saved: ${String(error)}`),
    );
};

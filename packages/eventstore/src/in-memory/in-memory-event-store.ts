import { normalizeAppends, revisionMatches } from '../append-input.js';
import {
  UndecodableEventError,
  WrongExpectedRevisionError,
  type AppendMultiResult,
  type EventStore,
  type GlobalPosition,
  type StoredEvent,
  type StreamAppend,
  type StreamRevision,
} from '../event-store.js';
import { readStreamSlice } from './read-stream-slice.js';
import { eventHash } from './event-hash.js';
import type { LogVerification, VerifyOptions } from '../integrity/log-verification.js';
import { createPollingSubscription } from '../subscription.js';
import { currentStoredEvent } from '../upcasting/current-shape.js';

/** JSON round trip: stored data behaves like jsonb (no aliasing, bigints refused). */
const jsonClone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What a reader sees of a stored event: today's shape (stored objects stay as appended). */
const readable = (stored: StoredEvent): StoredEvent => {
  const current = currentStoredEvent(stored);
  if (!current.ok) throw new UndecodableEventError(stored, current.reason);
  return current.event;
};

/**
 * The in-memory adapter: same semantics as PostgreSQL (positions 1, 2, 3…), for unit tests and
 * for embedding without storage.
 */
export const createInMemoryEventStore = (): EventStore => {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const byId = new Map<string, StoredEvent>();
  const listeners = new Set<() => void>();
  // Tamper evidence, as the SQL adapter keeps it: a chained hash per event (by position − 1)
  // and each stream's head. Stored objects are handed out by reference, so it catches callers
  // that mutate what they read.
  const hashes: Buffer[] = [];
  const heads = new Map<string, { revision: StreamRevision; hash: Buffer }>();

  const appendMulti = async (input: readonly StreamAppend[]): Promise<AppendMultiResult> => {
    const appends = normalizeAppends(input);
    // Check everything first: a mismatch anywhere writes nothing anywhere.
    const plans = appends.map((append) => {
      const current = BigInt((streams.get(append.streamId)?.length ?? 0) - 1);
      const fresh = append.events.filter((e) => !byId.has(e.eventId));
      const allStored = append.events.length > 0 && fresh.length === 0;
      if (!allStored && !revisionMatches(append.expectedRevision, current)) {
        throw new WrongExpectedRevisionError(
          append.streamId,
          append.expectedRevision,
          current === -1n ? 'no_stream' : current,
        );
      }
      const storedPositions = append.events.flatMap((e) => {
        const stored = byId.get(e.eventId);
        return stored === undefined ? [] : [stored.position];
      });
      return { append, current, fresh, storedPositions };
    });
    // Serialize before mutating: a value JSON cannot hold must fail the whole call.
    const prepared = plans.map((plan) => ({
      ...plan,
      fresh: plan.fresh.map((e) => ({
        ...e,
        data: jsonClone(e.data),
        metadata: jsonClone(e.metadata),
      })),
    }));
    let position: GlobalPosition | undefined;
    const result = prepared.map(({ append, current, fresh, storedPositions }) => {
      let streamPosition: GlobalPosition | undefined;
      for (const p of storedPositions)
        if (streamPosition === undefined || p > streamPosition) streamPosition = p;
      if (streamPosition !== undefined && (position === undefined || streamPosition > position))
        position = streamPosition;
      // A retry of stored events answers with the revision of its own last event, not the
      // stream's current one (later appends may have moved it on).
      let revision: StreamRevision =
        fresh.length === 0 && append.events.length > 0
          ? append.events.reduce<StreamRevision>((max, e) => {
              const stored = byId.get(e.eventId);
              return stored !== undefined &&
                stored.streamId === append.streamId &&
                stored.revision > max
                ? stored.revision
                : max;
            }, -1n)
          : current;
      if (revision === -1n) revision = current;
      for (const e of fresh) {
        revision += 1n;
        const stored: StoredEvent = {
          ...e,
          streamId: append.streamId,
          revision,
          position: BigInt(log.length + 1),
        };
        const hash = eventHash(heads.get(append.streamId)?.hash, stored);
        log.push(stored);
        hashes.push(hash);
        heads.set(append.streamId, { revision, hash });
        byId.set(e.eventId, stored);
        const stream = streams.get(append.streamId) ?? [];
        stream.push(stored);
        streams.set(append.streamId, stream);
        position = stored.position;
        streamPosition = stored.position;
      }
      return streamPosition === undefined
        ? { streamId: append.streamId, nextRevision: revision }
        : { streamId: append.streamId, nextRevision: revision, position: streamPosition };
    });
    if (prepared.some((p) => p.fresh.length > 0)) for (const listener of listeners) listener();
    return { streams: result, position: position ?? 0n };
  };

  const readAll = async (
    from: GlobalPosition = 0n,
    max?: number,
  ): Promise<readonly StoredEvent[]> => {
    const start = Number(from < 0n ? 0n : from);
    return log.slice(start, max === undefined ? undefined : start + max).map(readable);
  };

  const verify = async (options: VerifyOptions = {}): Promise<LogVerification> => {
    let firstBroken: StoredEvent | undefined;
    let broken = 0;
    for (const [index, event] of log.entries()) {
      const stream = streams.get(event.streamId) ?? [];
      const previous = event.revision === 0n ? undefined : stream[Number(event.revision) - 1];
      const linked = event.revision === 0n || previous !== undefined;
      const previousHash =
        previous === undefined ? undefined : hashes[Number(previous.position) - 1];
      const stored = hashes[index];
      if (!linked || stored === undefined || !eventHash(previousHash, event).equals(stored)) {
        broken += 1;
        firstBroken ??= event;
      }
    }
    options.onProgress?.({ done: log.length, total: log.length });
    let brokenHead: string | undefined;
    for (const [streamId, head] of heads) {
      const last = streams.get(streamId)?.at(-1);
      const lastHash = last === undefined ? undefined : hashes[Number(last.position) - 1];
      if (last?.revision !== head.revision || lastHash?.equals(head.hash) !== true) {
        brokenHead = streamId;
        break;
      }
    }
    const base = {
      ok: firstBroken === undefined && brokenHead === undefined,
      checkedEvents: log.length,
      brokenEvents: broken,
    };
    if (firstBroken !== undefined)
      return {
        ...base,
        firstBrokenPosition: firstBroken.position,
        brokenStreamId: firstBroken.streamId,
      };
    return brokenHead === undefined ? base : { ...base, brokenStreamId: brokenHead };
  };

  return {
    verify,
    appendToStream: async (streamId, events, { expectedRevision }) => {
      const result = await appendMulti([{ streamId, events, expectedRevision }]);
      return { nextRevision: result.streams[0]?.nextRevision ?? -1n, position: result.position };
    },
    appendMulti,
    readStream: async (streamId, options = {}) =>
      readStreamSlice(streams.get(streamId) ?? [], options).map(readable),
    readAll: (options = {}) => readAll(options.fromPosition, options.maxCount),
    readEventsById: async (eventIds) =>
      [...new Set(eventIds)]
        .flatMap((id) => {
          const stored = byId.get(id);
          return stored === undefined ? [] : [readable(stored)];
        })
        .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)),
    subscribeToAll: (options = {}) =>
      createPollingSubscription({
        fromPosition: options.fromPosition ?? 0n,
        batchSize: options.batchSize ?? 500,
        pollIntervalMs: 1000,
        read: readAll,
        listen: async (onNews) => {
          listeners.add(onNews);
          return async () => {
            listeners.delete(onNews);
          };
        },
      }),
    headPosition: async () => BigInt(log.length),
    close: async () => undefined,
  };
};

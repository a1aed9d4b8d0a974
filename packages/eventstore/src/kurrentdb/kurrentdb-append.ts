import type { EventData, JSONType, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { normalizeAppends, revisionMatches } from '../append-input.js';
import {
  WrongExpectedRevisionError,
  type AppendMultiResult,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type StoredEvent,
  type StreamAppend,
  type StreamRevision,
} from '../event-store.js';
import { toPortError } from './kurrentdb-errors.js';
import { encodeMetadata } from './kurrentdb-metadata.js';
import { readAtRevision, readStreamEvents } from './kurrentdb-reads.js';
import { toStreamState } from './kurrentdb-revision.js';

/** What one stream of a call looks like after its tail was read. */
interface Plan {
  readonly append: StreamAppend;
  /** The stream's revision when its tail was read (-1n: absent). */
  readonly current: StreamRevision;
  /** Events of this call already in the stream's tail (a retry), by event id. */
  readonly stored: ReadonlyMap<string, StoredEvent>;
  readonly fresh: readonly EventToAppend[];
}

const isJsonType = (value: unknown): value is JSONType =>
  typeof value === 'string' ||
  Array.isArray(value) ||
  (typeof value === 'object' && value !== null);

/** Our event as the client's JSON event; data must be a JSON object, array or string. */
export const toEventData = (event: EventToAppend): EventData => {
  // A JSON round trip refuses what JSON cannot hold (a bigint) before anything is sent.
  const data: unknown = JSON.parse(JSON.stringify(event.data) ?? 'null');
  if (!isJsonType(data))
    throw new TypeError(`event ${event.eventId}: data must be a JSON object, array or string`);
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data,
    metadata: { ...encodeMetadata(event.metadata) },
  };
};

const plan = async (
  client: KurrentDBClient,
  append: StreamAppend,
  window: number,
): Promise<Plan> => {
  const tail = await readStreamEvents(client, append.streamId, {
    direction: 'backwards',
    maxCount: Math.max(window, append.events.length),
  });
  const stored = new Map<string, StoredEvent>();
  const inTail = new Map(tail.map((e) => [e.eventId, e]));
  for (const e of append.events) {
    const found = inTail.get(e.eventId);
    if (found !== undefined) stored.set(e.eventId, found);
  }
  return {
    append,
    current: tail[0]?.revision ?? -1n,
    stored,
    fresh: append.events.filter((e) => !stored.has(e.eventId)),
  };
};

const allStored = (p: Plan): boolean => p.append.events.length > 0 && p.fresh.length === 0;

const refuse = (p: Plan): WrongExpectedRevisionError =>
  new WrongExpectedRevisionError(
    p.append.streamId,
    p.append.expectedRevision,
    p.current === -1n ? 'no_stream' : p.current,
  );

/** The answer for a stream nothing was written to: its retried events, or its current state. */
const answerUnwritten = (p: Plan): { nextRevision: StreamRevision; position?: GlobalPosition } => {
  let last: StoredEvent | undefined;
  for (const e of p.stored.values()) if (last === undefined || e.revision > last.revision) last = e;
  return last === undefined
    ? { nextRevision: p.current }
    : { nextRevision: last.revision, position: last.position };
};

/** Writes the fresh events of `plans` in one server call; answers each stream's new revision. */
const write = async (
  client: KurrentDBClient,
  plans: readonly Plan[],
): Promise<Map<string, StreamRevision>> => {
  const requests = plans.map((p) => {
    const streamState = toStreamState(p.append.expectedRevision);
    // A negative revision never matches; it is refused here, never sent (see toStreamState).
    if (streamState === undefined) throw refuse(p);
    return { streamName: p.append.streamId, events: p.fresh.map(toEventData), streamState };
  });
  const [only] = requests;
  const [onlyPlan] = plans;
  if (requests.length === 1 && only !== undefined && onlyPlan !== undefined) {
    const result = await client.appendToStream(only.streamName, only.events, {
      streamState: only.streamState,
    });
    // `throwOnAppendFailure=false` in the connection string answers a conflict instead of
    // throwing, with an unreliable current revision: the stream's tail says what it is.
    if (!result.success) {
      const [head] = await readStreamEvents(client, only.streamName, {
        direction: 'backwards',
        maxCount: 1,
      });
      throw refuse({ ...onlyPlan, current: head?.revision ?? -1n });
    }
    return new Map([[only.streamName, result.nextExpectedRevision]]);
  }
  const result = await client.multiStreamAppend(
    requests.map((r) => ({
      streamName: r.streamName,
      events: r.events,
      expectedState: r.streamState,
    })),
  );
  return new Map(result.responses.map((r) => [r.streamName, r.revision]));
};

export interface AppendDeps {
  readonly client: KurrentDBClient;
  /** How many of a stream's newest events a call searches for its event ids. */
  readonly idempotencyWindow: number;
}

/**
 * One atomic append of one or several streams (see docs/kurrentdb.md):
 * 1. each stream's tail is read (in parallel) and the call's events already there are set
 *    aside: a retry is answered from them, as the port's contract says;
 * 2. the rest go in one server call: `appendToStream` for one stream, the atomic
 *    `multiStreamAppend` (KurrentDB 25.1+) for several, each with its expected revision checked
 *    by the server;
 * 3. each written stream's last event is read back for its exact log position (the append
 *    answers carry a revision, and positions whose meaning differs across server versions).
 * A conflict is looked at once more: when the conflicting writer was this very call's retry,
 * every event is now in the tails and the call answers as the first one did.
 */
export const appendStreams = async (
  deps: AppendDeps,
  input: readonly StreamAppend[],
): Promise<AppendMultiResult> => {
  const appends = normalizeAppends(input);
  const planAll = (): Promise<Plan[]> =>
    Promise.all(appends.map((a) => plan(deps.client, a, deps.idempotencyWindow)));
  let plans = await planAll();
  const expected = new Map<string, ExpectedRevision>(
    appends.map((a) => [a.streamId, a.expectedRevision]),
  );
  // Streams the call gives no events: their revision is checked against the tail just read.
  for (const p of plans)
    if (p.append.events.length === 0 && !revisionMatches(p.append.expectedRevision, p.current))
      throw refuse(p);
  const toWrite = plans.filter((p) => p.fresh.length > 0);
  let written = new Map<string, StreamRevision>();
  if (toWrite.length > 0) {
    try {
      written = await write(deps.client, toWrite);
    } catch (error) {
      const mapped = toPortError(error, expected);
      if (!(mapped instanceof WrongExpectedRevisionError)) throw mapped;
      plans = await planAll();
      if (!plans.every((p) => p.append.events.length === 0 || allStored(p))) throw mapped;
    }
  }
  const streams = await Promise.all(
    plans.map(async (p) => {
      const revision = written.get(p.append.streamId);
      if (revision === undefined) return { streamId: p.append.streamId, ...answerUnwritten(p) };
      const last = await readAtRevision(deps.client, p.append.streamId, revision);
      if (last === undefined)
        throw new Error(
          `stream ${p.append.streamId}: revision ${revision} unreadable after append`,
        );
      return { streamId: p.append.streamId, nextRevision: revision, position: last.position };
    }),
  );
  const position = streams.reduce<GlobalPosition>(
    (max, s) => (s.position !== undefined && s.position > max ? s.position : max),
    0n,
  );
  return { streams, position };
};

import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import type {
  GlobalPosition,
  ReadStreamOptions,
  StoredEvent,
  StreamRevision,
} from '../event-store.js';
import { isAfter, toReadPosition } from './kurrentdb-position.js';
import { toStoredEvent } from './kurrentdb-recorded-event.js';

/** The reads the adapter makes, each mapped to our StoredEvent. */

/** A stream's events as the port reads them; an unknown stream reads as empty. */
export const readStreamEvents = async (
  client: KurrentDBClient,
  streamId: string,
  o: ReadStreamOptions = {},
): Promise<StoredEvent[]> => {
  const direction = o.direction ?? 'forwards';
  const from = o.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  if (o.maxCount !== undefined && o.maxCount <= 0) return [];
  if (direction === 'forwards' && from === 'end') return [];
  if (direction === 'backwards' && typeof from === 'bigint' && from < 0n) return [];
  const fromRevision =
    from === 'start' ? START : from === 'end' ? END : from < 0n ? START : BigInt(from);
  const events: StoredEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision,
      ...(o.maxCount === undefined ? {} : { maxCount: o.maxCount }),
    })) {
      const stored = toStoredEvent(resolved);
      if (stored !== undefined) events.push(stored);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
};

/** The event at one revision of a stream, if it exists. */
export const readAtRevision = async (
  client: KurrentDBClient,
  streamId: string,
  revision: StreamRevision,
): Promise<StoredEvent | undefined> =>
  (await readStreamEvents(client, streamId, { fromRevision: revision, maxCount: 1 }))[0];

/** One page of `$all` without system events (types starting with `$`), from `start`. */
const readAllPage = async (
  client: KurrentDBClient,
  after: GlobalPosition,
  max: number,
): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  // One more than asked: the read may include the event at `after` itself (see toReadPosition).
  for await (const resolved of client.readAll({
    direction: FORWARDS,
    fromPosition: toReadPosition(after),
    maxCount: max + 1,
    filter: excludeSystemEvents(),
  })) {
    const stored = toStoredEvent(resolved);
    if (stored !== undefined && isAfter(stored.position, after)) events.push(stored);
  }
  return events.slice(0, max);
};

/**
 * `$all` strictly after `after`, at most `max` events (all when unbounded), user events only. A
 * filtered read may stop short of `max` before the end (the server bounds how far one filtered
 * read searches), so pages are read until `max` is reached or a page comes back empty: a short
 * answer means the log's end, as on PostgreSQL.
 */
export const readAllEvents = async (
  client: KurrentDBClient,
  after: GlobalPosition = 0n,
  max: number = Number.MAX_SAFE_INTEGER,
): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  let from = after;
  while (events.length < max) {
    const page = await readAllPage(client, from, Math.min(max - events.length, 4096));
    const last = page[page.length - 1];
    if (last === undefined) break;
    events.push(...page);
    from = last.position;
  }
  return events;
};

/** Position of the newest user event in `$all` (0n for a log without one). */
export const readHeadPosition = async (client: KurrentDBClient): Promise<GlobalPosition> => {
  for await (const resolved of client.readAll({
    direction: BACKWARDS,
    fromPosition: END,
    maxCount: 1,
    filter: excludeSystemEvents(),
  })) {
    const stored = toStoredEvent(resolved);
    if (stored !== undefined) return stored.position;
  }
  return 0n;
};

import type { LogVerification, VerifyOptions } from './integrity/log-verification.js';

/**
 * The event store port. Every adapter (in-memory, PostgreSQL over `pg`, PGlite) implements it
 * and passes the one contract suite in `event-store.contract.ts`.
 */

import type { GlobalPosition, StreamRevision } from './positions.js';

export type { GlobalPosition, StreamRevision } from './positions.js';

export type ExpectedRevision = StreamRevision | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** ISO-8601 time the command was handled. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /**
   * Hash of the canonical form of the request that wrote the event, when it carried an
   * idempotency key: a retry with the same key compares it to tell "identical" from "reused".
   */
  readonly requestHash?: string;
}

/** What a caller appends: the domain event plus its id and metadata. */
export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored: `{ type, data }` with infrastructure fields beside it. */
export interface StoredEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
  readonly metadata: EventMetadata;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append (that of its last event). */
  readonly nextRevision: StreamRevision;
  /** Global position of the last event written (or of the existing event for a no-op retry). */
  readonly position: GlobalPosition;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendMultiResult {
  /**
   * Per stream, in the caller's order. `position` (added later, optional for other adapters) is
   * that of the stream's last event written by this call (or of its existing events for a no-op
   * retry); one stream's events of one call hold consecutive positions.
   */
  readonly streams: ReadonlyArray<{
    readonly streamId: string;
    readonly nextRevision: StreamRevision;
    readonly position?: GlobalPosition;
  }>;
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  readonly fromRevision?: StreamRevision | 'start' | 'end';
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  readonly fromPosition?: GlobalPosition;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive, like `readAll`. */
  readonly fromPosition?: GlobalPosition;
  /** Events fetched per read while catching up. */
  readonly batchSize?: number;
}

/** An async iterable over the global log that catches up and then follows live, until stopped. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /** Several streams in one atomic append: all or nothing. */
  appendMulti(appends: readonly StreamAppend[]): Promise<AppendMultiResult>;
  /** Events of a stream; an unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<readonly StoredEvent[]>;
  /**
   * The stored events among `eventIds`, in global order; ids never stored are left out. One
   * indexed lookup (event ids are unique): how an idempotent retry finds the events its first
   * attempt wrote without reading their streams.
   */
  readEventsById(eventIds: readonly string[]): Promise<readonly StoredEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the newest event a reader can see now (0n for an empty log). */
  headPosition(): Promise<GlobalPosition>;
  /**
   * Tamper evidence: recomputes every event's chained hash (see integrity/log-verification.ts).
   * Optional so adapters written before it still fit the port; every adapter here has it.
   */
  verify?(options?: VerifyOptions): Promise<LogVerification>;
  close(): Promise<void>;
}

/** Raised when an append's expected revision does not match the stream: nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** A stored event whose data does not decode with its codec: loud, with where it is. */
export class EventDecodeError extends Error {
  override readonly name = 'EventDecodeError';
  constructor(
    readonly streamId: string,
    readonly revision: StreamRevision,
    readonly type: string,
    readonly reason: string,
  ) {
    super(`cannot decode event ${type} at ${streamId}@${revision}: ${reason}`);
  }
}

/** What a stored row that does not read back as a StoredEvent holds, as it is stored. */
export interface RawEventRow {
  readonly position: GlobalPosition;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * A stored event whose row (its metadata) does not decode. A log read that meets one fails with
 * it, carrying the events of the page before it (`before`), so a reader can apply those and
 * treat this one as poison at its exact position.
 */
export class UndecodableEventError extends Error {
  override readonly name = 'UndecodableEventError';
  readonly code = 'undecodable_event';
  constructor(
    readonly row: RawEventRow,
    readonly reason: string,
    /** The decodable events the failed read returned before this one, in order. */
    readonly before: readonly StoredEvent[] = [],
  ) {
    super(
      `cannot read event at position ${row.position} (${row.streamId}@${row.revision}): ${reason}`,
    );
  }
}

import type { DomainEvent } from '@erpcore/domain';
import type {
  EventMetadata,
  EventToAppend,
  GlobalPosition,
  StoredEvent,
  StreamRevision,
} from '../event-store.js';
import type { StreamCodec } from './stream-model.js';
import { upcasters } from '../upcasting/event-upcasters.js';

/** Who and when: the handler stamps it on every event a command appends. */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly now: Date;
  /** A fresh uuid per event (ids come from outside the domain). */
  readonly newEventId: () => string;
  /** Hash of the idempotent request that runs the command, stamped on its events' metadata. */
  readonly requestHash?: string;
  /**
   * Runs after a decision that appends, right before the append; throwing aborts the command.
   * An idempotent request looks for an earlier attempt here: one lookup, paid only by requests
   * that carry a key, and only once the decision is known to write.
   */
  readonly beforeAppend?: () => Promise<void>;
}

/**
 * The metadata the handler stamps on an event of `type`: `schemaVersion` is the version of that
 * type's stored shape (data and metadata) this code writes, the one readers upcast to.
 */
export const eventMetadata = (context: CommandContext, type: string): EventMetadata => ({
  actor: context.actor,
  correlationId: context.correlationId,
  causationId: context.causationId ?? null,
  occurredAt: context.now.toISOString(),
  schemaVersion: upcasters.currentVersion(type),
  ...(context.requestHash === undefined ? {} : { requestHash: context.requestHash }),
});

/** Encodes domain events for appending; an event the codec does not accept is a programming error. */
export const toEventsToAppend = <E extends DomainEvent>(
  codec: StreamCodec<E>,
  events: readonly E[],
  context: CommandContext,
  streamId: string,
): EventToAppend[] => {
  return events.map((event) => {
    const candidate: unknown = event;
    if (!codec.is(candidate))
      throw new TypeError(`event ${event.type} is not an event of stream ${streamId}`);
    const { type, data } = codec.encode(event);
    return { eventId: context.newEventId(), type, data, metadata: eventMetadata(context, type) };
  });
};

/** The stored form of events just appended, their revisions and positions ending at the given ones. */
export const toStoredEvents = (
  streamId: string,
  events: readonly EventToAppend[],
  lastRevision: StreamRevision,
  lastPosition: GlobalPosition,
): StoredEvent[] =>
  events.map((event, i) => {
    const back = BigInt(events.length - 1 - i);
    return { ...event, streamId, revision: lastRevision - back, position: lastPosition - back };
  });

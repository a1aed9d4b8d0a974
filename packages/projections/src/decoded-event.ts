import type { DomainEvent } from '@erpcore/domain';
import { decodeEvent, type EventDecoder, type StoredEvent } from '@erpcore/eventstore';

/** What one stored event decoded to, under the codec that decoded it; others' in `more`. */
interface Decoded {
  readonly codec: EventDecoder<DomainEvent>;
  readonly event: DomainEvent;
  more?: Map<EventDecoder<DomainEvent>, DomainEvent>;
}

// Per stored event, its decoded form under each codec that decoded it; gone with the event.
const decoded = new WeakMap<StoredEvent, Decoded>();

/**
 * `decodeEvent`, once per stored event and codec: the projector hands every projection the same
 * stored event, and three of them decode each stock event with the same codec. A decoded event
 * is readonly, so sharing it is safe. A failure is not kept: each projection the event reaches
 * throws (and applies its own poison policy) as before. Nearly every event is decoded under one
 * codec only, so the first is kept inline and a Map made only for a second (a Map per event was
 * one more allocation per event of a catch-up).
 */
export const decodedEvent = <E extends DomainEvent>(
  codec: EventDecoder<E>,
  stored: StoredEvent,
): E => {
  const known = decoded.get(stored);
  if (known?.codec === codec) return known.event as E;
  const more = known?.more?.get(codec);
  if (more !== undefined) return more as E;
  const event = decodeEvent(codec, stored);
  if (known === undefined) decoded.set(stored, { codec, event });
  else (known.more ??= new Map()).set(codec, event);
  return event;
};

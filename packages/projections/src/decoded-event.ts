import type { DomainEvent } from '@erpcore/domain';
import { decodeEvent, type EventDecoder, type StoredEvent } from '@erpcore/eventstore';

// Per stored event, its decoded form under each codec that decoded it; gone with the event.
const decoded = new WeakMap<StoredEvent, Map<EventDecoder<DomainEvent>, DomainEvent>>();

/**
 * `decodeEvent`, once per stored event and codec: the projector hands every projection the same
 * stored event, and three of them decode each stock event with the same codec. A decoded event
 * is readonly, so sharing it is safe. A failure is not kept: each projection the event reaches
 * throws (and applies its own poison policy) as before.
 */
export const decodedEvent = <E extends DomainEvent>(
  codec: EventDecoder<E>,
  stored: StoredEvent,
): E => {
  let byCodec = decoded.get(stored);
  const known = byCodec?.get(codec);
  if (known !== undefined) return known as E;
  const event = decodeEvent(codec, stored);
  if (byCodec === undefined)
    decoded.set(stored, (byCodec = new Map<EventDecoder<DomainEvent>, DomainEvent>()));
  byCodec.set(codec, event);
  return event;
};

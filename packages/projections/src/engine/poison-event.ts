import type { StoredEvent } from '@erpcore/eventstore';

/** What a poison record needs of an event: a handler's failing event or an undecodable row. */
export type PoisonEvent = Pick<StoredEvent, 'position' | 'eventId' | 'streamId' | 'type' | 'data'>;

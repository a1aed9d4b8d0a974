import * as t from 'io-ts';
import type { StoredEvent } from '@erpcore/eventstore';

/** Decimal digits, as positions travel in JSON (64-bit). */
const DecimalC = t.refinement(t.string, (s) => /^\d{1,20}$/.test(s), 'DecimalString');

/**
 * What a `send-notification` job carries and what the webhook receives: the event that happened,
 * as stored (encoded data: decimal strings for money and quantities). The receiver formats the
 * message (WhatsApp, e-mail…); erpcore only guarantees delivery with retries.
 */
export const NotificationC = t.readonly(
  t.type({
    eventId: t.string,
    type: t.string,
    streamId: t.string,
    position: DecimalC,
    occurredAt: t.string,
    data: t.unknown,
  }),
  'Notification',
);
export type Notification = t.TypeOf<typeof NotificationC>;

/** The notification of one stored event. */
export const notificationOf = (event: StoredEvent): Notification => ({
  eventId: event.eventId,
  type: event.type,
  streamId: event.streamId,
  position: event.position.toString(),
  occurredAt: event.metadata.occurredAt,
  data: event.data,
});

/** The job id of an event's notification: derived from the event id, so a replay enqueues nothing new. */
export const notificationJobId = (eventId: string): string => `notify-${eventId}`;

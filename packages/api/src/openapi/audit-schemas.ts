import { closedObject, pageSchema, positionText, text } from './response-schemas.js';

/** A stored event as the audit lists answer it; `data` and `metadata` as they were written. */
export const eventSchema = closedObject({
  eventId: text,
  streamId: text,
  type: text,
  revision: positionText,
  position: positionText,
  data: {},
  metadata: {},
});

export const eventPageSchema = pageSchema(eventSchema);

/** `GET /v1/audit/state/:streamId`. */
export const replayedStateSchema = closedObject({
  streamId: text,
  revision: { anyOf: [positionText, { type: 'null' }] },
  state: {},
});

/** `GET /v1/audit/verify`. */
export const verifySchema = closedObject(
  {
    ok: { type: 'boolean' },
    checkedEvents: { type: 'integer', minimum: 0 },
    brokenEvents: { type: 'integer', minimum: 0 },
  },
  {
    firstBrokenPosition: positionText,
    brokenStreamId: text,
    anchorsChecked: { type: 'integer', minimum: 0 },
    unanchoredEvents: { type: 'integer', minimum: 0 },
    firstBrokenAnchor: closedObject({
      position: positionText,
      eventCount: positionText,
      logHash: text,
    }),
  },
);

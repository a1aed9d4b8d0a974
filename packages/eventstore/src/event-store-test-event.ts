import { randomUUID } from 'node:crypto';
import type { EventToAppend } from './event-store.js';

/** The metadata every contract test event carries. */
export const testMetadata = {
  actor: 'tester',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2024-01-02T03:04:05.000Z',
  schemaVersion: 1,
};

/** A fresh event (new uuid) for tests. */
export const testEvent = (type = 'Happened', data: unknown = { n: 1 }): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: testMetadata,
});

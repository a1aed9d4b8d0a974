import { randomUUID } from 'node:crypto';

/** The metadata of an event a bench appends directly, stamped now. */
export const benchMetadata = () => ({
  actor: 'bench',
  correlationId: 'bench',
  causationId: null,
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
});

/** The context of a command a bench runs in-process, as of now. */
export const benchCommandContext = () => ({
  actor: 'bench',
  correlationId: 'bench',
  now: new Date(),
  newEventId: randomUUID,
});

import {
  closedObject,
  nullableText,
  pageSchema,
  positionText,
  text,
  timeText,
} from './response-schemas.js';

/** One projection's progress (`GET /v1/projections`). */
export const projectionStatusSchema = closedObject(
  {
    name: text,
    position: positionText,
    lagEvents: { type: 'integer', minimum: 0 },
    lagSeconds: { type: 'number', minimum: 0 },
    status: { type: 'string', enum: ['running', 'idle', 'failed', 'stopped', 'rebuilding'] },
  },
  {
    error: closedObject({ position: positionText, message: text }),
    heldBack: closedObject({
      since: timeText,
      seconds: { type: 'number' },
      holdingTransactionSeconds: { type: 'number' },
    }),
  },
);

/** One background job (`GET /v1/ops/jobs`). */
export const jobSchema = closedObject({
  id: text,
  name: text,
  state: { type: 'string', enum: ['waiting', 'active', 'delayed', 'completed', 'failed'] },
  attempts: { type: 'integer', minimum: 0 },
  lastError: nullableText,
  payload: {},
  timestamp: text,
});

export const jobPageSchema = pageSchema(jobSchema);
export const projectionPageSchema = pageSchema(projectionStatusSchema);

/** `/health/live` and `/health/ready`. */
export const healthSchema = (status: string) => closedObject({ status: { const: status } });

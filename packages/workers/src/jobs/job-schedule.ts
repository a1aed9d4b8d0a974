import type { JobDefinition } from './job-definition.js';

/** A repeatable job: `job` with `payload` every `everyMs`. `id` names the schedule (one per id). */
export interface JobSchedule {
  readonly id: string;
  readonly everyMs: number;
  readonly name: string;
  readonly data: unknown;
}

/** A schedule for a typed job; the payload is encoded once, here. */
export const scheduleJob = <P>(
  id: string,
  job: JobDefinition<P>,
  everyMs: number,
  payload: P,
): JobSchedule => {
  if (!Number.isInteger(everyMs) || everyMs < 1)
    throw new RangeError(`schedule ${id}: everyMs must be a whole number ≥ 1`);
  return { id, everyMs, name: job.name, data: job.encode(payload) };
};

import type { JobSchedule } from './job-schedule.js';

/**
 * The jobId of a schedule's run in the time slot containing `now`: two processes ticking in the
 * same slot enqueue the same id, so the job runs once per slot.
 */
export const scheduleSlotJobId = (schedule: JobSchedule, now: number): string =>
  `${schedule.id}-${Math.floor(now / schedule.everyMs)}`;

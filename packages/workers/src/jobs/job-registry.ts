import type { RunnableJob } from './job-definition.js';
import { UnknownJobError } from './job-errors.js';

/** The jobs a runner knows, by name. */
export interface JobRegistry {
  get(name: string): RunnableJob;
  has(name: string): boolean;
}

/** Builds a registry; two jobs with one name are a programming error, refused here. */
export const createJobRegistry = (jobs: readonly RunnableJob[]): JobRegistry => {
  const byName = new Map<string, RunnableJob>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    byName.set(job.name, job);
  }
  return {
    has: (name) => byName.has(name),
    get: (name) => {
      const job = byName.get(name);
      if (job === undefined) throw new UnknownJobError(name);
      return job;
    },
  };
};

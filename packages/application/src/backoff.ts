/** One backoff for every retry of a lost race: the event store's (full jitter, doubling, capped). */
export { jitteredBackoffMs } from '@erpcore/eventstore';

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

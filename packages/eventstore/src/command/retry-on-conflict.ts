import { WrongExpectedRevisionError } from '../event-store.js';
import { ConcurrencyError } from './concurrency-error.js';

/** Default number of retries after a lost race (so up to 1 + 5 attempts). */
export const defaultMaxRetries = 5;

/**
 * Runs `attempt` (load → decide → append) again whenever it fails with a wrong expected
 * revision: the next attempt reloads and decides on the newer state. Gives up with a
 * ConcurrencyError after `maxRetries` retries; every other error passes through.
 */
export const retryOnConflict = async <T>(
  streamIds: readonly string[],
  maxRetries: number,
  attempt: () => Promise<T>,
): Promise<T> => {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (n >= maxRetries) throw new ConcurrencyError(streamIds, n + 1);
    }
  }
};

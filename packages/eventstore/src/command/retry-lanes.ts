import { keyedLocks } from './keyed-locks.js';

/**
 * Runs a retry holding an in-process FIFO lane on each stream it lost a race on (all released
 * after the attempt). Why: when N commands of one process lose the same race, letting all N retry
 * at once only makes N-1 lose again; in a lane they retry one after another, each on the revision
 * its predecessor wrote, and only the other processes' writers still race (the expected revision
 * stays the real guard). First attempts never queue: an uncontended command pays nothing. The
 * scope is the event store.
 */
export const withRetryLanes = keyedLocks();

import { keyedLocks } from '@erpcore/eventstore';

/**
 * Runs `fn` holding an in-process FIFO lock on each stream id of one store. Why: a hot SKU gets
 * many commands at once; optimistic concurrency alone would have them all load the same revision
 * and all but one retry, again and again (100 concurrent issues would exhaust any sane retry
 * budget). Queued in the process, each loads the revision its predecessor wrote and appends first
 * time. Other processes still race through the store's expected revision, the real guard.
 */
export const withStreamLocks = keyedLocks();

import type { ReadStreamOptions, StoredEvent } from '../event-store.js';

/** `readStream` over a stream's events held in revision order (revision i at index i). */
export const readStreamSlice = (
  events: readonly StoredEvent[],
  options: ReadStreamOptions,
): readonly StoredEvent[] => {
  const direction = options.direction ?? 'forwards';
  const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  const last = BigInt(events.length - 1);
  if (direction === 'forwards') {
    const start = from === 'start' ? 0n : from === 'end' ? last + 1n : from;
    return events.slice(Number(start < 0n ? 0n : start)).slice(0, max);
  }
  const start = from === 'end' ? last : from === 'start' ? 0n : from > last ? last : from;
  if (start < 0n) return [];
  return events
    .slice(0, Number(start) + 1)
    .reverse()
    .slice(0, max);
};

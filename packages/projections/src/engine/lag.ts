import type { EventStore, GlobalPosition } from '@erpcore/eventstore';

/** Lag is counted exactly up to this many events; beyond it the figure says "at least". */
export const lagCountCap = 10_000;

export interface Lag {
  readonly events: number;
  readonly seconds: number;
}

/**
 * How far `position` is behind the head: events after it (counted through the port, so it works
 * on every event store; capped) and the age of the oldest one not yet projected.
 */
export const measureLag = async (
  store: EventStore,
  position: GlobalPosition,
  head: GlobalPosition,
  now: number,
): Promise<Lag> => {
  if (position >= head) return { events: 0, seconds: 0 };
  let events = 0;
  let seconds = 0;
  let from = position;
  while (events < lagCountCap) {
    const page = await store.readAll({
      fromPosition: from,
      maxCount: Math.min(1000, lagCountCap - events),
    });
    const first = page[0];
    if (first === undefined) break;
    if (events === 0) seconds = Math.max(0, (now - Date.parse(first.metadata.occurredAt)) / 1000);
    const within = page.filter((e) => e.position <= head);
    events += within.length;
    if (within.length < page.length || page.length < 1000) break;
    from = page[page.length - 1]?.position ?? head;
  }
  return { events, seconds };
};

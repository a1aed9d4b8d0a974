/**
 * Group commit: callers submit work; while one flush is in flight, whatever arrives queues, and
 * when it returns the whole queue (up to the limits) goes in the next flush. No timer: an idle
 * committer flushes at once (after the current microtasks, so callers that submit in the same
 * tick share it), so a lone caller waits for nothing but its own flush.
 */

/** How one submitted item ended. */
export type Outcome<O> =
  { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: Error };

export interface GroupCommitLimits {
  /** Most items in one flush. */
  readonly maxItems: number;
  /** Most total weight in one flush; a single heavier item still goes, alone. */
  readonly maxWeight: number;
  /** Most flushes in flight at once (1: strictly one after another). */
  readonly maxInFlight: number;
}

export interface GroupCommitter<I, O> {
  /** Queues `item` (of `weight`) and resolves or rejects with its own outcome. */
  submit(item: I, weight: number): Promise<O>;
  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void>;
}

interface Pending<I, O> {
  readonly item: I;
  readonly weight: number;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `flush` gets the items of one group in submission order and answers one outcome per item, in
 * that order; if it throws, every item of the group rejects with that error. At most
 * `maxInFlight` flushes run at once.
 */
export const createGroupCommitter = <I, O>(
  flush: (items: readonly I[]) => Promise<readonly Outcome<O>[]>,
  limits: GroupCommitLimits,
): GroupCommitter<I, O> => {
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  let idleWaiters: Array<() => void> = [];

  const take = (): Pending<I, O>[] => {
    const group: Pending<I, O>[] = [];
    let weight = 0;
    for (const next of queue) {
      if (group.length >= limits.maxItems) break;
      if (group.length > 0 && weight + next.weight > limits.maxWeight) break;
      group.push(next);
      weight += next.weight;
    }
    queue.splice(0, group.length);
    return group;
  };

  const settle = (group: readonly Pending<I, O>[], outcomes: readonly Outcome<O>[]): void => {
    group.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) p.reject(new Error('group commit: no outcome for an item'));
      else if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  };

  const flushOne = async (group: readonly Pending<I, O>[]): Promise<void> => {
    try {
      settle(group, await flush(group.map((p) => p.item)));
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  };

  /** Starts flushes while there is work and a free slot; wakes idle() waiters when all is done. */
  const pump = (): void => {
    scheduled = false;
    while (queue.length > 0 && inFlight < limits.maxInFlight) {
      inFlight++;
      void flushOne(take()).finally(() => {
        inFlight--;
        pump();
      });
    }
    if (inFlight === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  return {
    submit: (item, weight) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, weight, resolve, reject });
        // A free slot flushes at once (after this tick's other submissions); none: wait for one.
        if (scheduled || inFlight >= limits.maxInFlight) return;
        scheduled = true;
        queueMicrotask(pump);
      }),
    idle: () =>
      inFlight === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
};

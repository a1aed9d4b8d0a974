/**
 * Folds a batch of "create a row (if absent)" and "overwrite some of its columns" events into
 * set-based statements with the same result as applying them one by one: within a run, the
 * first create of a key wins (later ones found the row there) and the last update of a key
 * wins (each overwrote the one before). A create of a key already updated in the run would
 * have to land before that update, so it closes the run first: order is kept exactly.
 */
export interface CreateUpdateRuns<C, U> {
  create(key: string, row: C): Promise<void>;
  update(key: string, change: U): Promise<void>;
  /** Writes what is pending; call once after the last event. */
  finish(): Promise<void>;
}

export const createUpdateRuns = <C, U>(
  flush: (creates: ReadonlyMap<string, C>, updates: ReadonlyMap<string, U>) => Promise<void>,
): CreateUpdateRuns<C, U> => {
  let creates = new Map<string, C>();
  let updates = new Map<string, U>();
  const finish = async (): Promise<void> => {
    if (creates.size === 0 && updates.size === 0) return;
    const [c, u] = [creates, updates];
    creates = new Map();
    updates = new Map();
    await flush(c, u);
  };
  return {
    create: async (key, row) => {
      if (updates.has(key)) await finish();
      if (!creates.has(key)) creates.set(key, row);
    },
    update: async (key, change) => {
      updates.set(key, change);
    },
    finish,
  };
};

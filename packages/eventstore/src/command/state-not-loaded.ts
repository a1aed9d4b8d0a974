/**
 * Thrown from inside a pure decide/evolve when the state it reads is held partly in storage (a
 * bucketed snapshot loads its buckets on first use) and the part it needs is not in memory yet.
 * Deciders stay synchronous: the handler awaits `fetch` and runs the attempt again (its state
 * caches what was fetched). An attempt is rerun only before it appends, so nothing is written twice.
 */
export class StateNotLoaded extends Error {
  constructor(
    what: string,
    /** Brings the missing part into memory. */
    readonly fetch: () => Promise<void>,
    /** The state cannot be completed (its stored parts are gone): load it again, don't just refetch. */
    readonly reload = false,
  ) {
    super(`state not loaded: ${what}`);
    this.name = 'StateNotLoaded';
  }
}

/** Enough for every bucket of a large state to be fetched once, and a few reloads. */
const maxFetches = 1_100;

/**
 * Runs `attempt` until it finishes without StateNotLoaded, fetching what each throw names. The
 * attempt must not append before everything it reads is in memory (compute states first).
 * `decideOnly`: the attempt works on states already loaded (decide and evolve), so a throw that
 * asks for a reload is passed on to the loop around the load, and every other throw only refetches
 * — one round trip per missing part, not a reload of the stream's tail.
 */
export const whileStateLoads = async <T>(
  attempt: () => Promise<T>,
  options: { readonly decideOnly?: boolean } = {},
): Promise<T> => {
  for (let fetches = 0; ; fetches++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StateNotLoaded) || fetches >= maxFetches) throw error;
      if (error.reload && options.decideOnly === true) throw error;
      await error.fetch();
    }
  }
};

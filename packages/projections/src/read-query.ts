import type { ReadModels } from './read-models.js';

/** A read-model table's name, as a context declared it in `ReadModels`. */
export type ReadModelTable = keyof ReadModels;

/** What a query reads: `X-Min-Position` waits on exactly the projections owning these tables. */
export interface ReadsTables {
  readonly reads: readonly ReadModelTable[];
}

/**
 * Declares, beside the query function, the tables it reads; the function is unchanged. A route
 * that runs the query waits on `query.reads`, so the two cannot drift apart.
 */
export const readsTables = <F extends (...args: never[]) => unknown>(
  reads: readonly ReadModelTable[],
  query: F,
): F & ReadsTables => Object.assign(query, { reads });

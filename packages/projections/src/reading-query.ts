/**
 * A query with the read models (projection names, one table each) it reads, declared beside it:
 * a caller honouring `X-Min-Position` waits on exactly `query.reads`, never a list kept by hand.
 */
export type ReadingQuery<F> = F & { readonly reads: readonly string[] };

export const readingQuery = <F extends (...args: never[]) => unknown>(
  reads: readonly string[],
  query: F,
): ReadingQuery<F> => Object.assign(query, { reads });

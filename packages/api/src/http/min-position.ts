import type { FastifyRequest } from 'fastify';
import { contexts } from '@erpcore/application';
import type { ReadsTables } from '@erpcore/projections';
import { validationFailed } from './http-error.js';
import { withoutStatementTally } from '../sql/statement-counter.js';
import { httpError } from './http-error-codes.js';

/** How long a query waits for its projections to pass `X-Min-Position` by default (API.md: 5 s). */
export const minPositionTimeoutMs = 5000;

/**
 * Honours `X-Min-Position`: waits (event-driven inside `progress.waitFor`, bounded) until every
 * projection the route reads has passed the position, else `503 projection_lagging`. The wait's
 * own SQL is not the query's, so it is kept out of the request's statement count.
 */
export const awaitMinPosition = async (
  request: FastifyRequest,
  projections: readonly string[],
): Promise<void> => {
  const header = request.headers['x-min-position'];
  if (header === undefined) return;
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined || !/^\d{1,20}$/.test(text) || BigInt(text) > 0xffffffffffffffffn)
    throw validationFailed([
      { path: 'headers.x-min-position', message: 'must be a global position (decimal digits)' },
    ]);
  const waitMs = request.server.erp.minPositionWaitMs;
  const reached = await withoutStatementTally(() =>
    request.server.erp.progress.waitFor(BigInt(text), [...projections], waitMs),
  );
  if (!reached)
    throw httpError(
      'projection_lagging',
      `the read models have not reached position ${text} within ${waitMs} ms`,
      [{ projections }],
    );
};

/** Which projection owns each read-model table, from every context's projections. */
const ownerOf = new Map(
  contexts.flatMap((c) => c.projections.flatMap((p) => p.tables.map((t) => [t, p.name] as const))),
);

const projectionsOf = new WeakMap<ReadsTables, readonly string[]>();

/** The projections owning the tables `query` reads, worked out once per query. */
const readProjections = (query: ReadsTables): readonly string[] => {
  let projections = projectionsOf.get(query);
  if (projections === undefined) {
    projections = [
      ...new Set(
        query.reads.map((table) => {
          const owner = ownerOf.get(table);
          if (owner === undefined) throw new TypeError(`no context's projection owns ${table}`);
          return owner;
        }),
      ),
    ];
    projectionsOf.set(query, projections);
  }
  return projections;
};

/**
 * `X-Min-Position` for a query that declares the tables it reads (`readsTables`): waits on
 * exactly the projections owning them. Without the header (nearly every read) nothing is
 * allocated, not even a promise.
 */
export const awaitReads = (
  request: FastifyRequest,
  query: ReadsTables,
): Promise<void> | undefined =>
  request.headers['x-min-position'] === undefined
    ? undefined
    : awaitMinPosition(request, readProjections(query));

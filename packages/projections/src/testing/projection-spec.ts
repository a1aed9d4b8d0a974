import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { deepEqual, type DomainEvent } from '@erpcore/domain';
import {
  createPgliteClient,
  upcasters,
  type SqlClient,
  type StoredEvent,
  type StreamCodec,
} from '@erpcore/eventstore';
import type { ProjectionDefinition } from '../projection-definition.js';
import { createReadDb, type ReadDb } from '../read-db.js';

/** A row as a test writes it: column name to value (bigint and numeric columns as strings). */
export type ExpectedRow = Readonly<Record<string, unknown>>;

/** An event of the history, typed; where it sits and when it happened may be given. */
export type SpecEvent<E extends DomainEvent> =
  E | { readonly event: E; readonly streamId?: string; readonly occurredAt?: string };

/** A spec that did not hold; `actual` and `expected` are the rows, for the test runner's diff. */
export class ProjectionSpecError extends Error {
  override readonly name = 'ProjectionSpecError';
  constructor(
    readonly actual: unknown,
    readonly expected: unknown,
    detail: string,
  ) {
    super(`projection spec failed: ${detail}`);
  }
}

const base = Date.UTC(2024, 0, 1);

/** The stored form of a history, as the event store would hand it to the projection. */
export const storedHistory = <E extends DomainEvent>(
  codec: StreamCodec<E>,
  history: readonly SpecEvent<E>[],
): StoredEvent[] => {
  const revisions = new Map<string, bigint>();
  return history.map((item, i) => {
    const {
      event,
      streamId = 'spec',
      occurredAt = new Date(base + i * 1000).toISOString(),
    } = 'event' in item ? item : { event: item };
    const revision = revisions.get(streamId) ?? 0n;
    revisions.set(streamId, revision + 1n);
    // Through JSON, as a jsonb column returns it: no bigint, no undefined field survives.
    const { type, data } = JSON.parse(JSON.stringify(codec.encode(event))) as {
      type: string;
      data: unknown;
    };
    return {
      type,
      data,
      eventId: randomUUID(),
      streamId,
      revision,
      position: BigInt(i + 1),
      metadata: {
        actor: 'spec',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt,
        schemaVersion: upcasters.currentVersion(type),
      },
    };
  });
};

// Dates as ISO text, so expectations are plain JSON-like values on pg and PGlite alike.
const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/** Every row of `table`, only the columns the expectation names, in a stable order. */
const rowsOf = async (
  db: ReadDb,
  table: string,
  columns: readonly string[],
): Promise<ExpectedRow[]> => {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
    db,
  );
  return sortRows(rows.map((row) => Object.fromEntries(columns.map((c) => [c, plain(row[c])]))));
};

const sortRows = (rows: readonly ExpectedRow[]): ExpectedRow[] =>
  [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * Given/when/then for a projection, like the deciders' `given(…).when(…).then(…)`, with no event
 * store: the typed events are encoded with `codec` as they would be stored (positions 1, 2, …),
 * applied to the projection's own tables in a fresh schema, and the tables compared with the
 * expected rows (only the columns the expectation names; rows in any order). When the projection
 * has `applyBatch`, the same history also goes through it in one call and must leave the same
 * rows, so both paths are specified at once.
 *
 *   const spec = projectionSpec(stockLevelsProjection, stockEventC);
 *   await spec.given([received, issued]).then({ stock_levels: [{ product_id: 'P', on_hand: '7000' }] });
 *   await spec.close();
 */
export const projectionSpec = <E extends DomainEvent>(
  projection: ProjectionDefinition,
  codec: StreamCodec<E>,
) => {
  // One in-memory PGlite per spec, opened on first use. It has ONE connection, so the search
  // path set below applies to every statement the projection runs.
  let opened: Promise<SqlClient> | undefined;
  let schemas = 0;

  /** Runs the history through `apply` (one transaction per event) or `applyBatch` (one call). */
  const project = async (
    path: 'apply' | 'applyBatch',
    events: readonly StoredEvent[],
    expected: Readonly<Record<string, readonly ExpectedRow[]>>,
  ): Promise<void> => {
    const client = await (opened ??= createPgliteClient());
    const db = createReadDb(client);
    const schema = `projection_spec_${(schemas += 1)}`;
    await client.query(`create schema ${schema}`);
    await client.query(`set search_path to ${schema}`);
    try {
      await projection.createTables(db);
      const handled = events.filter((e) => projection.handles.includes(e.type));
      const applyBatch = projection.applyBatch;
      if (path === 'applyBatch' && applyBatch !== undefined && handled.length > 0) {
        await db.transaction().execute((trx) => applyBatch(trx, handled));
      } else {
        for (const event of handled)
          await db.transaction().execute((trx) => projection.apply(trx, event));
      }
      for (const [table, rows] of Object.entries(expected)) {
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        const actual = await rowsOf(db, table, columns);
        const wanted = sortRows(rows);
        if (!deepEqual(actual, wanted))
          throw new ProjectionSpecError(actual, wanted, `${projection.name} (${path}): ${table}`);
      }
    } finally {
      await client.query('set search_path to public');
      await client.query(`drop schema ${schema} cascade`);
    }
  };

  return {
    given: (history: readonly SpecEvent<E>[]) => ({
      /** Expect exactly these rows in each named table (an empty list: the table is empty). */
      then: async (expected: Readonly<Record<string, readonly ExpectedRow[]>>): Promise<void> => {
        const events = storedHistory(codec, history);
        await project('apply', events, expected);
        if (projection.applyBatch !== undefined) await project('applyBatch', events, expected);
      },
    }),
    /** Closes its PGlite. */
    close: async (): Promise<void> => {
      if (opened !== undefined) await (await opened).close();
    },
  };
};

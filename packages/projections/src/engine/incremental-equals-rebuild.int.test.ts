import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WrongExpectedRevisionError,
  createInMemoryEventStore,
  type EventStore,
  type EventToAppend,
} from '@erpcore/eventstore';
import {
  catchUpProjection,
  migrateReadModels,
  productsProjection,
  rebuildProjection,
  warehousesProjection,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { productCreated, unrelatedEvent, warehouseCreated } from '../testing/catalog-events.js';
import { snapshotTable } from '../testing/table-snapshot.js';
import { tallyProjection } from '../testing/tally.projection.js';

const postgres = backendKinds.find((k) => k.kind === 'postgres');
const up = (await postgres?.available()) ?? false;
const projections = [warehousesProjection, productsProjection, tallyProjection()];

/** A command of the catalog: create a warehouse or a product (refused when the id exists), or something unrelated. */
const commandArb = fc.oneof(
  fc.record({
    kind: fc.constant('warehouse' as const),
    id: fc.integer({ min: 0, max: 15 }),
    name: fc.string({ maxLength: 8 }),
    branch: fc.option(fc.constantFrom('B1', 'B2')),
  }),
  fc.record({
    kind: fc.constant('product' as const),
    id: fc.integer({ min: 0, max: 15 }),
    name: fc.string({ maxLength: 8 }),
    unit: fc.constantFrom('pcs', 'm', 'kg'),
  }),
  fc.record({ kind: fc.constant('other' as const) }),
);
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

/** Runs a command like the catalog's command handler: a create on an existing stream is refused. */
const handle = async (store: EventStore, command: Command, i: number): Promise<void> => {
  const [streamId, event]: [string, EventToAppend] =
    command.kind === 'warehouse'
      ? [
          `warehouse-w${command.id}`,
          warehouseCreated(`w${command.id}`, command.name, command.branch, i),
        ]
      : command.kind === 'product'
        ? [
            `product-p${command.id}`,
            productCreated(`p${command.id}`, command.name, command.unit, i),
          ]
        : [`other-${i}`, unrelatedEvent(i)];
  try {
    await store.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  }
};

describe.skipIf(!up)('incremental projection equals a full rebuild (PostgreSQL)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await (postgres?.create('incremental_rebuild') ?? Promise.reject(new Error('no backend')));
    await migrateReadModels(b.db, projections);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('for random command sequences projected in random batch sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.array(commandArb, { maxLength: 12 }), fc.integer({ min: 1, max: 7 })),
          { minLength: 1, maxLength: 6 },
        ),
        async (rounds) => {
          const store = createInMemoryEventStore();
          for (const p of projections)
            for (const table of p.tables) await sql`truncate ${sql.table(table)}`.execute(b.db);
          await b.db
            .updateTable('projection_checkpoints')
            .set({ position: '0', state: 'active' })
            .execute();

          let i = 0;
          for (const [commands, batchSize] of rounds) {
            for (const command of commands) await handle(store, command, i++);
            for (const projection of projections)
              await catchUpProjection({ store, db: b.db, projection, batchSize });
          }
          const tables = projections.flatMap((p) => p.tables);
          const incremental = await Promise.all(tables.map((t) => snapshotTable(b.db, t)));
          for (const projection of projections)
            await rebuildProjection({ store, db: b.db, client: b.client, projection });
          const rebuilt = await Promise.all(tables.map((t) => snapshotTable(b.db, t)));
          expect(rebuilt).toEqual(incremental);
          const head = String(await store.headPosition());
          const checkpoints = await b.db
            .selectFrom('projection_checkpoints')
            .select('position')
            .execute();
          expect(checkpoints.every((c) => c.position === head)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });
});

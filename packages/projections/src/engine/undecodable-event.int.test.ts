import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { UndecodableEventError } from '@erpcore/eventstore';
import { horizonPassed } from '@erpcore/eventstore/testing';
import type { ProjectionDefinition } from '../projection-definition.js';
import {
  catchUpProjection,
  createProjectionProgress,
  createProjector,
  migrateReadModels,
  warehousesProjection,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { warehouseCreated } from '../testing/catalog-events.js';

/**
 * Issue 10, finding 2: a stored event the reader cannot decode (here its metadata lost
 * `correlationId`, as a row written before appends were checked, or edited by hand) used to make
 * every projection retry forever, status `idle` with lag 0. It is now poison at its exact
 * position, under the projection's policy, and progress reporting never throws on it.
 */
const withPolicy = (onPoison: 'stop' | 'dead_letter'): ProjectionDefinition => ({
  ...warehousesProjection,
  name: `undecodable_${onPoison}`,
  onPoison,
});

const seed = async (b: Backend, count: number, spoil: number): Promise<bigint[]> => {
  const positions: bigint[] = [];
  for (let i = 0; i < count; i++)
    positions.push(
      (
        await b.store.appendToStream(
          `warehouse-u${i}`,
          [warehouseCreated(`u${i}`, `n${i}`, null, i)],
          {
            expectedRevision: 'no_stream',
          },
        )
      ).position,
    );
  await b.client.query(
    `update events set metadata = metadata - 'correlationId' where position = $1`,
    [positions[spoil]],
  );
  await horizonPassed(b.client);
  return positions;
};

const countRows = async (b: Backend, table: string): Promise<number> => {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)}`.execute(b.db);
  return rows[0]?.n ?? 0;
};

for (const backend of backendKinds) {
  const up = await backend.available();
  describe.skipIf(!up)(`undecodable stored event on ${backend.kind}`, () => {
    let b: Backend | undefined;
    afterEach(async () => {
      await b?.close();
      b = undefined;
    });

    it('a log read fails at the bad row, carrying the events before it', async () => {
      b = await backend.create('undecodable_read');
      const positions = await seed(b, 4, 2);
      const error: unknown = await b.store.readAll({ fromPosition: 0n }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UndecodableEventError);
      const undecodable = error as UndecodableEventError;
      expect(undecodable.row.position).toBe(positions[2]);
      expect(undecodable.before.map((e) => e.position)).toEqual(positions.slice(0, 2));
      expect(undecodable.reason).toContain('correlationId');
    });

    it('policy stop: the projector fails the projection at that position; statuses report it', async () => {
      b = await backend.create('undecodable_stop');
      const projection = withPolicy('stop');
      await migrateReadModels(b.db, [projection]);
      const positions = await seed(b, 5, 2);
      const errors: object[] = [];
      const projector = createProjector({
        store: b.store,
        db: b.db,
        client: b.client,
        projections: [projection],
        batchSize: 10,
        ownershipRetryMs: 50,
        logger: { info: () => undefined, warn: () => undefined, error: (o) => errors.push(o) },
      });
      const progress = createProjectionProgress({
        db: b.db,
        client: b.client,
        store: b.store,
        projections: [projection],
      });
      await projector.start();
      try {
        let status = (await progress.statuses())[0];
        for (let i = 0; i < 200 && status?.status !== 'failed'; i++) {
          await new Promise((r) => setTimeout(r, 25));
          status = (await progress.statuses())[0];
        }
        expect(status?.status).toBe('failed');
        expect(status?.error?.position).toBe(String(positions[2]));
        expect(status?.error?.message).toContain('correlationId');
        // Applied exactly what came before it; lag counts the bad event and those after it.
        expect(status?.position).toBe(String(positions[1]));
        expect(status?.lagEvents).toBe(3);
        expect(await countRows(b, 'warehouses')).toBe(2);
        // One error line for the poison, not a retry loop.
        await new Promise((r) => setTimeout(r, 300));
        expect(errors).toHaveLength(1);
      } finally {
        await projector.stop();
        await progress.close();
      }
    });

    it('policy dead_letter: the event is parked at its position and the rest is applied', async () => {
      b = await backend.create('undecodable_dead_letter');
      const projection = withPolicy('dead_letter');
      await migrateReadModels(b.db, [projection]);
      const positions = await seed(b, 5, 0);
      const result = await catchUpProjection({
        store: b.store,
        db: b.db,
        projection,
        batchSize: 2,
      });
      expect(result).toEqual({ position: positions[4], failed: false });
      const { rows } = await b.client.query<{ position: string; error: string }>(
        'select position::text as position, error from projection_dead_letters where projection = $1',
        [projection.name],
      );
      expect(rows.map((r) => r.position)).toEqual([String(positions[0])]);
      expect(rows[0]?.error).toContain('correlationId');
      expect(await countRows(b, 'warehouses')).toBe(4);
    });

    it('a schema version newer than this code reads is poison too, never applied as is', async () => {
      b = await backend.create('undecodable_future');
      const projection = withPolicy('dead_letter');
      await migrateReadModels(b.db, [projection]);
      const positions = await seed(b, 3, 0);
      // Repair the seeded spoil, then stamp the middle event with a version from the future.
      await b.client.query(
        `update events set metadata = metadata || '{"correlationId":"c"}' where position = $1`,
        [positions[0]],
      );
      await b.client.query(
        `update events set metadata = jsonb_set(metadata, '{schemaVersion}', '99') where position = $1`,
        [positions[1]],
      );
      const result = await catchUpProjection({ store: b.store, db: b.db, projection });
      expect(result).toEqual({ position: positions[2], failed: false });
      const { rows } = await b.client.query<{ position: string; error: string }>(
        'select position::text as position, error from projection_dead_letters where projection = $1',
        [projection.name],
      );
      expect(rows.map((r) => r.position)).toEqual([String(positions[1])]);
      expect(rows[0]?.error).toMatch(
        /schema version 99 of WarehouseCreated is newer than this erpcore reads \(1\)/,
      );
      expect(await countRows(b, 'warehouses')).toBe(2);
    });
  });
}

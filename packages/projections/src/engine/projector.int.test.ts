import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectionDefinition } from '../projection-definition.js';
import {
  createProjectionProgress,
  createProjector,
  getWarehouse,
  migrateReadModels,
  warehousesProjection,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { tallyProjection } from '../testing/tally.projection.js';
import { warehouseCreated } from '../testing/catalog-events.js';

/** Throws on the warehouse named "poison"; otherwise the warehouses projection under another name. */
const fragile = (onPoison: 'stop' | 'dead_letter'): ProjectionDefinition => ({
  ...warehousesProjection,
  name: `fragile_${onPoison}`,
  onPoison,
  apply: async (trx, event) => {
    if ((event.data as { name?: string }).name === 'poison')
      throw new Error('cannot digest poison');
    await warehousesProjection.apply(trx, event);
  },
});

const appendWarehouses = async (b: Backend, names: readonly string[]): Promise<bigint[]> => {
  const positions: bigint[] = [];
  for (const [i, name] of names.entries())
    positions.push(
      (
        await b.store.appendToStream(
          `warehouse-w${i}`,
          [warehouseCreated(`w${i}`, name, null, i)],
          { expectedRevision: 'no_stream' },
        )
      ).position,
    );
  return positions;
};

const errorLog = () => {
  const records: object[] = [];
  let seen: () => void = () => undefined;
  const logged = new Promise<void>((resolve) => (seen = resolve));
  return {
    records,
    logged,
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: (o: object) => (records.push(o), seen()),
    },
  };
};

for (const backend of backendKinds) {
  const up = await backend.available();
  describe.skipIf(!up)(`projector on ${backend.kind}`, () => {
    let b: Backend | undefined;
    afterEach(async () => {
      await b?.close();
      b = undefined;
    });

    it('projects, answers waitFor and reports idle with no lag', async () => {
      b = await backend.create('projector_basic');
      await migrateReadModels(b.db, [warehousesProjection]);
      await migrateReadModels(b.db, [warehousesProjection]); // idempotent
      const projector = createProjector({
        store: b.store,
        db: b.db,
        client: b.client,
        projections: [warehousesProjection],
        batchSize: 2,
      });
      const progress = createProjectionProgress({
        db: b.db,
        client: b.client,
        store: b.store,
        projections: [warehousesProjection],
      });
      await projector.start();
      try {
        const [, , last] = await appendWarehouses(b, ['a', 'b', 'c']);
        expect(await progress.waitFor(last ?? 0n, ['warehouses'], 10_000)).toBe(true);
        expect(await getWarehouse(b.db, 'w2')).toEqual({ id: 'w2', name: 'c', branchId: null });
        const [status] = await progress.statuses();
        expect(status).toEqual({
          name: 'warehouses',
          position: String(last),
          lagEvents: 0,
          lagSeconds: 0,
          status: 'idle',
        });
        // A position never reached times out with false.
        expect(await progress.waitFor((last ?? 0n) + 1n, ['warehouses'], 50)).toBe(false);
      } finally {
        await projector.stop();
        await progress.close();
      }
      const [stopped] = await progress.statuses();
      expect(stopped?.status).toBe('stopped');
    });

    it('poison event, default policy: the projection stops failed with the position and error stored and logged', async () => {
      b = await backend.create('projector_poison_stop');
      const projection = fragile('stop');
      await migrateReadModels(b.db, [projection]);
      const positions = await appendWarehouses(b, ['a', 'poison', 'c']);
      const log = errorLog();
      const projector = createProjector({
        store: b.store,
        db: b.db,
        client: b.client,
        projections: [projection],
        logger: log.logger,
      });
      await projector.start();
      await log.logged;
      await projector.stop(); // finishes the batch that records the failure
      const progress = createProjectionProgress({
        db: b.db,
        client: b.client,
        store: b.store,
        projections: [projection],
      });
      const [status] = await progress.statuses();
      await progress.close();
      expect(status).toMatchObject({
        status: 'failed',
        position: String(positions[0]),
        lagEvents: 2,
        error: { position: String(positions[1]), message: 'cannot digest poison' },
      });
      expect(log.records[0]).toMatchObject({
        projection: projection.name,
        position: String(positions[1]),
        err: 'cannot digest poison',
      });
      // What preceded the poison event is applied; nothing after it.
      expect(await b.db.selectFrom('warehouses').select('id').execute()).toEqual([{ id: 'w0' }]);
    });

    it('one reader feeds every projection: one stopped on a poison event does not stop the others', async () => {
      b = await backend.create('projector_shared_reader');
      const failing = fragile('stop');
      const tally = tallyProjection();
      await migrateReadModels(b.db, [failing, tally]);
      const positions = await appendWarehouses(b, ['a', 'poison', 'c', 'd']);
      const log = errorLog();
      const projector = createProjector({
        store: b.store,
        db: b.db,
        client: b.client,
        projections: [failing, tally],
        logger: log.logger,
      });
      const progress = createProjectionProgress({
        db: b.db,
        client: b.client,
        store: b.store,
        projections: [failing, tally],
      });
      try {
        await projector.start();
        await log.logged;
        expect(await progress.waitFor(positions[3] ?? 0n, ['tally'], 10_000)).toBe(true);
        // Events appended after the failure still reach the healthy projection.
        let last = 0n;
        for (let i = 0; i < 5; i++)
          last = (
            await b.store.appendToStream(
              `warehouse-x${i}`,
              [warehouseCreated(`x${i}`, `later ${i}`, null, i)],
              { expectedRevision: 'no_stream' },
            )
          ).position;
        expect(await progress.waitFor(last, ['tally'], 10_000)).toBe(true);
        await projector.stop();
        const statuses = await progress.statuses();
        expect(statuses.find((s) => s.name === failing.name)).toMatchObject({
          status: 'failed',
          position: String(positions[0]),
        });
        const rows = await b.db.selectFrom('tally').select(['id', 'n']).execute();
        expect(rows.map((r) => [r.id, Number(r.n)])).toEqual([['WarehouseCreated', 9]]);
      } finally {
        await progress.close();
      }
    });

    it('poison event, dead_letter policy: the event is parked and the projection goes on', async () => {
      b = await backend.create('projector_poison_dead_letter');
      const projection = fragile('dead_letter');
      await migrateReadModels(b.db, [projection]);
      const positions = await appendWarehouses(b, ['a', 'poison', 'c']);
      const log = errorLog();
      const projector = createProjector({
        store: b.store,
        db: b.db,
        client: b.client,
        projections: [projection],
        logger: log.logger,
      });
      const progress = createProjectionProgress({
        db: b.db,
        client: b.client,
        store: b.store,
        projections: [projection],
      });
      await projector.start();
      try {
        expect(await progress.waitFor(positions[2] ?? 0n, [projection.name], 10_000)).toBe(true);
      } finally {
        await projector.stop();
      }
      const [status] = await progress.statuses();
      await progress.close();
      expect(status).toMatchObject({ status: 'stopped', lagEvents: 0 });
      expect(await b.db.selectFrom('warehouses').select('id').orderBy('id').execute()).toEqual([
        { id: 'w0' },
        { id: 'w2' },
      ]);
      const letters = await b.db
        .selectFrom('projection_dead_letters')
        .select(['projection', 'position', 'stream_id', 'type', 'data', 'error'])
        .execute();
      expect(letters).toEqual([
        {
          projection: projection.name,
          position: String(positions[1]),
          stream_id: 'warehouse-w1',
          type: 'WarehouseCreated',
          data: { id: 'w1', name: 'poison', branchId: null },
          error: 'cannot digest poison',
        },
      ]);
      expect(log.records).toHaveLength(1);
    });
  });
}

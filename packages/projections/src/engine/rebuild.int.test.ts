import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createProjectionProgress,
  createProjector,
  getWarehouse,
  listWarehouses,
  migrateReadModels,
  rebuildProjection,
  warehousesProjection,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { appendCatalogEvents } from '../testing/catalog-events.js';
import { snapshotTable } from '../testing/table-snapshot.js';

for (const backend of backendKinds) {
  const up = await backend.available();
  describe.skipIf(!up)(`rebuildProjection on ${backend.kind}`, () => {
    let b: Backend | undefined;
    afterEach(async () => {
      await b?.close();
      b = undefined;
    });

    it('builds beside the live table, serves reads from it until the swap, and swaps while the projector runs', async () => {
      b = await backend.create('rebuild_swap');
      const { db, client, store } = b;
      await migrateReadModels(db, [warehousesProjection]);
      const projections = [warehousesProjection];
      const projector = createProjector({ store, db, client, projections, batchSize: 50 });
      const progress = createProjectionProgress({ db, client, store, projections });
      await projector.start();
      try {
        const head = await appendCatalogEvents(store, 450, 'r');
        expect(await progress.waitFor(head, ['warehouses'], 20_000)).toBe(true);
        const before = await snapshotTable(db, 'warehouses');
        expect(before).toHaveLength(150);

        // Mark the live table: if reads were ever served from the shadow, the mark would be missing.
        await sql`update warehouses set name = 'live' where id = 'r0'`.execute(db);
        const seen: Array<{
          done: number;
          total: number;
          rows: number;
          mark: string | undefined;
          appended: bigint;
        }> = [];
        await rebuildProjection({
          store,
          db,
          client,
          projection: warehousesProjection,
          batchSize: 100,
          onProgress: async ({ done, total }) => {
            if (done === 0 || done >= total) return;
            // Mid-rebuild: reads answer from the live table, and the live projector keeps appending to it.
            const page = await listWarehouses(db, { limit: 500 });
            const appended = await appendCatalogEvents(store, 3, `m${done}-`, 3);
            seen.push({
              done,
              total,
              rows: page.items.length,
              mark: (await getWarehouse(db, 'r0'))?.name,
              appended,
            });
          },
        });
        expect(seen.length).toBeGreaterThan(0);
        for (const s of seen)
          expect(s).toMatchObject({ total: 450, rows: expect.any(Number) as number, mark: 'live' });
        expect(seen.every((s) => s.rows >= 150)).toBe(true);

        // After the swap: the rebuilt table (no mark), with every event, including those appended mid-rebuild.
        const last = seen[seen.length - 1]?.appended ?? head;
        expect(await progress.waitFor(last, ['warehouses'], 20_000)).toBe(true);
        expect((await getWarehouse(db, 'r0'))?.name).toBe('Warehouse 0');
        const after = await snapshotTable(db, 'warehouses');
        expect(after).toHaveLength(150 + seen.length);
        const statuses = await progress.statuses();
        expect(statuses[0]).toMatchObject({ name: 'warehouses', status: 'idle', lagEvents: 0 });
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from information_schema.schemata where schema_name = current_schema() || '__rebuild_warehouses'`.execute(
          db,
        );
        expect(rows[0]?.n).toBe(0);
      } finally {
        await projector.stop();
        await progress.close();
      }
    });
  });
}

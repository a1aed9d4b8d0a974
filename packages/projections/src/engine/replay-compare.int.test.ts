import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  catchUpProjection,
  migrateReadModels,
  productsProjection,
  replayAndCompare,
  warehousesProjection,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { appendCatalogEvents } from '../testing/catalog-events.js';

// PostgreSQL only: the comparison is plain SQL (EXCEPT ALL), the same on PGlite, and PGlite
// start-up is the slow part of a test on a loaded machine.
const postgres = backendKinds.filter((k) => k.kind === 'postgres');
for (const backend of postgres) {
  const up = await backend.available();
  describe.skipIf(!up)(`replayAndCompare on ${backend.kind}`, () => {
    let b: Backend | undefined;
    afterEach(async () => {
      await b?.close();
      b = undefined;
    });

    const setUp = async (): Promise<Backend> => {
      b = await backend.create('replay_compare');
      const projections = [warehousesProjection, productsProjection];
      await migrateReadModels(b.db, projections);
      await appendCatalogEvents(b.store, 120, 'q');
      for (const projection of projections)
        await catchUpProjection({ store: b.store, db: b.db, projection });
      return b;
    };

    it('an untouched database equals its replay, and the scratch schema is gone afterwards', async () => {
      const { store, db } = await setUp();
      for (const projection of [warehousesProjection, productsProjection]) {
        const result = await replayAndCompare({ store, db, projection });
        expect(result.equal).toBe(true);
        expect(result.tables.map((t) => [t.table, t.onlyLive, t.onlyReplayed])).toEqual(
          projection.tables.map((t) => [t, 0, 0]),
        );
      }
      const { rows } = await sql<{ n: string }>`
        select count(*)::text as n from information_schema.schemata
         where schema_name in (current_schema() || '__replay_warehouses',
                               current_schema() || '__replay_products')`.execute(db);
      expect(rows[0]?.n).toBe('0');
    });

    it('reports a row edited and one deleted directly in SQL', async () => {
      const { store, db } = await setUp();
      await sql`update warehouses set name = 'edited by hand' where id = 'q0'`.execute(db);
      await sql`delete from warehouses where id = 'q3'`.execute(db);
      const result = await replayAndCompare({ store, db, projection: warehousesProjection });
      expect(result.equal).toBe(false);
      const [diff] = result.tables;
      expect(diff?.table).toBe('warehouses');
      expect(diff?.onlyLive).toBe(1);
      expect(diff?.onlyReplayed).toBe(2);
      expect(diff?.liveSample).toEqual([
        expect.objectContaining({ id: 'q0', name: 'edited by hand' }),
      ]);
      expect(diff?.replayedSample.map((r) => (r as { id: string }).id).sort()).toEqual([
        'q0',
        'q3',
      ]);
      // The other projection is untouched and still passes.
      expect((await replayAndCompare({ store, db, projection: productsProjection })).equal).toBe(
        true,
      );
    });
  });
}

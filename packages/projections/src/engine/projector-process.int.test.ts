import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import {
  createProjectionProgress,
  createReadDb,
  migrateReadModels,
  productsProjection,
  rebuildProjection,
  warehousesProjection,
  type ReadDb,
} from '../index.js';
import { appendCatalogEvents } from '../testing/catalog-events.js';
import { killAllProjectors, spawnProjector } from '../testing/child-process.js';
import { snapshotTable } from '../testing/table-snapshot.js';
import { tallyProjection } from '../testing/tally.projection.js';

const up = await postgresAvailable();
const tally = tallyProjection();
const projections = [warehousesProjection, productsProjection, tally];
const names = projections.map((p) => p.name);

describe.skipIf(!up)('projector processes (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;

  beforeAll(async () => {
    schema = await createTestSchema('projector_process');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client, { pollIntervalMs: 100 });
    db = createReadDb(client);
    await migrateReadModels(db, projections);
  });
  afterAll(async () => {
    killAllProjectors();
    await client?.close();
    await schema?.drop();
  });

  const tallyTotal = async (): Promise<bigint> => {
    const rows = await db.selectFrom('tally').select('n').execute();
    return rows.reduce((sum, r) => sum + BigInt(r.n), 0n);
  };
  const checkpoint = async (name: string): Promise<bigint> =>
    BigInt(
      (
        await db
          .selectFrom('projection_checkpoints')
          .select('position')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).position,
    );

  it('SIGKILL mid-batch, restart: the read model equals a fresh rebuild and nothing was applied twice', async () => {
    const count = 3000;
    const head = await appendCatalogEvents(store, count, 'k');
    const first = spawnProjector({ DATABASE_URL: schema.url, BATCH_SIZE: '100', HANG_AT: '1050' });
    await first.waitForLine((l) => l['msg'] === 'mid-batch', 30_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // The open batch vanished whole: the tally counts exactly the events up to its checkpoint.
    const killedAt = await checkpoint('tally');
    expect(killedAt).toBeLessThan(head);
    const upTo = (await store.readAll({ maxCount: count })).filter(
      (e) => e.position <= killedAt,
    ).length;
    expect(upTo).toBe(1000);
    expect(await tallyTotal()).toBe(BigInt(upTo));

    const second = spawnProjector({ DATABASE_URL: schema.url, BATCH_SIZE: '100' });
    const progress = createProjectionProgress({ db, client, store, projections });
    try {
      expect(await progress.waitFor(head, names, 30_000)).toBe(true);
    } finally {
      await progress.close();
      second.child.kill('SIGTERM');
    }
    expect(await second.exited).toBe(0);
    expect(await tallyTotal()).toBe(BigInt(count));

    const live = {
      warehouses: await snapshotTable(db, 'warehouses'),
      products: await snapshotTable(db, 'products'),
      tally: await snapshotTable(db, 'tally'),
    };
    for (const projection of projections)
      await rebuildProjection({ store, db, client, projection });
    const rebuilt = {
      warehouses: await snapshotTable(db, 'warehouses'),
      products: await snapshotTable(db, 'products'),
      tally: await snapshotTable(db, 'tally'),
    };
    expect(live.warehouses).toHaveLength(1000);
    expect(rebuilt).toEqual(live);
  });

  it('two processes: one owns each projection; kill it and the other takes over within seconds', async () => {
    const owned = (l: Record<string, unknown>) => l['msg'] === 'projection owned by this process';
    const owner = spawnProjector({ DATABASE_URL: schema.url });
    for (const name of names)
      await owner.waitForLine((l) => owned(l) && l['projection'] === name, 30_000);
    const standby = spawnProjector({ DATABASE_URL: schema.url });
    try {
      for (const name of names)
        await standby.waitForLine(
          (l) =>
            l['msg'] === 'projection owned by another process; standing by' &&
            l['projection'] === name,
          30_000,
        );
      // The standby tried (and keeps trying) but holds nothing while the owner lives.
      expect(standby.lines.filter(owned)).toHaveLength(0);

      const killedAt = Date.now();
      owner.child.kill('SIGKILL');
      await owner.exited;
      for (const name of names)
        await standby.waitForLine((l) => owned(l) && l['projection'] === name, 15_000);
      const takeoverMs = Date.now() - killedAt;
      console.info(`takeover after SIGKILL: ${takeoverMs} ms`);

      const pid = standby.child.pid ?? 0;
      const rows = await db
        .selectFrom('projection_checkpoints')
        .select(['name', 'owner'])
        .where('name', 'in', names)
        .execute();
      expect(rows.every((r) => r.owner?.endsWith(`:${pid}`))).toBe(true);

      // And it projects: new events reach the read model.
      const head = await appendCatalogEvents(store, 30, 't');
      const progress = createProjectionProgress({ db, client, store, projections });
      try {
        expect(await progress.waitFor(head, names, 30_000)).toBe(true);
      } finally {
        await progress.close();
      }
      expect(
        await db.selectFrom('warehouses').select('id').where('id', '=', 't0').executeTakeFirst(),
      ).toEqual({ id: 't0' });
    } finally {
      owner.child.kill('SIGKILL');
      standby.child.kill('SIGKILL');
      await Promise.all([owner.exited, standby.exited]);
    }
  });
});

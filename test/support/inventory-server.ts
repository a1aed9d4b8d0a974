import { countStatements } from '@erpcore/api';
import {
  createPgClient,
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, type TestSchema } from '@erpcore/eventstore/testing';
import {
  catalogProjections,
  createProjectionProgress,
  createProjector,
  createReadDb,
  inventoryProjections,
  migrateReadModels,
} from '@erpcore/projections';
import type { Backend, TestBackend } from './test-server.js';

/** The projections the inventory routes read. */
export const inventoryTestProjections = [...catalogProjections, ...inventoryProjections];

/** A backend as openTestBackend makes it, projecting the inventory too; `url` is set on PostgreSQL. */
export interface InventoryBackend extends TestBackend {
  readonly url: string | undefined;
}

/** PGlite in memory or a PostgreSQL schema of its own; migrated, catalog and inventory projector running. */
export const openInventoryBackend = async (
  backend: Backend,
  name: string,
): Promise<InventoryBackend> => {
  let schema: TestSchema | undefined;
  let raw: SqlClient;
  if (backend === 'postgres') {
    schema = await createTestSchema(name);
    raw = createPgClient({ connectionString: schema.url, max: 8 });
  } else {
    raw = await createPgliteClient();
  }
  const client = countStatements(raw);
  await migrateEventStore(client);
  const store = createPostgresEventStore(client);
  const db = createReadDb(client);
  const projections = inventoryTestProjections;
  await migrateReadModels(db, projections);
  const projector = createProjector({ store, db, client, projections, maxBatchWaitMs: 1 });
  await projector.start();
  const progress = createProjectionProgress({ db, client, store, projections });
  return {
    url: schema?.url,
    client,
    store,
    db,
    progress,
    close: async () => {
      await projector.stop();
      await progress.close();
      await db.destroy();
      await client.close();
      await schema?.drop();
    },
  };
};

/**
 * A second, independent writer on the same PostgreSQL schema — its own pool and event store, so
 * none of the first one's in-process stream queues: what another API process would be. It reads
 * through the first backend's projection progress.
 */
export const openSecondWriter = (first: InventoryBackend): TestBackend => {
  if (first.url === undefined) throw new Error('a second writer needs PostgreSQL');
  const client = countStatements(createPgClient({ connectionString: first.url, max: 8 }));
  const store = createPostgresEventStore(client);
  const db = createReadDb(client);
  return {
    client,
    store,
    db,
    progress: first.progress,
    close: async () => {
      await db.destroy();
      await client.close();
    },
  };
};

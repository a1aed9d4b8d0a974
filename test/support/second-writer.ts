import { countStatements } from '@erpcore/api';
import { createPgClient, createPostgresEventStore } from '@erpcore/eventstore';
import { createReadDb } from '@erpcore/projections';
import type { TestBackend } from './test-server.js';

/**
 * A second, independent writer on the same PostgreSQL schema — its own pool and event store, so
 * none of the first one's in-process stream queues: what another API process would be. It reads
 * through the first backend's projection progress.
 */
export const openSecondWriter = (first: TestBackend): TestBackend => {
  if (first.url === undefined) throw new Error('a second writer needs PostgreSQL');
  const client = countStatements(createPgClient({ connectionString: first.url, max: 8 }));
  const store = createPostgresEventStore(client);
  const db = createReadDb(client);
  return {
    url: first.url,
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

import { eventStoreContract } from '../event-store.contract.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';

eventStoreContract('PGlite (in-memory)', async () => {
  const client = await createPgliteClient();
  await migrateEventStore(client);
  await migrateEventStore(client); // idempotent
  const store = createPostgresEventStore(client);
  return { store, teardown: () => client.close() };
});

import { eventStoreContract } from '../event-store.contract.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';

// PGlite has one connection: groups still form behind its mutex, and must stay correct.
for (const groupCommit of [true, false])
  eventStoreContract(`PGlite (in-memory), group commit ${groupCommit ? 'on' : 'off'}`, async () => {
    const client = await createPgliteClient();
    await migrateEventStore(client);
    await migrateEventStore(client); // idempotent
    const store = createPostgresEventStore(client, { groupCommit });
    return { store, teardown: () => client.close() };
  });

import { postgresAvailable, createTestSchema } from '../testing/services.js';
import { eventStoreContract } from '../event-store.contract.js';
import { createPgClient } from '../sql/pg-client.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';

const up = await postgresAvailable();

// The whole contract with group commit on (the default) and off: batching must change nothing.
for (const groupCommit of [true, false])
  eventStoreContract(
    `PostgreSQL (pg), group commit ${groupCommit ? 'on' : 'off'}`,
    async () => {
      const schema = await createTestSchema('pg-event-store');
      const client = createPgClient({ pool: schema.pool });
      await migrateEventStore(client);
      await migrateEventStore(client); // idempotent
      const store = createPostgresEventStore(client, { groupCommit });
      return {
        store,
        teardown: async () => {
          await client.close();
          await schema.drop();
        },
      };
    },
    { skip: !up },
  );

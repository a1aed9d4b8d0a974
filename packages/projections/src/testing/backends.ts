import {
  createPgClient,
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable } from '@erpcore/eventstore/testing';
import { createReadDb, type ReadDb } from '../read-db.js';

/** One database (event store + read models in the same schema) for a test. */
export interface Backend {
  readonly client: SqlClient;
  readonly store: EventStore;
  readonly db: ReadDb;
  close(): Promise<void>;
}

/** A backend factory per database kind: the engine's tests loop over both, like kysely's over dialects. */
export interface BackendKind {
  readonly kind: 'postgres' | 'pglite';
  readonly available: () => Promise<boolean>;
  readonly create: (name: string) => Promise<Backend>;
}

const finish = async (client: SqlClient, cleanup: () => Promise<void>): Promise<Backend> => {
  await migrateEventStore(client);
  const store = createPostgresEventStore(client, { pollIntervalMs: 50 });
  return { client, store, db: createReadDb(client), close: cleanup };
};

export const backendKinds: readonly BackendKind[] = [
  {
    kind: 'postgres',
    available: postgresAvailable,
    create: async (name) => {
      const schema = await createTestSchema(name);
      const client = createPgClient({ pool: schema.pool });
      return finish(client, async () => {
        await client.close();
        await schema.drop();
      });
    },
  },
  {
    kind: 'pglite',
    available: async () => true,
    create: async () => {
      const client = await createPgliteClient();
      return finish(client, () => client.close());
    },
  },
];

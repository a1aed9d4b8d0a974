import { buildApp, countStatements, defaultConfig } from '@erpcore/api';
import { createPgClient, createPostgresEventStore, migrateEventStore } from '@erpcore/eventstore';
import { createTestSchema } from '@erpcore/eventstore/testing';
import {
  accountingProjections,
  catalogProjections,
  createProjectionProgress,
  createProjector,
  createReadDb,
  inventoryProjections,
  migrateReadModels,
  salesProjections,
} from '@erpcore/projections';
import { call, type TestServer } from './test-server.js';

/** Every projection the sales flow reads: its own and those of the contexts it touches. */
const projections = [
  ...catalogProjections,
  ...inventoryProjections,
  ...accountingProjections,
  ...salesProjections,
];

/** The API and every projector over a PostgreSQL schema of its own, wired as `erpcore start` wires them. */
export const startSalesServer = async (name: string): Promise<TestServer> => {
  const schema = await createTestSchema(name);
  const client = countStatements(createPgClient({ connectionString: schema.url, max: 8 }));
  await migrateEventStore(client);
  const store = createPostgresEventStore(client);
  const db = createReadDb(client);
  await migrateReadModels(db, projections);
  const projector = createProjector({ store, db, client, projections, maxBatchWaitMs: 1 });
  await projector.start();
  const progress = createProjectionProgress({ db, client, store, projections });
  const app = await buildApp({
    store,
    db,
    client,
    progress,
    config: { ...defaultConfig, logLevel: 'silent' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    close: async () => {
      await app.close();
      await projector.stop();
      await progress.close();
      await db.destroy();
      await client.close();
      await schema.drop();
    },
  };
};

/** A client that remembers the position of its last command and reads with it (`X-Min-Position`). */
export const salesClient = (server: TestServer) => {
  let last = '0';
  return {
    post: async (path: string, body: unknown) => {
      const answer = await call(server, 'POST', path, body);
      const position = (answer.body as { position?: string } | undefined)?.position;
      if (answer.status < 300 && position !== undefined && BigInt(position) > BigInt(last))
        last = position;
      return answer;
    },
    get: (path: string) => call(server, 'GET', path, undefined, { 'x-min-position': last }),
    code: (answer: { body: unknown }) => (answer.body as { error?: { code: string } }).error?.code,
  };
};

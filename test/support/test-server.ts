import type { FastifyInstance } from 'fastify';
import {
  buildApp,
  countStatements,
  defaultConfig,
  statementsFromHeader,
  type ErpConfig,
} from '@erpcore/api';
import {
  createPgClient,
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, type TestSchema } from '@erpcore/eventstore/testing';
import {
  createProjectionProgress,
  createProjector,
  createReadDb,
  migrateReadModels,
  type ProjectionProgress,
  type ReadDb,
} from '@erpcore/projections';
import { allProjections } from '@erpcore/cli';

/** A real HTTP server on an ephemeral port. */
export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

/** Storage, projector and progress wired the way `erpcore start` wires them; several apps may share it. */
export interface TestBackend {
  /** The schema's connection string on PostgreSQL (what a second writer connects to); undefined on PGlite. */
  readonly url: string | undefined;
  readonly client: SqlClient;
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly progress: ProjectionProgress;
  close(): Promise<void>;
}

/** How openTestBackend opens its storage. */
export interface TestBackendOptions {
  /** Connections in the PostgreSQL pool (5 unless set); the concurrency files want more. */
  readonly poolSize?: number;
}

/**
 * PGlite in memory, or a PostgreSQL schema of this file's own (`name`: parallel files must not
 * share one); migrated, with every projection `erpcore start` runs projecting, so any route reads.
 */
export const openTestBackend = async (
  backend: Backend,
  name: string,
  options: TestBackendOptions = {},
): Promise<TestBackend> => {
  let schema: TestSchema | undefined;
  let raw: SqlClient;
  if (backend === 'postgres') {
    schema = await createTestSchema(name);
    raw = createPgClient({ connectionString: schema.url, max: options.poolSize ?? 5 });
  } else {
    raw = await createPgliteClient();
  }
  const client = countStatements(raw);
  await migrateEventStore(client);
  const store = createPostgresEventStore(client);
  const db = createReadDb(client);
  const projections = allProjections;
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

/** Builds the app on `backend` and listens on 127.0.0.1, any free port. `close` closes the app only. */
export const serveApp = async (
  backend: TestBackend,
  overrides: Partial<ErpConfig> = {},
  minPositionWaitMs = 5000,
): Promise<TestServer> => {
  const { store, db, client, progress } = backend;
  const app = await buildApp({
    store,
    db,
    client,
    progress,
    config: { ...defaultConfig, logLevel: 'silent', ...overrides },
    minPositionWaitMs,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
};

/** One backend and one app on it; `close` closes both. */
export const startTestServer = async (
  backend: Backend,
  name: string,
  options: TestBackendOptions = {},
  overrides: Partial<ErpConfig> = {},
  minPositionWaitMs = 5000,
): Promise<TestServer> => {
  const opened = await openTestBackend(backend, name, options);
  const server = await serveApp(opened, overrides, minPositionWaitMs);
  return {
    ...server,
    close: async () => {
      await server.close();
      await opened.close();
    },
  };
};

/** A response with its JSON body and the statement count the server reported. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly statements: number | undefined;
}

/** One HTTP call; `body` is sent as JSON unless it is a string (sent raw). */
export const call = async (
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> => {
  const init: RequestInit = {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    statements: statementsFromHeader(response.headers.get('server-timing') ?? undefined),
  };
};

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
import { documentChecker, type DocumentChecker, type OpenApiDocument } from './openapi-check.js';

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

const isDocument = (value: unknown): value is OpenApiDocument =>
  typeof value === 'object' &&
  value !== null &&
  'paths' in value &&
  typeof value.paths === 'object';

const checkers = new Map<string, Promise<DocumentChecker>>();

/**
 * The live document's checker for this server: from the app itself when it runs in this process
 * (no extra request, so rate limits and request logs see only the test's), else `/docs/json`.
 */
const checkerFor = (server: TestServer): Promise<DocumentChecker> => {
  let checker = checkers.get(server.url);
  if (checker === undefined) {
    checker = (async () => {
      let document: unknown;
      try {
        document = server.app.swagger();
      } catch {
        document = await (await fetch(`${server.url}/docs/json`)).json();
      }
      if (!isDocument(document)) throw new Error(`${server.url}: no OpenAPI document`);
      return documentChecker(document);
    })();
    checkers.set(server.url, checker);
  }
  return checker;
};

/**
 * Throws when an answer is not what the live OpenAPI document says the route answers: a status
 * it does not list, or a body failing that status's schema (see openapi-check.ts).
 */
export const assertDocumented = async (
  server: TestServer,
  method: string,
  path: string,
  answer: { readonly status: number; readonly headers: Headers; readonly body: unknown },
): Promise<void> => {
  const problem = (await checkerFor(server)).check({
    method,
    path,
    status: answer.status,
    contentType: answer.headers.get('content-type'),
    body: answer.body,
    header: (name) => answer.headers.get(name),
  });
  if (problem !== undefined)
    throw new Error(`answer off the OpenAPI document: ${problem}\n${JSON.stringify(answer.body)}`);
};

/** The body of a response: parsed JSON, other text as text, undefined when empty. */
const bodyOf = (headers: Headers, text: string): unknown => {
  if (text === '') return undefined;
  return /json/i.test(headers.get('content-type') ?? '') ? (JSON.parse(text) as unknown) : text;
};

/**
 * `fetch` for tests that need the raw Response (headers, streams, encodings): the answer is
 * checked against the live OpenAPI document like `call`'s, and handed back unread.
 */
export const fetchChecked = async (
  server: TestServer,
  path: string,
  init: RequestInit = {},
): Promise<Response> => {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.clone().text();
  await assertDocumented(server, init.method ?? 'GET', path, {
    status: response.status,
    headers: response.headers,
    body: bodyOf(response.headers, text),
  });
  return response;
};

/**
 * One HTTP call; `body` is sent as JSON unless it is a string (sent raw). The answer is checked
 * against the live OpenAPI document (`assertDocumented`) before the test sees it.
 */
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
  const answer = {
    status: response.status,
    headers: response.headers,
    body: bodyOf(response.headers, text),
    statements: statementsFromHeader(response.headers.get('server-timing') ?? undefined),
  };
  await assertDocumented(server, method, path, answer);
  return answer;
};

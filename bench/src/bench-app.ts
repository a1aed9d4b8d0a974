import type { FastifyInstance } from 'fastify';
import { buildApp, defaultConfig, statementsFromHeader, type ErpConfig } from '@erpcore/api';
import { createProjectionProgress, type ProjectionDefinition } from '@erpcore/projections';
import type { BenchStorage } from './bench-schema.js';

/** The app over a bench's storage; `close` closes the app and its projection progress. */
export interface BenchApp {
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Builds the API on `storage`, reading `projections`' progress, logging nothing. Not ready yet:
 * the bench adds its comparison routes first, then calls `app.ready()`.
 */
export const buildBenchApp = async (
  storage: BenchStorage,
  projections: readonly ProjectionDefinition[],
  overrides: Partial<ErpConfig> = {},
): Promise<BenchApp> => {
  const { store, db, client } = storage;
  const progress = createProjectionProgress({ db, client, store, projections });
  const app = await buildApp({
    store,
    db,
    client,
    progress,
    config: { ...defaultConfig, logLevel: 'silent', ...overrides },
  });
  return {
    app,
    close: async () => {
      await app.close();
      await progress.close();
    },
  };
};

/** Latencies of one route's requests and the most statements one of them ran. */
export interface TimedRequests {
  readonly latencies: number[];
  statements: number;
}

/** One timed GET through `app.inject`; throws on anything but 200, so a broken route cannot look fast. */
export const timeGet = async (
  app: FastifyInstance,
  url: string,
  into: TimedRequests,
): Promise<string> => {
  const started = performance.now();
  const response = await app.inject({ method: 'GET', url });
  into.latencies.push(performance.now() - started);
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  into.statements = Math.max(
    into.statements,
    statementsFromHeader(response.headers['server-timing'] as string | undefined) ?? Number.NaN,
  );
  return response.body;
};

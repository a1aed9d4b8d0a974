import { buildApp, defaultConfig } from '@erpcore/api';
import type { EventStore, SqlClient } from '@erpcore/eventstore';
import type { ProjectionProgress, ReadDb } from '@erpcore/projections';
import type { SeedRequest } from './demo-company.js';

/** What seeding runs on: the storage `erpcore start` would open. */
export interface SeedDeps {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly client: SqlClient;
  readonly progress: ProjectionProgress;
}

/** A seed request the API refused: the data is left as far as it got (rerun to resume). */
export class SeedRefused extends Error {
  override readonly name = 'SeedRefused';
  constructor(
    readonly request: SeedRequest,
    readonly status: number,
    body: string,
  ) {
    super(`${request.method} ${request.url} answered ${status}: ${body.slice(0, 500)}`);
  }
}

export interface SeedOutcome {
  readonly requests: number;
  /** How far the log's head moved: 0 when the run appended nothing (a rerun of a completed seed). */
  readonly advanced: bigint;
}

/**
 * Sends each request to the API app built in process (`buildApp` + `inject`, no socket), so the
 * data goes through the very routes and use cases a client's would, validation included. Each
 * carries its `Idempotency-Key`: a rerun is answered from the events the first run wrote and
 * appends nothing. Auth and rate limits are those of a local, key-less app: this is an operator
 * command with direct access to the storage anyway.
 */
export const runSeed = async (
  deps: SeedDeps,
  requests: readonly SeedRequest[],
  onProgress?: (done: number, total: number) => void,
): Promise<SeedOutcome> => {
  const app = await buildApp({
    ...deps,
    config: {
      ...defaultConfig,
      logLevel: 'silent',
      nodeEnv: 'development',
      rateLimitMax: 10_000_000,
    },
  });
  try {
    await app.ready();
    const before = await deps.store.headPosition();
    for (const [i, request] of requests.entries()) {
      const answer = await app.inject({
        method: request.method,
        url: request.url,
        payload: request.body,
        headers: { 'idempotency-key': request.key },
      });
      if (answer.statusCode >= 300) throw new SeedRefused(request, answer.statusCode, answer.body);
      onProgress?.(i + 1, requests.length);
    }
    const after = await deps.store.headPosition();
    return { requests: requests.length, advanced: after - before };
  } finally {
    await app.close();
  }
};

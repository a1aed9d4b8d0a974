import type { FastifyBaseLogger } from 'fastify';
import type { EventStore, SqlClient } from '@erpcore/eventstore';
import type { ProjectionProgress, ReadDb } from '@erpcore/projections';
import type { ErpConfig } from './config/config.js';
import type { JobListing } from './routes/ops.routes.js';
import type { ReadinessCheck } from './health/readiness.js';

/** What `buildApp` is built from: ports and configuration, nothing it creates itself. */
export interface AppDeps {
  readonly store: EventStore;
  /** The read-model database (kysely), for query routes. */
  readonly db: ReadDb;
  /** The SqlClient the store and db use: readiness pings it. Wrap it with `countStatements` first. */
  readonly client: SqlClient;
  readonly progress: ProjectionProgress;
  readonly config: ErpConfig;
  /** A pino-compatible logger; default: Fastify's own at `config.logLevel`. */
  readonly logger?: FastifyBaseLogger;
  /** Clock for command metadata (tests pin it). */
  readonly now?: () => Date;
  /** New event ids (uuid). */
  readonly newId?: () => string;
  /** False until start-up work (migrations) is done; `/health/ready` answers 503 meanwhile. Default: ready. */
  readonly isReady?: () => boolean;
  /** How long a query waits for `X-Min-Position` (API.md: 5000 ms; tests shorten it). */
  readonly minPositionWaitMs?: number;
  /** The background-job queue `GET /v1/ops/jobs` lists (@erpcore/workers); absent: that route answers 503. */
  readonly jobs?: JobListing;
  /** More dependencies `/health/ready` checks (Redis when configured); the database always is. */
  readonly readinessChecks?: readonly ReadinessCheck[];
}

/** The services route files reach through `app.erp`. */
export interface ErpServices {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly client: SqlClient;
  readonly progress: ProjectionProgress;
  readonly config: ErpConfig;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly isReady: () => boolean;
  readonly minPositionWaitMs: number;
  readonly readinessChecks: readonly ReadinessCheck[];
}

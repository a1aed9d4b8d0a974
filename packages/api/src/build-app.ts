import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { AppDeps } from './app-deps.js';
import { assertUsable } from './config/config.js';
import { httpServerTimeouts } from './config/http-server-options.js';
import { minPositionTimeoutMs } from './http/min-position.js';
import { errorHandler } from './http/error-handler.js';
import { authFailureLimitPlugin } from './plugins/auth-failure-limit.plugin.js';
import { authPlugin } from './plugins/auth.plugin.js';
import { clientErrorHandler } from './plugins/client-error.js';
import {
  memoryWindowCounter,
  openCounterRedis,
  redisWindowCounter,
  whenReady,
} from './plugins/redis-counters.js';
import { responseHeadersPlugin } from './plugins/response-headers.plugin.js';
import { compressionPlugin } from './plugins/compression.plugin.js';
import { docsPlugin } from './plugins/docs.plugin.js';
import { hostCheckPlugin } from './plugins/host-check.plugin.js';
import { httpSemanticsPlugin } from './plugins/http-semantics.plugin.js';
import { requestLogPlugin } from './plugins/request-log.plugin.js';
import { securityPlugin } from './plugins/security.plugin.js';
import { statementCountPlugin } from './plugins/statement-count.plugin.js';
import './plugins/fastify-types.js';
import { accountingRoutes } from './routes/accounting.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { metricsRoutes } from './routes/metrics.routes.js';
import { opsRoutes } from './routes/ops.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { inventoryRoutes } from './routes/inventory.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { projectionsRoutes } from './routes/projections.routes.js';
import { salesRoutes } from './routes/sales.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';
import { purchasingRoutes } from './routes/purchasing.routes.js';
import { fulfilmentRoutes } from './routes/fulfilment.routes.js';
import { reportsRoutes } from './routes/reports.routes.js';

/** API.md: bodies over 1 MiB are refused with 413. */
export const bodyLimitBytes = 1024 * 1024;

/**
 * The longest path parameter routing accepts (Fastify's default is 100): a stream id such as
 * `stock-<64-char product>@<64-char warehouse>` runs to 135 characters and must reach its route.
 * Longer ones are answered `400 validation_failed`, as every undecodable parameter is.
 */
export const maxParamLength = 256;

/**
 * The route groups under /v1, one encapsulated plugin per bounded context.
 *
 * How to add a route group: write `src/routes/<context>.routes.ts` exporting a
 * `FastifyPluginAsync` (copy catalog.routes.ts: decode with `decodeOr400`/`decodeBody`, commands
 * through `executeCommand` with a use case of `@erpcore/application`, queries `awaitReads(request,
 * query)` then that ONE query function), then add it to this list. Nothing else changes: auth, errors,
 * statement counting, docs and rate limits apply to it already.
 */
const v1RouteGroups: readonly FastifyPluginAsync[] = [
  catalogRoutes,
  inventoryRoutes,
  accountingRoutes,
  salesRoutes,
  projectionsRoutes,
  auditRoutes,
  settingsRoutes,
  purchasingRoutes,
  fulfilmentRoutes,
  reportsRoutes,
];

/** Builds the HTTP app on the given ports. It does not listen; the caller does (`app.listen`). */
export const buildApp = async (deps: AppDeps): Promise<FastifyInstance> => {
  assertUsable(deps.config);
  const app = Fastify({
    ...(deps.logger === undefined
      ? { logger: { level: deps.config.logLevel } }
      : { loggerInstance: deps.logger }),
    bodyLimit: bodyLimitBytes,
    routerOptions: { maxParamLength },
    // Bad percent-encoding and over-long parameters fail before routing: same envelope as the rest.
    // The handler answers through `reply`; Fastify ignores what this hook returns.
    frameworkErrors: (error, request, reply) => void errorHandler(error, request, reply),
    genReqId: () => randomUUID(),
    // Keep-alive sockets that sit idle are closed on shutdown; busy ones finish their request.
    forceCloseConnections: 'idle',
    // requestLogPlugin logs each request once, when answered.
    logController: new LogController({ disableRequestLogging: true }),
    // A silent logger's per-request child would write nothing: the request gets the app's logger.
    childLoggerFactory: (logger, bindings, options) =>
      logger.level === 'silent' && options.level === undefined
        ? logger
        : logger.child(bindings, options),
    // Deadlines for headers, the whole request and idle sockets (README: HTTP_*_TIMEOUT_MS), and
    // Node-level errors (408, 431, malformed HTTP) answered in the envelope.
    ...httpServerTimeouts(deps.config),
    clientErrorHandler,
  }) as unknown as FastifyInstance;

  app.decorate('erp', {
    store: deps.store,
    db: deps.db,
    client: deps.client,
    progress: deps.progress,
    config: deps.config,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    isReady: deps.isReady ?? (() => true),
    minPositionWaitMs: deps.minPositionWaitMs ?? minPositionTimeoutMs,
    readinessChecks: deps.readinessChecks ?? [],
  });
  app.setErrorHandler(errorHandler);
  // 404 and 405 (with `Allow`), 415 for non-JSON bodies.
  await app.register(httpSemanticsPlugin);

  // Order matters: hooks run in registration order, and the docs must see every route.
  await app.register(statementCountPlugin);
  await app.register(requestLogPlugin);
  await app.register(responseHeadersPlugin);
  await app.register(hostCheckPlugin, { allowedHosts: deps.config.allowedHosts });
  // Rate-limit counters in Redis when REDIS_URL is set: one limit across every API process.
  const { redisUrl } = deps.config;
  const redis = redisUrl === null ? undefined : openCounterRedis(redisUrl, app.log);
  if (redis !== undefined) {
    app.addHook('onClose', async () => redis.disconnect());
    await whenReady(redis, 1000);
  }
  await app.register(securityPlugin, { config: deps.config, redis });
  await app.register(authFailureLimitPlugin, {
    enabled: deps.config.apiKeys.length > 0,
    max: deps.config.authFailureMax,
    counter:
      redis === undefined
        ? memoryWindowCounter(deps.config.authFailureWindowMs)
        : redisWindowCounter(redis, deps.config.rateLimitPrefix, deps.config.authFailureWindowMs),
  });
  await app.register(authPlugin, { keys: deps.config.apiKeys });
  await app.register(compressionPlugin);
  await app.register(docsPlugin);

  // Before the route groups: its response hook counts every route (fastify-plugin, not encapsulated).
  await app.register(metricsRoutes);
  await app.register(healthRoutes);
  for (const group of v1RouteGroups) await app.register(group, { prefix: '/v1' });
  await app.register(opsRoutes, { prefix: '/v1', jobs: deps.jobs });
  return app;
};

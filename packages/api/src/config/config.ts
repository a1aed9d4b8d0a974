import * as t from 'io-ts';
import {
  ApiKeyC,
  commaList,
  HostNameC,
  intFromString,
  LogLevelC,
  NodeEnvC,
  OriginC,
  PostgresUrlC,
  EventStoreUrlC,
  RedisUrlC,
  secretVariables,
  type ApiKey,
  type LogLevel,
} from './env-codecs.js';

/** Every setting erpcore reads from the environment, decoded once at start-up. */
export interface ErpConfig {
  readonly port: number;
  /** 127.0.0.1 by default: reachable only from this machine until you choose otherwise. */
  readonly host: string;
  readonly dataDir: string;
  /** Set: PostgreSQL; unset: embedded PGlite under `dataDir`. */
  readonly databaseUrl: string | null;
  /**
   * Set (`kurrentdb://…`, `esdb://…`): events live in KurrentDB/EventStoreDB; read models and
   * projection checkpoints stay in PostgreSQL, so DATABASE_URL is required with it.
   */
  readonly eventStoreUrl: string | null;
  readonly apiKeys: readonly ApiKey[];
  /** Empty: any Host header is accepted. */
  readonly allowedHosts: readonly string[];
  /** Empty: no cross-origin browser access at all. */
  readonly corsOrigins: readonly string[];
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  /** Set: rate limits and failed-authentication counts live in Redis, shared by every API process. */
  readonly redisUrl: string | null;
  /** Key prefix of those counters in Redis (processes sharing limits share it). */
  readonly rateLimitPrefix: string;
  /** Failed authentications (401s) one client address may have per window before it gets 429. */
  readonly authFailureMax: number;
  readonly authFailureWindowMs: number;
  /** The whole request line and headers must arrive within this (else 408). */
  readonly httpHeadersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (else 408). */
  readonly httpRequestTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed. */
  readonly httpIdleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly httpKeepAliveTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** Decoded in any case, stored lower-case: `Production` is production (auth required). */
  readonly nodeEnv: 'development' | 'test' | 'production';
}

/** The default settings, the ones README.md documents. */
export const defaultConfig: ErpConfig = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: './data',
  databaseUrl: null,
  eventStoreUrl: null,
  apiKeys: [],
  allowedHosts: [],
  corsOrigins: [],
  rateLimitMax: 6000,
  rateLimitWindowMs: 60_000,
  redisUrl: null,
  rateLimitPrefix: 'erpcore-rate-limit:',
  authFailureMax: 30,
  authFailureWindowMs: 60_000,
  httpHeadersTimeoutMs: 10_000,
  httpRequestTimeoutMs: 30_000,
  httpIdleTimeoutMs: 60_000,
  httpKeepAliveTimeoutMs: 72_000,
  logLevel: 'info',
  nodeEnv: 'development',
};

const EnvC = t.partial({
  PORT: intFromString('PORT', 0, 65535),
  HOST: HostNameC,
  ERP_DATA_DIR: t.refinement(t.string, (s) => s.trim() !== '', 'Path'),
  DATABASE_URL: PostgresUrlC,
  EVENTSTORE_URL: EventStoreUrlC,
  ERP_API_KEYS: commaList('ERP_API_KEYS', ApiKeyC),
  ALLOWED_HOSTS: commaList('ALLOWED_HOSTS', HostNameC),
  CORS_ORIGINS: commaList('CORS_ORIGINS', OriginC),
  RATE_LIMIT_MAX: intFromString('RATE_LIMIT_MAX', 1, 10_000_000),
  RATE_LIMIT_WINDOW_MS: intFromString('RATE_LIMIT_WINDOW_MS', 1000, 86_400_000),
  REDIS_URL: RedisUrlC,
  RATE_LIMIT_PREFIX: t.refinement(t.string, (s) => /^[A-Za-z0-9_.:-]{1,64}$/.test(s), 'Prefix'),
  AUTH_FAILURE_MAX: intFromString('AUTH_FAILURE_MAX', 1, 1_000_000),
  AUTH_FAILURE_WINDOW_MS: intFromString('AUTH_FAILURE_WINDOW_MS', 1000, 86_400_000),
  HTTP_HEADERS_TIMEOUT_MS: intFromString('HTTP_HEADERS_TIMEOUT_MS', 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: intFromString('HTTP_REQUEST_TIMEOUT_MS', 100, 3_600_000),
  HTTP_IDLE_TIMEOUT_MS: intFromString('HTTP_IDLE_TIMEOUT_MS', 100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intFromString('HTTP_KEEP_ALIVE_TIMEOUT_MS', 100, 3_600_000),
  LOG_LEVEL: LogLevelC,
  NODE_ENV: NodeEnvC,
});

/** A configuration that cannot be used; `problems` names each variable and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * A value as a problem message may show it: whatever precedes the `@` of a URL (its user and
 * password), even in a malformed one, is hidden.
 */
const hidePassword = (value: string | undefined): string | undefined =>
  value?.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/*)[^@]*@/, '$1***@');

/**
 * Decodes the environment. Invalid values throw a ConfigError naming every bad variable: a typo
 * never silently falls back to a default. Empty strings count as unset.
 */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): ErpConfig => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && k in EnvC.props),
  );
  const decoded = EnvC.decode(present);
  if (decoded._tag === 'Left') {
    const problems = decoded.left.map((e) => {
      const key = e.context[1]?.key ?? '?';
      const why =
        e.message ?? `not a valid ${e.context[e.context.length - 1]?.type.name ?? 'value'}`;
      // A secret is named, never shown: a list's bad entry by its position only.
      if (secretVariables.has(key)) {
        const entry = e.context[2]?.key;
        return `${key}${entry === undefined ? '' : ` (entry ${Number(entry) + 1})`}: ${why}`;
      }
      return `${key}=${JSON.stringify(hidePassword(present[key]))}: ${why}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = decoded.right;
  const config: ErpConfig = {
    port: e.PORT ?? defaultConfig.port,
    host: e.HOST ?? defaultConfig.host,
    dataDir: e.ERP_DATA_DIR ?? defaultConfig.dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    eventStoreUrl: e.EVENTSTORE_URL ?? null,
    apiKeys: e.ERP_API_KEYS ?? [],
    allowedHosts: e.ALLOWED_HOSTS ?? [],
    corsOrigins: e.CORS_ORIGINS ?? [],
    rateLimitMax: e.RATE_LIMIT_MAX ?? defaultConfig.rateLimitMax,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS ?? defaultConfig.rateLimitWindowMs,
    redisUrl: e.REDIS_URL ?? null,
    rateLimitPrefix: e.RATE_LIMIT_PREFIX ?? defaultConfig.rateLimitPrefix,
    authFailureMax: e.AUTH_FAILURE_MAX ?? defaultConfig.authFailureMax,
    authFailureWindowMs: e.AUTH_FAILURE_WINDOW_MS ?? defaultConfig.authFailureWindowMs,
    httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS ?? defaultConfig.httpHeadersTimeoutMs,
    httpRequestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS ?? defaultConfig.httpRequestTimeoutMs,
    httpIdleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS ?? defaultConfig.httpIdleTimeoutMs,
    httpKeepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? defaultConfig.httpKeepAliveTimeoutMs,
    logLevel: e.LOG_LEVEL ?? defaultConfig.logLevel,
    nodeEnv: e.NODE_ENV ?? defaultConfig.nodeEnv,
  };
  assertUsable(config);
  return config;
};

/** The rules that span variables; buildApp checks them too, for configs built in code. */
export const assertUsable = (config: ErpConfig): void => {
  const problems: string[] = [];
  if (config.nodeEnv === 'production' && config.apiKeys.length === 0)
    problems.push(
      'ERP_API_KEYS: required when NODE_ENV=production (auth cannot be off in production)',
    );
  const names = config.apiKeys.map((k) => k.name);
  if (new Set(names).size !== names.length) problems.push('ERP_API_KEYS: key names must be unique');
  const keys = config.apiKeys.map((k) => k.key);
  if (new Set(keys).size !== keys.length) problems.push('ERP_API_KEYS: keys must be unique');
  if (config.eventStoreUrl !== null && config.databaseUrl === null)
    problems.push(
      'EVENTSTORE_URL: needs DATABASE_URL too (read models and projection checkpoints stay in PostgreSQL)',
    );
  // Node refuses a headers timeout longer than the whole-request one.
  if (config.httpHeadersTimeoutMs > config.httpRequestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  if (problems.length > 0) throw new ConfigError(problems);
};

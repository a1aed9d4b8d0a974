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
  readonly apiKeys: readonly ApiKey[];
  /** Empty: any Host header is accepted. */
  readonly allowedHosts: readonly string[];
  /** Empty: no cross-origin browser access at all. */
  readonly corsOrigins: readonly string[];
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
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
  apiKeys: [],
  allowedHosts: [],
  corsOrigins: [],
  rateLimitMax: 6000,
  rateLimitWindowMs: 60_000,
  logLevel: 'info',
  nodeEnv: 'development',
};

const EnvC = t.partial({
  PORT: intFromString('PORT', 0, 65535),
  HOST: HostNameC,
  ERP_DATA_DIR: t.refinement(t.string, (s) => s.trim() !== '', 'Path'),
  DATABASE_URL: PostgresUrlC,
  ERP_API_KEYS: commaList('ERP_API_KEYS', ApiKeyC),
  ALLOWED_HOSTS: commaList('ALLOWED_HOSTS', HostNameC),
  CORS_ORIGINS: commaList('CORS_ORIGINS', OriginC),
  RATE_LIMIT_MAX: intFromString('RATE_LIMIT_MAX', 1, 10_000_000),
  RATE_LIMIT_WINDOW_MS: intFromString('RATE_LIMIT_WINDOW_MS', 1000, 86_400_000),
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
      return `${key}=${JSON.stringify(present[key])}: ${why}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = decoded.right;
  const config: ErpConfig = {
    port: e.PORT ?? defaultConfig.port,
    host: e.HOST ?? defaultConfig.host,
    dataDir: e.ERP_DATA_DIR ?? defaultConfig.dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    apiKeys: e.ERP_API_KEYS ?? [],
    allowedHosts: e.ALLOWED_HOSTS ?? [],
    corsOrigins: e.CORS_ORIGINS ?? [],
    rateLimitMax: e.RATE_LIMIT_MAX ?? defaultConfig.rateLimitMax,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS ?? defaultConfig.rateLimitWindowMs,
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
  if (problems.length > 0) throw new ConfigError(problems);
};

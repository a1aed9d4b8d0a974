import type { ErpConfig } from './config.js';

/** One unsafe setting: which variable, what is wrong, how to fix it. Never holds a secret. */
export interface DeployFinding {
  readonly setting: string;
  readonly problem: string;
  readonly fix: string;
}

/** What the deploy check knows beyond ErpConfig (read by the caller from its own configs). */
export interface DeployFacts {
  /** REDIS_URL is set (background jobs and their listing shared by every process). */
  readonly redisConfigured: boolean;
  /** API_INSTANCES: how many `erpcore api` processes the deployment runs (default 1). */
  readonly apiInstances: number;
  /** AUDIT_ANCHOR_INTERVAL_MS: how often the projector anchors the log; 0 is off. */
  readonly anchorIntervalMs: number;
}

/** Shortest key the check accepts: 32 characters, about 190 bits when random. */
export const minSafeKeyLength = 32;

const allInterfaces = new Set(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '::0']);

/** Whether HOST makes the server reachable on every interface of the machine. */
export const listensOnAllInterfaces = (host: string): boolean =>
  allInterfaces.has(host.toLowerCase());

/**
 * Why this configuration may not listen, or undefined. In production, every interface without
 * ALLOWED_HOSTS would answer any Host header (DNS rebinding, host-header poisoning).
 */
export const listenRefusal = (config: ErpConfig): string | undefined =>
  config.nodeEnv === 'production' &&
  listensOnAllInterfaces(config.host) &&
  config.allowedHosts.length === 0
    ? `refusing to listen on ${config.host} (every interface) in production without ALLOWED_HOSTS: set ALLOWED_HOSTS to the host names clients use, or HOST=127.0.0.1 behind a proxy`
    : undefined;

/** Every unsafe setting of `config` for a production deployment, in a stable order. */
export const deployFindings = (config: ErpConfig, facts: DeployFacts): DeployFinding[] => {
  const findings: DeployFinding[] = [];
  if (config.apiKeys.length === 0)
    findings.push({
      setting: 'ERP_API_KEYS',
      problem: 'not set: authentication is off and every caller is admin',
      fix: `set ERP_API_KEYS=name:role:key,… with random keys of at least ${minSafeKeyLength} characters (e.g. openssl rand -base64 32)`,
    });
  for (const key of config.apiKeys)
    if (key.key.length < minSafeKeyLength)
      findings.push({
        setting: 'ERP_API_KEYS',
        // The name and the length only: the key itself is a secret.
        problem: `key "${key.name}" is ${key.key.length} characters long (shorter than ${minSafeKeyLength})`,
        fix: `replace it with a random key of at least ${minSafeKeyLength} characters (e.g. openssl rand -base64 32)`,
      });
  if (listensOnAllInterfaces(config.host) && config.allowedHosts.length === 0)
    findings.push({
      setting: 'HOST / ALLOWED_HOSTS',
      problem: `HOST=${config.host} listens on every interface and ALLOWED_HOSTS is not set: any Host header is answered`,
      fix: 'set ALLOWED_HOSTS to the host names clients use (api.example.com), or HOST=127.0.0.1 behind a reverse proxy',
    });
  const wildcards = config.corsOrigins.filter((o) => o.includes('*'));
  if (wildcards.length > 0)
    findings.push({
      setting: 'CORS_ORIGINS',
      problem: `wildcard origin ${wildcards.join(', ')}: any matching site can call the API from a browser`,
      fix: 'list each exact origin (https://app.example.com)',
    });
  if (config.nodeEnv !== 'production')
    findings.push({
      setting: 'NODE_ENV',
      problem: `is ${JSON.stringify(config.nodeEnv)}, not production: the production safeguards are off`,
      fix: 'set NODE_ENV=production',
    });
  if (facts.apiInstances > 1 && !facts.redisConfigured)
    findings.push({
      setting: 'REDIS_URL',
      problem: `API_INSTANCES=${facts.apiInstances} without REDIS_URL: each process keeps its own rate-limit counters and no API process can list or retry jobs`,
      fix: 'set REDIS_URL=redis://… (shared by every process), or run one API process',
    });
  if (facts.anchorIntervalMs === 0)
    findings.push({
      setting: 'AUDIT_ANCHOR_INTERVAL_MS',
      problem:
        'is 0: the event log is never anchored, so deleting a whole stream with its row in streams goes undetected by audit verify',
      fix: 'unset it (every 60 s) or set a positive interval in milliseconds',
    });
  if (config.logLevel === 'trace')
    findings.push({
      setting: 'LOG_LEVEL',
      problem: 'trace logs far more than operations need, request details included',
      fix: 'set LOG_LEVEL=info (or warn)',
    });
  return findings;
};

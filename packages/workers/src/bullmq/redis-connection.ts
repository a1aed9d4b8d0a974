import { Redis } from 'ioredis';
import type { EngineLogger } from '@erpcore/projections';

/**
 * Where BullMQ keeps its keys: `<prefix>:<queueName>:…`. One queue carries every job name, so one
 * worker pool serves them all; the prefix separates deployments (and test files) on one Redis.
 */
export interface BullmqLocation {
  readonly redisUrl: string;
  /** Key prefix (QUEUE_PREFIX; default `erpcore`). */
  readonly prefix: string;
  /** Default `jobs`. */
  readonly queueName?: string;
}

export const defaultQueueName = 'jobs';

/** The host and port of a Redis URL, never its password: what a log line may show. */
export const redisTarget = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port === '' ? '6379' : u.port}`;
  } catch {
    return 'redis';
  }
};

/**
 * A Redis connection for BullMQ. Workers and QueueEvents block on Redis, and BullMQ requires
 * `maxRetriesPerRequest: null` for those; producers fail a command after a few retries instead of
 * waiting forever, so an API request answers even while Redis is away.
 *
 * ioredis reconnects on its own (backoff up to 2 s). With a logger, an outage is one `warn` line
 * when it starts and one `info` line when Redis answers again, not a line per retry; without an
 * error listener an unreachable Redis would crash the process.
 */
export const openRedis = (
  url: string,
  role: 'producer' | 'blocking',
  logger?: EngineLogger,
): Redis => {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'blocking' ? null : 3,
    connectionName: `erpcore-${role}`,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
  let away = false;
  redis.on('error', (error: unknown) => {
    if (away) return;
    away = true;
    logger?.warn(
      {
        redis: redisTarget(url),
        role,
        err: error instanceof Error ? error.message : String(error),
      },
      'Redis does not answer: background jobs wait and reconnect',
    );
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    logger?.info({ redis: redisTarget(url), role }, 'Redis answers again');
  });
  return redis;
};

/** Why `redis` is not usable now (a reason for readiness), or undefined when it answers PING. */
export const redisProblem = async (redis: Redis): Promise<string | undefined> => {
  if (redis.status !== 'ready') return `Redis is not connected (${redis.status})`;
  try {
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis does not answer: ${error instanceof Error ? error.message : String(error)}`;
  }
};

import { Redis } from 'ioredis';

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

/**
 * A Redis connection for BullMQ. Workers and QueueEvents block on Redis, and BullMQ requires
 * `maxRetriesPerRequest: null` for those; producers fail a command after a few retries instead of
 * waiting forever, so an API request answers even while Redis is away.
 */
export const openRedis = (url: string, role: 'producer' | 'blocking'): Redis =>
  new Redis(url, {
    maxRetriesPerRequest: role === 'blocking' ? null : 3,
    connectionName: `erpcore-${role}`,
  });

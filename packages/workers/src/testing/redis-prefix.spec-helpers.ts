import { Redis } from 'ioredis';
import { redisUrl } from '@erpcore/eventstore/testing';

/** A BullMQ key prefix of one test file, so files share one Redis and run in parallel. */
export const testPrefix = (name: string): string =>
  `test-${name}-${process.pid}-${Math.floor(Math.random() * 1e9)}`;

/** Deletes every key under `prefix` (run after the file's queues are closed). */
export const dropPrefix = async (prefix: string): Promise<void> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
};

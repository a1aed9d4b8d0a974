import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import { createBullmqJobQueue, createBullmqJobWorkers, defineJob, enqueueJob } from '../index.js';

/**
 * Issue 10, finding 11: with Redis away a worker process used to log nothing at warn. Now the
 * outage is one `warn` line, the runtime says why it is not ready, and once Redis answers (a
 * redis-server this test starts on a free port; the shared one is never touched) the workers
 * start and the runtime is ready again.
 */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });

const until = async (what: () => Promise<boolean> | boolean, tries = 400): Promise<void> => {
  for (let i = 0; i < tries; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never held');
};

const redisServerAvailable = await new Promise<boolean>((resolve) => {
  const probe = spawn('redis-server', ['--version']);
  probe.on('error', () => resolve(false));
  probe.on('exit', (code) => resolve(code === 0));
});

describe.skipIf(!redisServerAvailable)('background jobs while Redis is away', () => {
  let redis: ChildProcess | undefined;
  afterEach(() => {
    redis?.kill('SIGTERM');
    redis = undefined;
  });

  it('warns once, reports not ready, and recovers when Redis answers', async () => {
    const port = await freePort();
    const warns: string[] = [];
    const infos: string[] = [];
    const logger = {
      info: (_o: object, m?: string) => infos.push(m ?? ''),
      warn: (_o: object, m?: string) => warns.push(m ?? ''),
      error: (_o: object, m?: string) => warns.push(`error: ${m ?? ''}`),
    };
    const ran: number[] = [];
    const echo = defineJob({
      name: 'echo',
      payload: t.type({ n: t.number }),
      policy: { attempts: 1, backoff: { delayMs: 1, jitter: 0 }, timeoutMs: 5_000 },
      handle: async ({ n }) => void ran.push(n),
    });
    const location = { redisUrl: `redis://127.0.0.1:${port}`, prefix: `outage-${port}` };
    const queue = createBullmqJobQueue({ ...location, jobs: [echo], logger });
    const workers = createBullmqJobWorkers({ ...location, jobs: [echo], logger });
    let started = false;
    const starting = workers.start().then(() => (started = true));
    try {
      await until(() => warns.length > 0);
      expect(warns[0]).toContain('Redis does not answer');
      expect(await queue.problem?.()).toMatch(/Redis/);
      expect(started).toBe(false);
      redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await starting;
      await until(async () => (await queue.problem?.()) === undefined);
      await until(() => infos.some((m) => m.includes('Redis answers again')));
      await enqueueJob(queue, echo, { n: 7 }, { jobId: 'echo-7' });
      expect((await queue.settled('echo-7', 10_000)).state).toBe('completed');
      expect(ran).toEqual([7]);
      // One warn line per connection for the outage, not one per retry; nothing at error.
      expect(warns.filter((m) => m.startsWith('error'))).toEqual([]);
      expect(warns.length).toBeLessThanOrEqual(3);
    } finally {
      await workers.close();
      await queue.close();
    }
  }, 30_000);
});

import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import * as t from 'io-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '@erpcore/projections';
import { defineJob, type RetryPolicy, type RunnableJob } from './job-definition.js';
import { enqueueJob } from './enqueue-job.js';
import type { JobQueue, JobWorkers } from './job-queue.js';

/** A runner under test: its producer and its workers (the same object in process). */
export interface JobRunnerSubject {
  readonly queue: JobQueue;
  readonly workers: JobWorkers;
}

/**
 * Opens a runner for `jobs`. It must run one attempt at a time (concurrency 1) in FIFO order:
 * the duplicate-jobId case relies on it to know a second run would already have happened.
 */
export type OpenJobRunner = (jobs: readonly RunnableJob[]) => Promise<JobRunnerSubject>;

const settleMs = 20_000;
const fast: RetryPolicy = { attempts: 3, backoff: { delayMs: 10, jitter: 0.5 }, timeoutMs: 5_000 };
const KeyC = t.type({ key: t.string, failTimes: t.number });

/** The one suite every job runner passes (STYLE.md: one contract, every implementation). */
export const jobRunnerContract = (name: string, open: OpenJobRunner): void => {
  describe(`job runner contract: ${name}`, () => {
    const runs = new Map<string, number>();
    const aborted = new Set<string>();
    const count = (key: string): number => {
      const n = (runs.get(key) ?? 0) + 1;
      runs.set(key, n);
      return n;
    };
    const flaky = defineJob({
      name: 'flaky',
      payload: KeyC,
      policy: fast,
      handle: async ({ key, failTimes }) => {
        if (count(key) <= failTimes) throw new Error(`flaky failure ${runs.get(key)}`);
      },
    });
    const hangs = defineJob({
      name: 'hangs',
      payload: KeyC,
      policy: { ...fast, timeoutMs: 100 },
      handle: async ({ key, failTimes }, { signal }) => {
        if (count(key) > failTimes) return;
        // Never finishes on its own: only the timeout ends this attempt.
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted.add(key);
            resolve();
          }),
        );
        await new Promise<void>(() => undefined);
      },
    });
    const hopeless = defineJob({
      name: 'hopeless',
      payload: KeyC,
      policy: { ...fast, attempts: 5 },
      handle: async ({ key }) => {
        count(key);
        throw new UnrecoverableError('no retry can fix this');
      },
    });
    const patient = defineJob({
      name: 'patient',
      payload: KeyC,
      // A backoff far longer than the test: the job stays between attempts while it is looked at.
      policy: { attempts: 2, backoff: { delayMs: 600_000, jitter: 0 }, timeoutMs: 5_000 },
      handle: async ({ key, failTimes }) => {
        if (count(key) <= failTimes) throw new Error(`patient failure ${runs.get(key)}`);
      },
    });
    let subject: JobRunnerSubject;

    beforeAll(async () => {
      subject = await open([flaky, hangs, hopeless, patient]);
      await subject.workers.start();
    });
    afterAll(async () => {
      await subject?.workers.close();
      await subject?.queue.close();
    });

    const run = async (job: typeof flaky, failTimes: number) => {
      const key = randomUUID();
      await enqueueJob(subject.queue, job, { key, failTimes }, { jobId: key });
      return { key, info: await subject.queue.settled(key, settleMs) };
    };

    it('completes a job that succeeds', async () => {
      const { key, info } = await run(flaky, 0);
      expect(info).toMatchObject({
        id: key,
        name: 'flaky',
        state: 'completed',
        attempts: 1,
        lastError: null,
      });
      expect(info.payload).toEqual({ key, failTimes: 0 });
      expect(Number.isNaN(Date.parse(info.timestamp))).toBe(false);
      expect(runs.get(key)).toBe(1);
    });

    it('retries a failing job until it succeeds', async () => {
      const { key, info } = await run(flaky, 2);
      expect(info).toMatchObject({ state: 'completed', attempts: 3 });
      expect(info.lastError).toContain('flaky failure 2');
      expect(runs.get(key)).toBe(3);
    });

    it('fails for good after its attempts, keeping the last error, and lists it', async () => {
      const { key, info } = await run(flaky, 99);
      expect(info).toMatchObject({ state: 'failed', attempts: 3 });
      expect(info.lastError).toContain('flaky failure 3');
      expect(runs.get(key)).toBe(3);
      const page = await subject.queue.list('failed', { limit: 500 });
      const listed = page.items.find((j) => j.id === key);
      expect(listed).toMatchObject({ name: 'flaky', state: 'failed', attempts: 3 });
      expect(listed?.lastError).toContain('flaky failure 3');
      expect((await subject.queue.get(key))?.state).toBe('failed');
    });

    it('counts a timed-out attempt as failed and aborts its signal', async () => {
      const { key, info } = await run(hangs, 1);
      expect(info).toMatchObject({ state: 'completed', attempts: 2 });
      expect(info.lastError).toContain('timed out');
      expect(aborted.has(key)).toBe(true);
    });

    it('stops at the first UnrecoverableError', async () => {
      const { key, info } = await run(hopeless, 0);
      expect(info).toMatchObject({ state: 'failed', attempts: 1 });
      expect(info.lastError).toContain('no retry can fix this');
      expect(runs.get(key)).toBe(1);
    });

    it('fails a payload that does not decode at once, without calling the handler', async () => {
      const key = randomUUID();
      await subject.queue.enqueue({ name: 'flaky', data: { key, failTimes: 'two' }, jobId: key });
      const info = await subject.queue.settled(key, settleMs);
      expect(info).toMatchObject({ state: 'failed', attempts: 1 });
      expect(info.lastError).toContain('failTimes');
      expect(runs.has(key)).toBe(false);
    });

    it('runs a jobId once, however often it is enqueued', async () => {
      const key = randomUUID();
      const payload = { key, failTimes: 0 };
      await Promise.all(
        [1, 2, 3].map(() => enqueueJob(subject.queue, flaky, payload, { jobId: key })),
      );
      await subject.queue.settled(key, settleMs);
      await enqueueJob(subject.queue, flaky, payload, { jobId: key });
      // FIFO, one at a time: had the last enqueue added a job, it would run before this one ends.
      const { info: later } = await run(flaky, 0);
      expect(later.state).toBe('completed');
      expect(runs.get(key)).toBe(1);
      expect((await subject.queue.get(key))?.attempts).toBe(1);
    });

    it('pages lists with an opaque cursor and refuses one it did not hand out', async () => {
      await run(hopeless, 0);
      await run(hopeless, 0);
      const first = await subject.queue.list('failed', { limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await subject.queue.list('failed', {
        limit: 1,
        cursor: first.nextCursor ?? undefined,
      });
      expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
      await expect(
        subject.queue.list('failed', { limit: 1, cursor: 'bm9wZQ' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('lists a job between attempts as delayed, with its last error', async () => {
      const key = randomUUID();
      await enqueueJob(subject.queue, patient, { key, failTimes: 1 }, { jobId: key });
      const waitedUntil = Date.now() + settleMs;
      while ((await subject.queue.get(key))?.state !== 'delayed' && Date.now() < waitedUntil)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const page = await subject.queue.list('delayed', { limit: 500 });
      const listed = page.items.find((j) => j.id === key);
      expect(listed).toMatchObject({ name: 'patient', state: 'delayed', attempts: 1 });
      expect(listed?.lastError).toContain('patient failure 1');
    });

    it('retries a failed job on request with fresh attempts; refuses unknown and unfailed ones', async () => {
      const { key, info } = await run(flaky, 3);
      expect(info).toMatchObject({ state: 'failed', attempts: 3 });
      expect(await subject.queue.retry(key)).toBe('retried');
      const again = await subject.queue.settled(key, settleMs);
      expect(again).toMatchObject({ state: 'completed', attempts: 1 });
      expect(runs.get(key)).toBe(4);
      expect(await subject.queue.retry(key)).toBe('not_failed');
      expect(await subject.queue.retry(randomUUID())).toBe('not_found');
    });

    it('retries every failed job at once', async () => {
      const failed = [await run(flaky, 3), await run(flaky, 3)];
      for (const { info } of failed) expect(info.state).toBe('failed');
      // Other cases' failed jobs are retried too (and fail again): at least these two moved.
      expect(await subject.queue.retryAllFailed()).toBeGreaterThanOrEqual(2);
      for (const { key } of failed) {
        expect(await subject.queue.settled(key, settleMs)).toMatchObject({ state: 'completed' });
        expect(runs.get(key)).toBe(4);
      }
    });

    it('refuses a job name nobody registered', async () => {
      await expect(
        subject.queue.enqueue({ name: 'nope', data: {}, jobId: randomUUID() }),
      ).rejects.toThrow(/nope/);
    });
  });
};

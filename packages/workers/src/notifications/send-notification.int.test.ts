import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createInProcessJobRunner,
  type InProcessJobRunner,
} from '../in-process/in-process-job-runner.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { startWebhookServer, type WebhookServer } from '../testing/webhook-server.spec-helpers.js';
import type { Notification } from './notification.js';
import { notificationPolicy, sendNotificationJob } from './send-notification.job.js';

const notification = (): Notification => ({
  eventId: randomUUID(),
  type: 'OrderConfirmed',
  streamId: 'order-O-1',
  position: '1048577',
  occurredAt: '2024-05-01T10:00:00.000Z',
  data: { id: 'O-1', at: '2024-05-01T10:00:00.000Z' },
});

describe('send-notification', () => {
  let webhook: WebhookServer;
  let runner: InProcessJobRunner;
  // The production policy (4 attempts), with millisecond backoff so the file stays fast.
  const policy = { ...notificationPolicy, backoff: { delayMs: 5, jitter: 0.5 } };

  beforeAll(async () => {
    webhook = await startWebhookServer();
    const send = sendNotificationJob({ webhookUrl: webhook.url, httpTimeoutMs: 200, policy });
    runner = createInProcessJobRunner({ jobs: [send] });
    await runner.start();
  });
  afterEach(() => {
    webhook.received.length = 0;
  });
  afterAll(async () => {
    await runner.close();
    await webhook.close();
  });

  const send = async (n: Notification) => {
    const job = sendNotificationJob({ webhookUrl: webhook.url, policy });
    await enqueueJob(runner, job, n, { jobId: `notify-${n.eventId}` });
    return runner.settled(`notify-${n.eventId}`, 20_000);
  };

  it('POSTs the notification as JSON, retrying a failing webhook (3 retries)', async () => {
    webhook.script = (n) => (n <= 3 ? 503 : 200);
    const n = notification();
    const info = await send(n);
    expect(info).toMatchObject({ state: 'completed', attempts: 4 });
    expect(info.lastError).toContain('webhook answered 503');
    expect(webhook.received).toHaveLength(4);
    for (const post of webhook.received) {
      expect(post.body).toEqual(n);
      expect(post.headers['content-type']).toBe('application/json');
      expect(post.headers['idempotency-key']).toBe(n.eventId);
    }
  });

  it('gives up after 3 retries', async () => {
    webhook.script = () => 500;
    const info = await send(notification());
    expect(info).toMatchObject({ state: 'failed', attempts: 4 });
    expect(webhook.received).toHaveLength(4);
  });

  it('does not retry a 4xx other than 408/429', async () => {
    webhook.script = () => 400;
    const info = await send(notification());
    expect(info).toMatchObject({ state: 'failed', attempts: 1 });
    expect(info.lastError).toContain('webhook answered 400');
    expect(webhook.received).toHaveLength(1);
  });

  it('retries 408 and 429', async () => {
    webhook.script = (n) => (n === 1 ? 429 : n === 2 ? 408 : 200);
    const info = await send(notification());
    expect(info).toMatchObject({ state: 'completed', attempts: 3 });
  });

  it('times out a webhook that does not answer, and retries', async () => {
    webhook.script = (n) => (n === 1 ? 'hang' : 200);
    const info = await send(notification());
    expect(info).toMatchObject({ state: 'completed', attempts: 2 });
    expect(info.lastError).toContain('did not answer within 200 ms');
  });

  it('logs and succeeds when no webhook is configured', async () => {
    const logged: object[] = [];
    const logOnly = sendNotificationJob({ webhookUrl: null, policy });
    const quiet = createInProcessJobRunner({
      jobs: [logOnly],
      logger: { info: (o) => logged.push(o), warn: () => undefined, error: () => undefined },
    });
    await quiet.start();
    const n = notification();
    await enqueueJob(quiet, logOnly, n, { jobId: n.eventId });
    expect(await quiet.settled(n.eventId, 5_000)).toMatchObject({
      state: 'completed',
      attempts: 1,
    });
    expect(logged).toEqual([{ eventId: n.eventId, type: 'OrderConfirmed', streamId: 'order-O-1' }]);
    expect(webhook.received).toHaveLength(0);
    await quiet.close();
  });
});

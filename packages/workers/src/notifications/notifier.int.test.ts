import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import {
  createInProcessJobRunner,
  type InProcessJobRunner,
} from '../in-process/in-process-job-runner.js';
import type { EnqueueRequest, JobQueue } from '../jobs/job-queue.js';
import { startWebhookServer, type WebhookServer } from '../testing/webhook-server.spec-helpers.js';
import { notificationJobId, type Notification } from './notification.js';
import { createNotifier } from './notifier.js';
import { migrateNotifier, readNotifierCheckpoint } from './notifier-checkpoint.js';
import { notificationPolicy, sendNotificationJob } from './send-notification.job.js';

const up = await postgresAvailable();

const metadata = {
  actor: 'tester',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2024-05-01T10:00:00.000Z',
  schemaVersion: 1,
};

describe.skipIf(!up)('notifier', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  let webhook: WebhookServer;
  let runner: InProcessJobRunner;
  /** Every enqueue the notifier attempted, in order; the first `failures` of them throw. */
  const attempts: EnqueueRequest[] = [];
  let failures = 0;
  let onEnqueue = (): void => undefined;
  let queue: JobQueue;

  const append = async (streamId: string, type: string, data: unknown) => {
    const eventId = randomUUID();
    const { position } = await store.appendToStream(streamId, [{ eventId, type, data, metadata }], {
      expectedRevision: 'any',
    });
    return { eventId, position };
  };
  const attemptsAtLeast = (n: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (attempts.length >= n) resolve();
      };
      onEnqueue = check;
      check();
    });
  const sentEventIds = (): string[] =>
    webhook.received.map((r) => (r.body as Notification).eventId);

  beforeAll(async () => {
    schema = await createTestSchema('notifier');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client, { pollIntervalMs: 50 });
    webhook = await startWebhookServer();
    const policy = { ...notificationPolicy, backoff: { delayMs: 5, jitter: 0.5 } };
    runner = createInProcessJobRunner({
      jobs: [sendNotificationJob({ webhookUrl: webhook.url, policy })],
    });
    await runner.start();
    queue = {
      ...runner,
      enqueue: async (request) => {
        attempts.push(request);
        onEnqueue();
        if (attempts.length <= failures) throw new Error('redis away');
        await runner.enqueue(request);
      },
    };
  });
  afterAll(async () => {
    await runner?.close();
    await webhook?.close();
    await store?.close();
    await client?.close();
    await schema?.drop();
  });

  it('notifies sales events after its checkpoint once each, across restarts and replays', async () => {
    const before = await append('order-OLD', 'OrderConfirmed', { id: 'OLD', at: 'x' });
    await migrateNotifier(client, store);
    await migrateNotifier(client, store); // idempotent: the checkpoint stays where it was
    const installedAt = await readNotifierCheckpoint(client);
    expect(installedAt).toBe(before.position);

    failures = 2; // the first enqueue fails twice (Redis away): retried, never skipped
    const first = createNotifier({ store, client, queue, retryMs: 5 });
    first.start();
    const confirmed = await append('order-O-1', 'OrderConfirmed', { id: 'O-1', at: 'x' });
    await append('customer-C-1', 'CustomerRegistered', { id: 'C-1', name: 'Ada', phone: null });
    const paid = await append('customer-C-1', 'PaymentRecorded', {
      customerId: 'C-1',
      paymentId: 'P-1',
      amount: '10.00',
      balanceAfter: '0.00',
      at: 'x',
    });
    await attemptsAtLeast(4);
    await runner.settled(notificationJobId(paid.eventId), 20_000);
    await first.stop();
    expect(attempts.map((a) => a.jobId)).toEqual([
      notificationJobId(confirmed.eventId),
      notificationJobId(confirmed.eventId),
      notificationJobId(confirmed.eventId),
      notificationJobId(paid.eventId),
    ]);
    expect(attempts[0]).toMatchObject({
      name: 'send-notification',
      data: {
        type: 'OrderConfirmed',
        streamId: 'order-O-1',
        position: confirmed.position.toString(),
        data: { id: 'O-1', at: 'x' },
      },
    });
    expect(await readNotifierCheckpoint(client)).toBe(paid.position);

    // A crash that lost the checkpoint: the replay enqueues again, and the jobIds absorb it.
    await client.query('update notifier_checkpoints set position = $1', [installedAt.toString()]);
    const second = createNotifier({ store, client, queue, retryMs: 5 });
    second.start();
    const delivered = await append('order-O-1', 'OrderDelivered', {
      id: 'O-1',
      total: '10.00',
      journalEntryId: null,
      at: 'x',
    });
    await attemptsAtLeast(7);
    await runner.settled(notificationJobId(delivered.eventId), 20_000);
    await second.stop();
    expect(attempts.slice(4).map((a) => a.jobId)).toEqual([
      notificationJobId(confirmed.eventId),
      notificationJobId(paid.eventId),
      notificationJobId(delivered.eventId),
    ]);
    expect(sentEventIds().sort()).toEqual(
      [confirmed.eventId, paid.eventId, delivered.eventId].sort(),
    );
    expect(sentEventIds()).not.toContain(before.eventId);
  });
});

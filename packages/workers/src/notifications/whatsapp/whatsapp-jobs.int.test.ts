import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, type SqlClient, type StoredEvent } from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import { createReadDb, migrateReadModels, salesProjections } from '@erpcore/projections';
import {
  createInProcessJobRunner,
  type InProcessJobRunner,
} from '../../in-process/in-process-job-runner.js';
import {
  startWebhookServer,
  type WebhookServer,
} from '../../testing/webhook-server.spec-helpers.js';
import { notificationPolicy } from '../send-notification.job.js';
import { loadWhatsappConfig, type WhatsappConfig } from './whatsapp-config.js';
import { whatsappJobs, whatsappOrderRequest } from './whatsapp-jobs.js';

const up = await postgresAvailable();
const token = 'EAAG-secret-token-0123456789';

const orderEvent = (type: string, orderId: string): StoredEvent => ({
  eventId: randomUUID(),
  streamId: `order-${orderId}`,
  type,
  revision: 1n,
  position: 10n,
  data: { id: orderId, at: '2026-12-01T09:00:00.000Z' },
  metadata: {
    actor: 't',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2026-12-01T09:00:00.000Z',
    schemaVersion: 1,
  },
});

describe('WhatsApp configuration', () => {
  it('is off without a phone number id and token, and needs both', () => {
    expect(loadWhatsappConfig({})).toBeNull();
    expect(() => loadWhatsappConfig({ WHATSAPP_ACCESS_TOKEN: token })).toThrow(/go together/);
    const config = loadWhatsappConfig({
      WHATSAPP_PHONE_NUMBER_ID: '1055',
      WHATSAPP_ACCESS_TOKEN: token,
      WHATSAPP_LANGUAGE: 'es_AR',
    });
    expect(config).toMatchObject({
      apiUrl: 'https://graph.facebook.com/v21.0',
      language: 'es_AR',
      templates: { orderConfirmed: 'order_confirmed', debtReminder: 'debt_reminder' },
    });
  });

  it('names a bad variable without printing its value', () => {
    expect(() =>
      loadWhatsappConfig({ WHATSAPP_PHONE_NUMBER_ID: '1055', WHATSAPP_ACCESS_TOKEN: 'short tok' }),
    ).toThrow(/WHATSAPP_ACCESS_TOKEN/);
    try {
      loadWhatsappConfig({ WHATSAPP_PHONE_NUMBER_ID: 'x', WHATSAPP_ACCESS_TOKEN: 'short tok' });
    } catch (error) {
      expect(String(error)).not.toContain('short tok');
    }
  });
});

describe.skipIf(!up)('WhatsApp channel (local stand-in for the Cloud API)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let api: WebhookServer;
  let runner: InProcessJobRunner;
  let config: WhatsappConfig;
  let jobs: ReturnType<typeof whatsappJobs>;

  const addOrder = async (orderId: string, customerId: string, total: string) =>
    client.query(
      `insert into order_list (id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id,
         status, total, items, created_at, updated_at, position)
       values ($1, $2, 'n', 'B', 'S', 'W', 'confirmed', $3, '[]', now(), now(), 1)`,
      [orderId, customerId, total],
    );
  const addCustomer = async (id: string, name: string, phone: string | null, balance: string) =>
    client.query(
      'insert into customer_balances (id, name, phone, balance, position) values ($1, $2, $3, $4, 1)',
      [id, name, phone, balance],
    );
  const runOrder = async (type: string, orderId: string) => {
    const request = whatsappOrderRequest(orderEvent(type, orderId));
    if (request === undefined) throw new Error('no request');
    await runner.enqueue(request);
    return runner.settled(request.jobId, 20_000);
  };

  beforeAll(async () => {
    schema = await createTestSchema('whatsapp');
    client = createPgClient({ pool: schema.pool });
    const db = createReadDb(client);
    await migrateReadModels(db, salesProjections);
    api = await startWebhookServer();
    const loaded = loadWhatsappConfig({
      WHATSAPP_API_URL: api.url.replace(/\/hook$/, '/v21.0'),
      WHATSAPP_PHONE_NUMBER_ID: '1055',
      WHATSAPP_ACCESS_TOKEN: token,
      WHATSAPP_LANGUAGE: 'es_AR',
    });
    if (loaded === null) throw new Error('no config');
    config = loaded;
    jobs = whatsappJobs({
      config,
      client,
      queue: () => runner,
      policy: { ...notificationPolicy, backoff: { delayMs: 5, jitter: 0.5 } },
      // Long enough for a loaded machine to answer; only the hang case waits it out.
      httpTimeoutMs: 2_000,
      now: () => new Date('2026-12-01T08:00:00Z'),
    });
    runner = createInProcessJobRunner({ jobs: [jobs.order, jobs.send, jobs.reminders] });
    await runner.start();
    await addCustomer('C-1', 'Ada', '+54 9 11 5555-0001', '120.50');
    await addCustomer('C-2', 'Bob', null, '30.00');
    await addCustomer('C-3', 'Cy', '+54 9 11 5555-0003', '0.00');
    await addOrder('O-1', 'C-1', '120.50');
    await addOrder('O-2', 'C-2', '30.00');
  });
  afterEach(() => {
    api.received.length = 0;
    api.script = () => 200;
  });
  afterAll(async () => {
    await runner?.close();
    await api?.close();
    await client?.close();
    await schema?.drop();
  });

  it('sends the confirmed-order template to the customer’s phone', async () => {
    const info = await runOrder('OrderConfirmed', 'O-1');
    expect(info).toMatchObject({ state: 'completed', attempts: 1 });
    expect(api.received).toHaveLength(1);
    const [post] = api.received;
    expect(post?.url).toBe('/v21.0/1055/messages');
    expect(post?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(post?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5491155550001',
      type: 'template',
      template: {
        name: 'order_confirmed',
        language: { code: 'es_AR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ada' },
              { type: 'text', text: 'O-1' },
              { type: 'text', text: '120.50' },
            ],
          },
        ],
      },
    });
  });

  it('uses the delivered template, and retries 429, 5xx and a hang', async () => {
    api.script = (n) => (n === 1 ? 429 : n === 2 ? 503 : n === 3 ? 'hang' : 200);
    const info = await runOrder('OrderDelivered', 'O-1');
    expect(info).toMatchObject({ state: 'completed', attempts: 4 });
    expect(info.lastError).toContain('WhatsApp API did not answer within 2000 ms');
    expect(
      api.received.map((r) => (r.body as { template: { name: string } }).template.name),
    ).toEqual(['order_delivered', 'order_delivered', 'order_delivered', 'order_delivered']);
  });

  it('does not retry a permanent 4xx, and never shows the token', async () => {
    api.script = () => 400;
    const info = await runOrder('OrderConfirmed', 'O-1');
    expect(info).toMatchObject({ state: 'failed', attempts: 1 });
    expect(info.lastError).toContain('WhatsApp API answered 400');
    expect(JSON.stringify(info)).not.toContain(token);
    expect(api.received).toHaveLength(1);
  });

  it('sends nothing to a customer without a phone, and ignores other events', async () => {
    expect(await runOrder('OrderConfirmed', 'O-2')).toMatchObject({ state: 'completed' });
    expect(api.received).toHaveLength(0);
    expect(whatsappOrderRequest(orderEvent('OrderCancelled', 'O-1'))).toBeUndefined();
  });

  it('reminds each customer who owes money once a day', async () => {
    for (const run of ['r-1', 'r-2']) {
      await runner.enqueue({ name: jobs.reminders.name, data: {}, jobId: run });
      expect(await runner.settled(run, 20_000)).toMatchObject({ state: 'completed' });
    }
    const sent = await runner.settled('whatsapp-debt-C-1-2026-12-01', 20_000);
    expect(sent).toMatchObject({ state: 'completed', attempts: 1 });
    // Bob has no phone, Cy owes nothing; the second run meets the day's job id and adds none.
    expect(await runner.get('whatsapp-debt-C-2-2026-12-01')).toBeUndefined();
    expect(await runner.get('whatsapp-debt-C-3-2026-12-01')).toBeUndefined();
    expect(api.received).toHaveLength(1);
    expect(api.received[0]?.body).toMatchObject({
      to: '5491155550001',
      template: {
        name: 'debt_reminder',
        components: [{ parameters: [{ text: 'Ada' }, { text: '120.50' }] }],
      },
    });
  });
});

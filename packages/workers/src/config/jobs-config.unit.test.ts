import { describe, expect, it } from 'vitest';
import { defaultJobsConfig, JobsConfigError, loadJobsConfig } from './jobs-config.js';

describe('loadJobsConfig', () => {
  it('defaults to the in-process runner with notifications logged only', () => {
    expect(loadJobsConfig({ REDIS_URL: '', UNRELATED: 'x' })).toEqual(defaultJobsConfig);
  });

  it('reads every variable', () => {
    expect(
      loadJobsConfig({
        REDIS_URL: 'redis://127.0.0.1:6379/2',
        QUEUE_PREFIX: 'shop-1',
        NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/erp',
        LAG_ALERT_EVENTS: '250',
        JOB_CONCURRENCY: '8',
        WHATSAPP_API_URL: 'https://graph.example.com/v21.0',
        WHATSAPP_PHONE_NUMBER_ID: '1055',
        WHATSAPP_ACCESS_TOKEN: 'EAAG-token-0123456789',
        WHATSAPP_TEMPLATE_ORDER_CONFIRMED: 'pedido_confirmado',
        WHATSAPP_TEMPLATE_ORDER_DELIVERED: 'pedido_entregado',
        WHATSAPP_TEMPLATE_DEBT_REMINDER: 'deuda_vencida',
        WHATSAPP_LANGUAGE: 'es_AR',
        AUDIT_ANCHOR_INTERVAL_MS: '300000',
      }),
    ).toEqual({
      redisUrl: 'redis://127.0.0.1:6379/2',
      queuePrefix: 'shop-1',
      notifyWebhookUrl: 'https://hooks.example.com/erp',
      lagAlertEvents: 250,
      jobConcurrency: 8,
      whatsapp: {
        apiUrl: 'https://graph.example.com/v21.0',
        phoneNumberId: '1055',
        accessToken: 'EAAG-token-0123456789',
        templates: {
          orderConfirmed: 'pedido_confirmado',
          orderDelivered: 'pedido_entregado',
          debtReminder: 'deuda_vencida',
        },
        language: 'es_AR',
      },
      anchorIntervalMs: 300_000,
    });
  });

  it('anchors every minute unless told otherwise; 0 turns anchoring off', () => {
    expect(defaultJobsConfig.anchorIntervalMs).toBe(60_000);
    expect(loadJobsConfig({ AUDIT_ANCHOR_INTERVAL_MS: '0' }).anchorIntervalMs).toBe(0);
  });

  it('refuses invalid values, naming the variable and never echoing it', () => {
    const attempt = (env: Record<string, string>) => () => loadJobsConfig(env);
    expect(attempt({ REDIS_URL: 'http://secret@h' })).toThrow(JobsConfigError);
    expect(attempt({ REDIS_URL: 'http://secret@h' })).not.toThrow(/secret/);
    expect(attempt({ QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
    expect(attempt({ NOTIFY_WEBHOOK_URL: 'ftp://x' })).toThrow(/NOTIFY_WEBHOOK_URL/);
    expect(attempt({ JOB_CONCURRENCY: '0' })).toThrow(/JOB_CONCURRENCY/);
    expect(attempt({ LAG_ALERT_EVENTS: '1e3' })).toThrow(/LAG_ALERT_EVENTS/);
    expect(attempt({ AUDIT_ANCHOR_INTERVAL_MS: '-1' })).toThrow(/AUDIT_ANCHOR_INTERVAL_MS/);
    expect(attempt({ AUDIT_ANCHOR_INTERVAL_MS: '86400001' })).toThrow(/AUDIT_ANCHOR_INTERVAL_MS/);
    expect(attempt({ WHATSAPP_ACCESS_TOKEN: 'secret-token-0123456789' })).toThrow(/go together/);
    expect(attempt({ WHATSAPP_ACCESS_TOKEN: 'secret-token-0123456789' })).not.toThrow(/secret/);
  });
});

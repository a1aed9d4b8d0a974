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
      }),
    ).toEqual({
      redisUrl: 'redis://127.0.0.1:6379/2',
      queuePrefix: 'shop-1',
      notifyWebhookUrl: 'https://hooks.example.com/erp',
      lagAlertEvents: 250,
      jobConcurrency: 8,
    });
  });

  it('refuses invalid values, naming the variable and never echoing it', () => {
    const attempt = (env: Record<string, string>) => () => loadJobsConfig(env);
    expect(attempt({ REDIS_URL: 'http://secret@h' })).toThrow(JobsConfigError);
    expect(attempt({ REDIS_URL: 'http://secret@h' })).not.toThrow(/secret/);
    expect(attempt({ QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
    expect(attempt({ NOTIFY_WEBHOOK_URL: 'ftp://x' })).toThrow(/NOTIFY_WEBHOOK_URL/);
    expect(attempt({ JOB_CONCURRENCY: '0' })).toThrow(/JOB_CONCURRENCY/);
    expect(attempt({ LAG_ALERT_EVENTS: '1e3' })).toThrow(/LAG_ALERT_EVENTS/);
  });
});

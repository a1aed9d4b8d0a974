import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config.js';
import { deployFindings, listenRefusal, listensOnAllInterfaces } from './deploy-checks.js';

const facts = { redisConfigured: false, apiInstances: 1, anchorIntervalMs: 60_000 };

const production = {
  ...defaultConfig,
  nodeEnv: 'production' as const,
  apiKeys: [{ name: 'ops', role: 'admin' as const, key: 'k'.repeat(32) }],
};

describe('deploy checks', () => {
  it.each(['0.0.0.0', '::', '[::]'])('knows %s listens on every interface', (host) => {
    expect(listensOnAllInterfaces(host)).toBe(true);
    expect(listenRefusal({ ...production, host })).toContain('ALLOWED_HOSTS');
    expect(
      listenRefusal({ ...production, host, allowedHosts: ['erp.example.com'] }),
    ).toBeUndefined();
    expect(listenRefusal({ ...production, host, nodeEnv: 'development' })).toBeUndefined();
  });

  it('lets production listen on one interface', () => {
    expect(listensOnAllInterfaces('127.0.0.1')).toBe(false);
    expect(listenRefusal({ ...production, host: '10.0.0.5' })).toBeUndefined();
  });

  it('finds nothing in a safe configuration; a 32-character key is long enough', () => {
    expect(deployFindings(production, facts)).toEqual([]);
  });

  it('needs REDIS_URL only for several API processes', () => {
    const several = deployFindings(production, { ...facts, apiInstances: 2 });
    expect(several.map((f) => f.setting)).toEqual(['REDIS_URL']);
    expect(
      deployFindings(production, { ...facts, redisConfigured: true, apiInstances: 2 }),
    ).toEqual([]);
  });

  it('finds the log never anchored when AUDIT_ANCHOR_INTERVAL_MS is 0', () => {
    const off = deployFindings(production, { ...facts, anchorIntervalMs: 0 });
    expect(off.map((f) => f.setting)).toEqual(['AUDIT_ANCHOR_INTERVAL_MS']);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual(defaultConfig);
  });

  it('decodes every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      ERP_DATA_DIR: '/var/lib/erpcore',
      DATABASE_URL: 'postgres://erp@db:5432/erp',
      ERP_API_KEYS: 'ops:admin:aaaaaaaaaaaaaaaa, clerk:operator:bbbbbbbbbbbbbbbb',
      ALLOWED_HOSTS: 'erp.example.com,localhost:3000',
      CORS_ORIGINS: 'https://app.example.com',
      RATE_LIMIT_MAX: '100',
      RATE_LIMIT_WINDOW_MS: '1000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://erp@db:5432/erp',
      apiKeys: [
        { name: 'ops', role: 'admin', key: 'aaaaaaaaaaaaaaaa' },
        { name: 'clerk', role: 'operator', key: 'bbbbbbbbbbbbbbbb' },
      ],
      allowedHosts: ['erp.example.com', 'localhost:3000'],
      corsOrigins: ['https://app.example.com'],
      rateLimitMax: 100,
      logLevel: 'warn',
    });
  });

  it('names every invalid variable instead of falling back to a default', () => {
    const attempt = () =>
      loadConfig({
        PORT: '30o0',
        LOG_LEVEL: 'verbose',
        ERP_API_KEYS: 'ops:root:aaaaaaaaaaaaaaaa',
        CORS_ORIGINS: '*',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const text = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'LOG_LEVEL', 'ERP_API_KEYS', 'CORS_ORIGINS'])
        expect(text).toContain(name);
    }
  });

  it('EVENTSTORE_URL: a KurrentDB/EventStoreDB connection string, only beside DATABASE_URL', () => {
    const db = 'postgres://erp@db:5432/erp';
    for (const url of [
      'kurrentdb://127.0.0.1:2113?tls=false',
      'esdb://admin:changeit@node1:2113',
      'kurrentdb+discover://node1:2113,node2:2113,node3:2113',
    ])
      expect(loadConfig({ DATABASE_URL: db, EVENTSTORE_URL: url }).eventStoreUrl).toBe(url);
    expect(() => loadConfig({ DATABASE_URL: db, EVENTSTORE_URL: 'postgres://x/y' })).toThrow(
      /EVENTSTORE_URL/,
    );
    // An invalid value is named, its password never printed.
    for (const bad of ['esdb:/admin:s3cret@x', 'http://admin:s3cret@x', 'postgres://a:s3cret@h/d'])
      expect(() => loadConfig({ DATABASE_URL: db, EVENTSTORE_URL: bad })).toThrow(
        /^(?![\s\S]*s3cret)[\s\S]*EVENTSTORE_URL="[a-z]+:\/*\*\*\*@/,
      );
    expect(() => loadConfig({ EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113' })).toThrow(
      /EVENTSTORE_URL: needs DATABASE_URL/,
    );
  });

  it('refuses production without API keys, and duplicate keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ERP_API_KEYS: required/);
    expect(() =>
      loadConfig({ ERP_API_KEYS: 'a:admin:aaaaaaaaaaaaaaaa,b:auditor:aaaaaaaaaaaaaaaa' }),
    ).toThrow(/unique/);
  });

  // Issue 10, finding 6.
  it('NODE_ENV in any case is that environment: Production requires keys like production', () => {
    for (const value of ['Production', 'PRODUCTION', 'production'])
      expect(() => loadConfig({ NODE_ENV: value })).toThrow(/ERP_API_KEYS: required/);
    expect(loadConfig({ NODE_ENV: 'TEST' }).nodeEnv).toBe('test');
    expect(loadConfig({ NODE_ENV: 'Development' }).nodeEnv).toBe('development');
  });

  it('refuses any other NODE_ENV (spaces included) with a message naming it', () => {
    for (const value of [' production', 'prod', 'staging', 'production '])
      expect(() => loadConfig({ NODE_ENV: value })).toThrow(
        /NODE_ENV=.*must be development, test or production/,
      );
  });

  it('never prints a secret: a bad ERP_API_KEYS entry is named by position, valid keys stay hidden', () => {
    const valid = 'ops:admin:s3cretvalidkey-0123456789';
    const bad = 'clerk:boss:an0therSecretKey-987654';
    let message = '';
    try {
      loadConfig({
        ERP_API_KEYS: `${valid},${bad}`,
        DATABASE_URL: 'mysql://u:pa55word@h/db',
        PORT: 'x',
      });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('ERP_API_KEYS (entry 2)');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('PORT="x"');
    for (const secret of ['s3cretvalidkey', 'an0therSecretKey', 'pa55word'])
      expect(message).not.toContain(secret);
  });
});

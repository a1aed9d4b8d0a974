import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from './config.js';
import { httpServerTimeouts } from './http-server-options.js';

describe('HTTP deadlines, Redis and failed-authentication settings', () => {
  it('decodes them, with the documented defaults', () => {
    const config = loadConfig({
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '8000',
      REDIS_URL: 'redis://127.0.0.1:6379',
      AUTH_FAILURE_MAX: '5',
    });
    expect(config).toMatchObject({
      httpHeadersTimeoutMs: 2000,
      httpRequestTimeoutMs: 8000,
      httpIdleTimeoutMs: defaultConfig.httpIdleTimeoutMs,
      redisUrl: 'redis://127.0.0.1:6379',
      rateLimitPrefix: 'erpcore-rate-limit:',
      authFailureMax: 5,
    });
    expect(httpServerTimeouts(config)).toMatchObject({
      requestTimeout: 8000,
      http: { headersTimeout: 2000, connectionsCheckingInterval: 500 },
    });
    expect(loadConfig({}).redisUrl).toBeNull();
  });

  it('refuses a headers deadline longer than the request deadline, and bad values', () => {
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '9000', HTTP_REQUEST_TIMEOUT_MS: '8000' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ RATE_LIMIT_PREFIX: 'has space' })).toThrow(/RATE_LIMIT_PREFIX/);
  });
});

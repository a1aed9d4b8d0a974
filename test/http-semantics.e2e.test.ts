import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

// 405 with Allow, WWW-Authenticate on 401, 415 for non-JSON bodies (API.md's error table).
let backend: TestBackend;
let open: TestServer;
let guarded: TestServer;
beforeAll(async () => {
  backend = await openTestBackend('postgres', 'http_semantics');
  open = await serveApp(backend);
  guarded = await serveApp(backend, {
    apiKeys: [{ name: 'ops', role: 'operator', key: 'k-operator-0123456789' }],
  });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await backend?.close();
});

describe('HTTP semantics', () => {
  it('answers a known path with another method 405 and lists the methods in Allow', async () => {
    const del = await call(open, 'DELETE', '/v1/warehouses');
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(del.body).toEqual({
      error: {
        code: 'method_not_allowed',
        message: expect.stringContaining('GET, HEAD, OPTIONS, POST') as string,
        details: [],
      },
    });

    const confirm = await call(open, 'GET', '/v1/orders/O-1/confirm');
    expect(confirm.status).toBe(405);
    expect(confirm.headers.get('allow')).toBe('OPTIONS, POST');

    const put = await call(open, 'PUT', '/v1/products/P-1', { name: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');

    const unknown = await call(open, 'GET', '/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('allow')).toBeNull();
    const deeper = await call(open, 'POST', '/v1/orders/O-1/confirm/again');
    expect(deeper.status).toBe(404);
  });

  it('needs no key for a 405 (an unknown route reveals nothing either)', async () => {
    const answer = await call(guarded, 'PATCH', '/v1/orders');
    expect(answer.status).toBe(405);
  });

  it('sets WWW-Authenticate: Bearer on every 401', async () => {
    const missing = await call(guarded, 'GET', '/v1/warehouses');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call(
      guarded,
      'POST',
      '/v1/warehouses',
      { id: 'W', name: 'W' },
      {
        authorization: 'Bearer not-a-key',
      },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.body).toMatchObject({ error: { code: 'unauthorized' } });

    const ok = await call(guarded, 'GET', '/v1/warehouses', undefined, {
      authorization: 'Bearer k-operator-0123456789',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('www-authenticate')).toBeNull();
  });

  it('answers a text/plain (or any non-JSON) body 415 unsupported_media_type', async () => {
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml']) {
      const answer = await call(open, 'POST', '/v1/warehouses', '{"id":"W-415","name":"W"}', {
        'content-type': type,
      });
      expect(answer.status).toBe(415);
      expect(answer.body).toEqual({
        error: {
          code: 'unsupported_media_type',
          message: expect.any(String) as string,
          details: [],
        },
      });
    }
    // Nothing was created by the refused requests.
    const created = await call(open, 'POST', '/v1/warehouses', { id: 'W-415', name: 'W' });
    expect(created.status).toBe(201);
  });

  it('names the rule in validation messages, not the codec', async () => {
    const answer = await call(open, 'POST', '/v1/stock/receipts', {
      productId: 'bad id',
      warehouseId: 'W-415',
      quantity: '5.1234',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: {
        code: 'validation_failed',
        details: expect.arrayContaining([
          { path: 'body.productId', message: 'must be 1–64 characters from A–Z a–z 0–9 _ . -' },
          { path: 'body.quantity', message: 'at most 3 decimal places' },
        ]) as unknown,
      },
    });
    const list = await call(open, 'GET', '/v1/orders?status=shipped');
    expect(list.body).toMatchObject({
      error: {
        details: [
          {
            path: 'query.status',
            message: 'must be one of pending, confirmed, delivered, cancelled',
          },
        ],
      },
    });
  });
});

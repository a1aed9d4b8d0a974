import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchChecked,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

/**
 * Issue 10, findings 9 and 12: deadlines on headers, bodies and whole requests (408 in the
 * envelope), Node-level errors in the envelope, `nosniff` and `no-store`, and a 413 that a
 * client still sending its body can read. Short deadlines so the file takes seconds.
 */

let backend: TestBackend;
let server: TestServer;
beforeAll(async () => {
  backend = await openTestBackend('pglite', 'http_hardening');
  server = await serveApp(backend, {
    httpHeadersTimeoutMs: 600,
    httpRequestTimeoutMs: 1200,
    httpIdleTimeoutMs: 5000,
  });
});
afterAll(async () => {
  await server?.close();
  await backend?.close();
});

const port = (): number => Number(new URL(server.url).port);

/** Opens a raw socket; `received` resolves with everything the server sent once it closes. */
const rawSocket = (): { socket: Socket; received: Promise<string> } => {
  const socket = connect(port(), '127.0.0.1');
  const received = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
  return { socket, received };
};

const bodyOf = (response: string): unknown =>
  JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('deadlines', () => {
  it('cuts a body that trickles in one byte at a time, answering 408 in the envelope', async () => {
    const { socket, received } = rawSocket();
    const body = JSON.stringify({ id: 'W-trickle', name: 'slow' });
    socket.write(
      `POST /v1/warehouses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let sent = 0;
    // One byte every 150 ms would take ~5 s; the request deadline is 1.2 s.
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= body.length) return clearInterval(timer);
      socket.write(body[sent] ?? '');
      sent += 1;
    }, 150);
    const response = await received;
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(bodyOf(response)).toEqual({
      error: { code: 'request_timeout', message: expect.any(String) as string, details: [] },
    });
  });

  it('cuts headers that never finish, answering 408', async () => {
    const { socket, received } = rawSocket();
    socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write('X-Slow: y\r\n');
    }, 150);
    const response = await received;
    clearInterval(timer);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(response)).toMatchObject({ error: { code: 'request_timeout' } });
  });
});

describe('Node-level errors in the envelope', () => {
  it('431 for headers over the limit', async () => {
    const { socket, received } = rawSocket();
    socket.write(
      `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    const response = await received;
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(response)).toEqual({
      error: { code: 'headers_too_large', message: expect.any(String) as string, details: [] },
    });
  });

  it('400 for a request that is not HTTP', async () => {
    const { socket, received } = rawSocket();
    socket.write('NOT HTTP AT ALL\r\n\r\n');
    const response = await received;
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(response)).toMatchObject({ error: { code: 'bad_request', details: [] } });
  });
});

describe('response headers', () => {
  it('nosniff and no-store on answers, errors included', async () => {
    for (const [method, path] of [
      ['GET', '/health/live'],
      ['GET', '/v1/warehouses'],
      ['GET', '/v1/nothing-here'],
      ['POST', '/v1/warehouses'],
    ] as const) {
      const response = await fetchChecked(server, path, {
        method,
        ...(method === 'POST'
          ? { headers: { 'content-type': 'application/json' }, body: '{' }
          : {}),
      });
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    // The docs' static assets keep the caching they set, and still say nosniff.
    const asset = await fetch(`${server.url}/docs/static/swagger-ui.css`);
    await asset.arrayBuffer();
    expect(asset.status).toBe(200);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('413 while the client is still sending', () => {
  const twoMiB = 2 * 1024 * 1024;

  it('a 2 MiB body with its length: the client reads the 413 envelope', async () => {
    const response = await fetchChecked(server, '/v1/warehouses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'W', name: 'x'.repeat(twoMiB) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('a 2 MiB body streamed in chunks (no length): the client reads the 413 envelope', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= twoMiB) return controller.close();
        // Slow enough that the server answers long before the client is done sending.
        await new Promise((r) => setTimeout(r, 5));
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/v1/warehouses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    // The connection survived the drain: the next request on the same server answers.
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });

  it('the server reads the rest of a refused body instead of resetting the connection', async () => {
    const socket = connect(port(), '127.0.0.1');
    let text = '';
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', (error) => (failure = error));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v1/warehouses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${twoMiB}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < twoMiB && failure === undefined; sent += chunk.length) {
      if (socket.destroyed) break;
      await new Promise<void>((resolve) => socket.write(chunk, () => resolve()));
      // Give the server time to answer and (before this fix) close while we still send.
      if (sent === 0) await new Promise((r) => setTimeout(r, 200));
    }
    socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await closed;
    expect(failure).toBeUndefined();
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('payload_too_large');
    expect(text).toMatch(/HTTP\/1\.1 200 /);
  });
});

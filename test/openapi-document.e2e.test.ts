import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './support/test-server.js';

interface Operation {
  readonly operationId?: string;
  readonly 'x-erpcore-role'?: string;
  readonly tags?: string[];
  readonly security?: unknown[];
  readonly parameters?: { in: string; name: string; schema: Record<string, unknown> }[];
  readonly requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  readonly responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, unknown> };
  readonly servers: unknown[];
  readonly tags: { name: string; description?: string }[];
}

let server: TestServer;
let document: Document;
beforeAll(async () => {
  server = await startTestServer('postgres', 'openapi_document');
  document = (await call(server, 'GET', '/docs/json')).body as Document;
});
afterAll(async () => {
  await server?.close();
});

const operation = (path: string, method: string): Operation => {
  const found = document.paths[path]?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path}`);
  return found;
};

describe('the OpenAPI document', () => {
  it('documents bodies, statuses, errors and security from the codecs', () => {
    const create = operation('/v1/warehouses', 'post');
    expect(create.operationId).toBe('createWarehouse');
    expect(create.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: { id: { pattern: '^[A-Za-z0-9_.-]{1,64}$' } },
    });
    expect(Object.keys(create.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
    ]);
    expect(create.responses['409']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(document.components.schemas['Error']).toBeDefined();
    expect(operation('/health/live', 'get').security).toEqual([]);
    expect(operation('/docs/json', 'get').security).toEqual([]);
    expect(operation('/docs', 'get').security).toEqual([]);
    expect(document.servers.length).toBeGreaterThan(0);
  });

  it('names every operation once, with a role or public, a tag that is described, and its success', () => {
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ path, method, op })),
    );
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const described = new Set(document.tags.filter((t) => t.description).map((t) => t.name));
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect([where, op.tags?.every((t) => described.has(t))]).toEqual([where, true]);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      expect([where, isPublic || op['x-erpcore-role'] !== undefined]).toEqual([where, true]);
      const successes = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect([where, successes.length]).toEqual([where, 1]);
    }
  });

  it('documents /metrics as text, /docs as HTML, and the same document the app holds', () => {
    expect(Object.keys(operation('/metrics', 'get').responses['200']?.content ?? {})).toEqual([
      'text/plain',
    ]);
    expect(Object.keys(operation('/docs', 'get').responses['200']?.content ?? {})).toEqual([
      'text/html',
    ]);
    expect(JSON.parse(JSON.stringify(server.app.swagger()))).toEqual(document);
  });

  it('documents the headers and query strings each kind of route takes', () => {
    const names = (op: Operation) => (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
    for (const [path, byMethod] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(byMethod))
        if (
          (method === 'post' || method === 'put') &&
          path.startsWith('/v1/') &&
          !path.startsWith('/v1/ops/')
        )
          expect([path, names(op)]).toEqual([
            path,
            expect.arrayContaining(['header:Idempotency-Key']),
          ]);
    expect(names(operation('/v1/orders', 'get')).sort()).toEqual([
      'header:X-Min-Position',
      'query:branchId',
      'query:cursor',
      'query:customerId',
      'query:limit',
      'query:salespersonId',
      'query:status',
    ]);
    expect(names(operation('/v1/products/{id}/stock', 'get')).sort()).toEqual([
      'header:X-Min-Position',
      'path:id',
    ]);
    const limit = operation('/v1/orders', 'get').parameters?.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
  });
});

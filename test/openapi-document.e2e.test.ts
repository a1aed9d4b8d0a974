import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './support/test-server.js';

interface Operation {
  readonly operationId?: string;
  readonly security?: unknown[];
  readonly requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  readonly responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, unknown> };
  readonly servers: unknown[];
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
      '422',
      '429',
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
});

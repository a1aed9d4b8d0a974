import { describe, expect, it } from 'vitest';
import { documentChecker } from './support/openapi-check.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const checker = documentChecker({
  paths: {
    '/v1/orders/{id}': {
      get: {
        operationId: 'getOrder',
        responses: {
          200: json({
            type: 'object',
            required: ['id'],
            additionalProperties: false,
            properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
          }),
          401: {
            ...json({ $ref: '#/components/schemas/Error' }),
            headers: {
              'WWW-Authenticate': { required: true, schema: { type: 'string', const: 'Bearer' } },
            },
          },
          404: json({ $ref: '#/components/schemas/Error' }),
        },
      },
    },
    '/v1/orders/mine': {
      get: { operationId: 'mine', responses: { 200: json({ type: 'array' }) } },
    },
    '/metrics': {
      get: { responses: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } } } },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code'] } },
      },
    },
  },
});
const jsonType = 'application/json; charset=utf-8';
const answer = (path: string, status: number, body: unknown, contentType = jsonType) => ({
  method: 'GET',
  path,
  status,
  contentType,
  body,
});

describe('the OpenAPI answer check', () => {
  it('passes answers the document describes', () => {
    expect(checker.check(answer('/v1/orders/O1?x=1', 200, { id: 'O1' }))).toBeUndefined();
    expect(checker.check(answer('/v1/orders/O1', 404, { error: { code: 'x' } }))).toBeUndefined();
    expect(checker.check(answer('/v1/orders/mine', 200, []))).toBeUndefined();
    expect(checker.check(answer('/metrics', 200, 'a 1\n', 'text/plain'))).toBeUndefined();
    expect(checker.check(answer('/nowhere', 404, { error: { code: 'x' } }))).toBeUndefined();
  });

  it('fails an unlisted status, a body off its schema, a format, a content type, a bare 404', () => {
    expect(checker.check(answer('/v1/orders/O1', 409, { error: { code: 'x' } }))).toMatch(
      /status not listed for getOrder/,
    );
    expect(checker.check(answer('/v1/orders/O1', 200, { id: 'O1', extra: 1 }))).toMatch(
      /additional properties/,
    );
    expect(checker.check(answer('/v1/orders/O1', 200, { id: 'O1', at: 'soon' }))).toMatch(
      /must match format/,
    );
    expect(checker.check(answer('/v1/orders/O1', 404, { code: 'x' }))).toMatch(/required/);
    expect(checker.check(answer('/v1/orders/O1', 200, 'O1', 'text/plain'))).toMatch(
      /content type text\/plain not documented/,
    );
    expect(checker.check(answer('/v1/orders/mine', 200, {}))).toMatch(/must be array/);
    expect(checker.check(answer('/nowhere', 200, {}))).toMatch(/not in the document/);
    const unauthorized = { ...answer('/v1/orders/O1', 401, { error: { code: 'unauthorized' } }) };
    expect(checker.check({ ...unauthorized, header: () => null })).toMatch(
      /no WWW-Authenticate header/,
    );
    expect(checker.check({ ...unauthorized, header: () => 'Basic' })).toMatch(
      /must be equal to constant/,
    );
    expect(checker.check({ ...unauthorized, header: () => 'Bearer' })).toBeUndefined();
    expect(checker.check(answer('/nowhere', 404, 'Not Found', 'text/plain'))).toMatch(
      /must be object/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { httpError, httpErrorStatus } from './http-error-codes.js';

describe('httpError', () => {
  it('takes the status from the catalogue, as API.md lists it', () => {
    expect(httpError('idempotency_key_reused', 'm')).toMatchObject({
      statusCode: 422,
      code: 'idempotency_key_reused',
      details: [],
    });
    expect(httpError('projection_lagging', 'm', [{ projections: ['x'] }]).statusCode).toBe(503);
    expect(httpErrorStatus.unauthorized).toBe(401);
    expect(httpErrorStatus.rate_limited).toBe(429);
  });
});

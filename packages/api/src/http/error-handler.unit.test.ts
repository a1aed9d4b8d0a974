import { describe, expect, it } from 'vitest';
import { domainError } from '@erpcore/domain';
import { ConcurrencyError } from '@erpcore/eventstore';
import { InvalidCursorError } from '@erpcore/projections';
import { DomainRefusal } from './domain-refusal.js';
import { toErrorResponse } from './error-handler.js';
import { HttpError } from './http-error.js';

const statusOf = (error: unknown) => {
  const { status, body } = toErrorResponse(error);
  return [status, body.error.code] as const;
};

describe('toErrorResponse', () => {
  it('maps domain refusals in one place', () => {
    expect(statusOf(new DomainRefusal(domainError('already_exists', 'x')))).toEqual([
      409,
      'conflict',
    ]);
    expect(statusOf(new DomainRefusal(domainError('conflict', 'x')))).toEqual([409, 'conflict']);
    expect(statusOf(new DomainRefusal(domainError('not_found', 'x')))).toEqual([404, 'not_found']);
    expect(statusOf(new DomainRefusal(domainError('insufficient_stock', 'x')))).toEqual([
      422,
      'insufficient_stock',
    ]);
    expect(statusOf(new DomainRefusal(domainError('unknown_product', 'x')))).toEqual([
      422,
      'unknown_product',
    ]);
  });

  it('maps infrastructure errors and never leaks internals', () => {
    expect(statusOf(new HttpError(429, 'rate_limited', 'slow down'))).toEqual([
      429,
      'rate_limited',
    ]);
    expect(statusOf(new InvalidCursorError('zz'))).toEqual([400, 'validation_failed']);
    expect(statusOf(Object.assign(new Error('too big'), { statusCode: 413 }))).toEqual([
      413,
      'payload_too_large',
    ]);
    expect(statusOf(Object.assign(new Error('Unexpected token'), { statusCode: 400 }))).toEqual([
      400,
      'validation_failed',
    ]);
    const internal = toErrorResponse(new Error('password=hunter2 at db.ts:12'));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.body)).not.toContain('hunter2');
    expect(internal.body.error.details).toEqual([]);
  });

  it('answers a lost race as 409 conflict', () => {
    expect(statusOf(new ConcurrencyError(['product-P'], 5))).toEqual([409, 'conflict']);
  });
});

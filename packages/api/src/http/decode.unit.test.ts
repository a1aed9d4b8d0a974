import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { decodeOr400, strictObject } from './decode.js';
import { HttpError } from './http-error.js';

const BodyC = strictObject(
  'Body',
  { id: t.string, lines: t.array(t.type({ qty: t.string })) },
  { note: t.string },
);

const failure = (value: unknown): HttpError => {
  try {
    decodeOr400(BodyC, value, 'body');
  } catch (error) {
    if (error instanceof HttpError) return error;
  }
  throw new Error('expected a validation failure');
};

describe('decodeOr400', () => {
  it('returns the decoded value, optional keys included', () => {
    expect(decodeOr400(BodyC, { id: 'a', lines: [], note: 'n' }, 'body')).toEqual({
      id: 'a',
      lines: [],
      note: 'n',
    });
  });

  it('lists every failing path, unknown fields too', () => {
    const error = failure({ lines: [{ qty: 1 }, { qty: '2' }, {}], extra: true });
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => (d as { path: string }).path).sort()).toEqual([
      'body.extra',
      'body.id',
      'body.lines.0.qty',
      'body.lines.2.qty',
    ]);
  });

  it('refuses a missing body as a whole', () => {
    expect(failure(undefined).details).toHaveLength(1);
  });
});

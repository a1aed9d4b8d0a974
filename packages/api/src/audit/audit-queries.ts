import * as t from 'io-ts';
import { strictObject } from '../http/decode.js';
import { listQueryProps } from '../http/list-query.js';

/** A revision or position in a query string: decimal digits, 64-bit. */
export const DecimalBigintC = new t.Type<bigint, string, unknown>(
  'DecimalBigint',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^\d{1,20}$/.test(u) && BigInt(u) <= 0x7fffffffffffffffn
      ? t.success(BigInt(u))
      : t.failure(u, c, 'must be a whole number (decimal digits, 64-bit)'),
  (b) => b.toString(),
);

/** An ISO-8601 time with a date and a clock time (`2024-05-01T12:00:00Z`). */
export const IsoTimeC = new t.Type<Date, string, unknown>(
  'IsoTime',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(u))
      return t.failure(u, c, 'must be an ISO-8601 time, e.g. 2024-05-01T12:00:00Z');
    const at = new Date(u);
    return Number.isNaN(at.getTime()) ? t.failure(u, c, 'not a valid time') : t.success(at);
  },
  (d) => d.toISOString(),
);

/** Stream ids: a context prefix, ids of API.md's characters, `@` between product and warehouse. */
export const StreamIdC = t.refinement(
  t.string,
  (s) => /^[A-Za-z0-9_.@-]{1,200}$/.test(s),
  'StreamId',
);

export const StreamParamsC = strictObject('StreamParams', { streamId: StreamIdC });

export const StreamEventsQueryC = strictObject(
  'StreamEventsQuery',
  {},
  { ...listQueryProps, fromRevision: DecimalBigintC },
);

export const LogQueryC = strictObject('LogQuery', {}, { ...listQueryProps, after: DecimalBigintC });

export const StateQueryC = strictObject(
  'StateQuery',
  {},
  { atPosition: DecimalBigintC, asOf: IsoTimeC },
);

/**
 * Cursors are opaque to clients; inside they are the next revision (stream pages) or the last
 * position (log pages), so a page is an index range scan, never an offset.
 */
export const encodeCursor = (value: bigint): string =>
  Buffer.from(`v1:${value.toString()}`).toString('base64url');

/** The value inside a cursor, or undefined when the text is not one of ours. */
export const decodeCursor = (cursor: string): bigint | undefined => {
  const match = /^v1:(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (match?.[1] === undefined) return undefined;
  const value = BigInt(match[1]);
  // Positions and revisions are signed 64-bit in the store: a larger one is not ours.
  return value <= 0x7fffffffffffffffn ? value : undefined;
};

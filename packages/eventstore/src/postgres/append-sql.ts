import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { normalizeAppends } from '../append-input.js';
import {
  WrongExpectedRevisionError,
  type AppendMultiResult,
  type ExpectedRevision,
  type StreamAppend,
} from '../event-store.js';
import type { SqlConnection } from '../sql/sql-client.js';
import { wrongExpectedRevisionSqlState } from './schema.sql.js';

const resultC = t.type({
  position: t.union([t.string, t.null]),
  streams: t.array(
    t.type({ streamId: t.string, revision: t.string, position: t.union([t.string, t.null]) }),
  ),
});
const detailC = t.type({ streamId: t.string, expected: t.string, actual: t.string });

const expectedToText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;
const expectedFromText = (text: string): ExpectedRevision =>
  text === 'any' || text === 'no_stream' || text === 'stream_exists' ? text : BigInt(text);

/** The typed error for an es_append failure carrying ES409, or undefined for any other error. */
export const asWrongExpectedRevision = (error: unknown): WrongExpectedRevisionError | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('detail' in error))
    return undefined;
  const { code, detail } = error;
  if (code !== wrongExpectedRevisionSqlState || typeof detail !== 'string') return undefined;
  const decoded = detailC.decode(JSON.parse(detail));
  if (isLeft(decoded)) return undefined;
  const { streamId, expected, actual } = decoded.right;
  return new WrongExpectedRevisionError(
    streamId,
    expectedFromText(expected),
    actual === '-1' ? 'no_stream' : BigInt(actual),
  );
};

/** es_append's input for already normalized appends (see normalizeAppends). */
export const encodeAppends = (appends: readonly StreamAppend[]): unknown =>
  appends.map((a) => ({
    streamId: a.streamId,
    expected: expectedToText(a.expectedRevision),
    events: a.events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    })),
  }));

/** es_append's answer for `appends` (normalized, in the caller's order); a malformed one throws. */
export const decodeAppendResult = (
  appends: readonly StreamAppend[],
  raw: unknown,
): AppendMultiResult => {
  const decoded = resultC.decode(raw);
  if (isLeft(decoded)) throw new Error(`unexpected es_append result: ${JSON.stringify(raw)}`);
  const byStream = new Map(decoded.right.streams.map((s) => [s.streamId, s]));
  return {
    // Answer in the caller's order (es_append locks streams in id order).
    streams: appends.map((a) => {
      const s = byStream.get(a.streamId);
      const nextRevision = s === undefined ? -1n : BigInt(s.revision);
      return s?.position == null
        ? { streamId: a.streamId, nextRevision }
        : { streamId: a.streamId, nextRevision, position: BigInt(s.position) };
    }),
    position: decoded.right.position === null ? 0n : BigInt(decoded.right.position),
  };
};

/**
 * Appends through `es_append` on the given connection: one statement, atomic with whatever else
 * the caller's transaction does. Throws WrongExpectedRevisionError on a mismatch. Subscribers
 * see the events at their next poll; call an AppendNotifier after commit to wake them sooner.
 */
export const appendWithin = async (
  conn: SqlConnection,
  input: readonly StreamAppend[],
): Promise<AppendMultiResult> => appendNormalizedWithin(conn, normalizeAppends(input));

/** appendWithin for appends normalizeAppends has checked already. */
export const appendNormalizedWithin = async (
  conn: SqlConnection,
  appends: readonly StreamAppend[],
): Promise<AppendMultiResult> => {
  let raw: unknown;
  try {
    const { rows } = await conn.query<{ result: unknown }>(
      'select es_append($1::jsonb) as result',
      [JSON.stringify(encodeAppends(appends))],
      // Parsed and planned once per connection: a lone writer's backend spent that on every append.
      { name: 'erpcore_es_append' },
    );
    raw = rows[0]?.result;
  } catch (error) {
    throw asWrongExpectedRevision(error) ?? error;
  }
  return decodeAppendResult(appends, raw);
};

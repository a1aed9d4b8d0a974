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

const asWrongExpectedRevision = (error: unknown): WrongExpectedRevisionError | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, detail } = error as { code?: unknown; detail?: unknown };
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

/**
 * Appends through `es_append` on the given connection: one statement, atomic with whatever else
 * the caller's transaction does. Throws WrongExpectedRevisionError on a mismatch. Subscribers
 * see the events at their next poll; call an AppendNotifier after commit to wake them sooner.
 */
export const appendWithin = async (
  conn: SqlConnection,
  input: readonly StreamAppend[],
): Promise<AppendMultiResult> => {
  const appends = normalizeAppends(input);
  const payload = JSON.stringify(
    appends.map((a) => ({
      streamId: a.streamId,
      expected: expectedToText(a.expectedRevision),
      events: a.events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      })),
    })),
  );
  let raw: unknown;
  try {
    const { rows } = await conn.query<{ result: unknown }>(
      'select es_append($1::jsonb) as result',
      [payload],
    );
    raw = rows[0]?.result;
  } catch (error) {
    throw asWrongExpectedRevision(error) ?? error;
  }
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

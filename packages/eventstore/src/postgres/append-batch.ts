import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { AppendMultiResult, StreamAppend } from '../event-store.js';
import type { SqlConnection } from '../sql/sql-client.js';
import { asWrongExpectedRevision, decodeAppendResult, encodeAppends } from './append-sql.js';

/** How one append of a batch ended: its own result, or its own error (the others are unaffected). */
export type AppendOutcome =
  | { readonly ok: true; readonly value: AppendMultiResult }
  | { readonly ok: false; readonly error: Error };

/**
 * An error es_append raised for one append of a batch, with its SQLSTATE and DETAIL as node-pg
 * reports them (`code`, `detail`), so callers that look at `code` see the same thing either way.
 */
export class AppendSqlError extends Error {
  override readonly name = 'AppendSqlError';
  constructor(
    message: string,
    readonly code: string,
    readonly detail: string | undefined,
  ) {
    super(message);
  }
}

const outcomesC = t.array(
  t.union([
    t.type({ ok: t.unknown }),
    t.type({
      error: t.type({
        code: t.string,
        message: t.string,
        detail: t.union([t.string, t.null]),
      }),
    }),
  ]),
);

/**
 * Runs several independent appends (each normalized, as one appendMulti call would pass them)
 * through `es_append_batch`: one statement, one transaction. Each append succeeds or fails on its
 * own (WrongExpectedRevisionError for a mismatch); an error of the statement as a whole (the
 * connection lost, the commit failing) rejects, and then none of them is known to be written.
 */
export const appendBatchWithin = async (
  conn: SqlConnection,
  batch: readonly (readonly StreamAppend[])[],
): Promise<AppendOutcome[]> => {
  const { rows } = await conn.query<{ result: unknown }>(
    'select es_append_batch($1::jsonb) as result',
    [JSON.stringify(batch.map(encodeAppends))],
    { name: 'erpcore_es_append_batch' },
  );
  const raw = rows[0]?.result;
  const decoded = outcomesC.decode(raw);
  if (isLeft(decoded) || decoded.right.length !== batch.length)
    throw new Error(`unexpected es_append_batch result: ${JSON.stringify(raw)}`);
  return decoded.right.map((entry, i): AppendOutcome => {
    if ('error' in entry) {
      const { code, message, detail } = entry.error;
      const error = new AppendSqlError(message, code, detail ?? undefined);
      return { ok: false, error: asWrongExpectedRevision(error) ?? error };
    }
    try {
      return { ok: true, value: decodeAppendResult(batch[i]!, entry.ok) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  });
};

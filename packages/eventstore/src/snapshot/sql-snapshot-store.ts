import type * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describeErrors } from '../decode-event.js';
import type { SqlClient } from '../sql/sql-client.js';
import type { SnapshotStore } from './snapshot-store.js';

/**
 * Snapshots in the `snapshots` table (created by migrateEventStore), the state stored as jsonb in
 * the form `stateCodec` encodes (bigints as decimal strings). A snapshot that no longer decodes
 * (the state shape changed) is ignored: the stream is folded from the start instead.
 */
export const createSqlSnapshotStore = <S>(
  client: SqlClient,
  stateCodec: t.Type<S, unknown, unknown>,
): SnapshotStore<S> => ({
  load: async (streamId) => {
    const { rows } = await client.query<{ revision: string; state: unknown }>(
      'select revision::text as revision, state from snapshots where stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const state = stateCodec.decode(row.state);
    if (isLeft(state)) {
      process.emitWarning(`ignoring snapshot of ${streamId}: ${describeErrors(state.left)}`);
      return undefined;
    }
    return { revision: BigInt(row.revision), state: state.right };
  },
  save: async (streamId, revision, state) => {
    await client.query(
      `insert into snapshots (stream_id, revision, state) values ($1, $2, $3::jsonb)
       on conflict (stream_id) do update set revision = excluded.revision, state = excluded.state, updated_at = now()
       where snapshots.revision < excluded.revision`,
      [streamId, revision, JSON.stringify(stateCodec.encode(state))],
    );
  },
});

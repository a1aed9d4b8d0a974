import type { EventStore, SqlClient } from '@erpcore/eventstore';

/** The notifier's row in `notifier_checkpoints` (a table of its own in the read database). */
export const notifierName = 'notifications';

/**
 * Creates the checkpoint table and, the first time, a checkpoint at the current head: installing
 * the notifier on an existing log must not message every customer about the past. Run by every
 * migrating process before it takes commands, so no event appended later is missed. Idempotent.
 */
export const migrateNotifier = async (client: SqlClient, store: EventStore): Promise<void> => {
  await client.query(
    `create table if not exists notifier_checkpoints (
       name text primary key,
       position bigint not null,
       updated_at timestamptz not null default now()
     )`,
  );
  const head = await store.headPosition();
  await client.query(
    'insert into notifier_checkpoints (name, position) values ($1, $2) on conflict (name) do nothing',
    [notifierName, head.toString()],
  );
};

/** The position the notifier has enqueued everything up to. */
export const readNotifierCheckpoint = async (client: SqlClient): Promise<bigint> => {
  const { rows } = await client.query<{ position: string }>(
    'select position::text as position from notifier_checkpoints where name = $1',
    [notifierName],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('notifier has no checkpoint: run migrateNotifier first');
  return BigInt(row.position);
};

/**
 * Moves the checkpoint forward, never back: two notifier processes may both be running (each
 * enqueue is idempotent), and the slower must not undo the faster.
 */
export const saveNotifierCheckpoint = async (
  client: SqlClient,
  position: bigint,
): Promise<void> => {
  await client.query(
    'update notifier_checkpoints set position = greatest(position, $2::bigint), updated_at = now() where name = $1',
    [notifierName, position.toString()],
  );
};

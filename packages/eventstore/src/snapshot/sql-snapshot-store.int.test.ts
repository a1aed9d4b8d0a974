import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStateC, type AccountState } from '../command/account.spec-helpers.js';
import { migrateEventStore } from '../postgres/migrate.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createSqlSnapshotStore } from './sql-snapshot-store.js';

describe('SQL snapshot store (PGlite)', () => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await createPgliteClient();
    await migrateEventStore(client);
  });
  afterAll(async () => {
    await client.close();
  });

  it('round-trips the state through its codec and keeps the newest revision', async () => {
    const snapshots = createSqlSnapshotStore<AccountState>(client, accountStateC);
    expect(await snapshots.load('acc')).toBeUndefined();
    await snapshots.save('acc', 5n, { open: true, balance: 2n ** 70n });
    await snapshots.save('acc', 3n, { open: false, balance: 0n });
    expect(await snapshots.load('acc')).toEqual({
      revision: 5n,
      state: { open: true, balance: 2n ** 70n },
    });
    const { rows } = await client.query('select state from snapshots');
    expect(rows).toEqual([{ state: { open: true, balance: (2n ** 70n).toString() } }]);
  });
});

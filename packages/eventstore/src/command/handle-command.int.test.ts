import { isRight } from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store.js';
import { migrateEventStore } from '../postgres/migrate.js';
import { createPostgresEventStore } from '../postgres/postgres-event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import {
  accountDecider,
  accountEventC,
  context,
  type AccountCommand,
} from './account.spec-helpers.js';
import { handleCommand } from './handle-command.js';

const up = await postgresAvailable();

describe.skipIf(!up)('handleCommand on PostgreSQL (pg)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  beforeAll(async () => {
    schema = await createTestSchema('handle-command');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
  });
  afterAll(async () => {
    await client?.close();
    await schema?.drop();
  });

  const run = (command: AccountCommand) =>
    handleCommand(store, {
      decider: accountDecider,
      codec: accountEventC,
      streamId: 'account-pg',
      command,
      context: context(),
      maxRetries: 20,
    });

  it('concurrent writers on one stream all succeed via retry, no deposit lost', async () => {
    expect(isRight(await run({ type: 'Open', owner: 'bob' }))).toBe(true);
    const amounts = [1n, 2n, 3n, 4n, 5n, 6n];
    const results = await Promise.all(amounts.map((amount) => run({ type: 'Deposit', amount })));
    expect(results.every(isRight)).toBe(true);
    const stored = await store.readStream('account-pg');
    expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => BigInt(i)));
    expect(stored[stored.length - 1]!.data).toMatchObject({ balanceAfter: '21' });
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { createPgClient } from './pg-client.js';
import type { SqlClient } from './sql-client.js';

const up = await postgresAvailable();

describe.skipIf(!up)('pg SqlClient', () => {
  let schema: TestSchema;
  let client: SqlClient;
  beforeAll(async () => {
    schema = await createTestSchema('pg-client');
    client = createPgClient({ pool: schema.pool });
    await client.query('create table t (id int primary key); create table u (id int)');
  });
  afterAll(async () => {
    await client?.close();
    await schema?.drop();
  });

  it('transaction() commits, or rolls back and rethrows', async () => {
    await client.transaction(async (tx) => tx.query('insert into t values ($1)', [1]));
    await expect(
      client.transaction(async (tx) => {
        await tx.query('insert into t values ($1)', [2]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await client.query('select id from t order by id')).rows).toEqual([{ id: 1 }]);
  });

  it('takes bigint parameters and reports rowCount', async () => {
    const { rows } = await client.query<{ v: string }>('select $1::bigint + 1 as v', [2n ** 60n]);
    expect(rows).toEqual([{ v: (2n ** 60n + 1n).toString() }]);
    expect((await client.query('insert into u select generate_series(1, 3)')).rowCount).toBe(3);
  });

  it('a named statement whose result type changed under it (a newer process migrated) runs again', async () => {
    const pool = new pg.Pool({ connectionString: schema.url, max: 2 });
    const own = createPgClient({ pool });
    try {
      await own.query('create table v (id int primary key, amount int)');
      await own.query('insert into v values (1, 2)');
      const read = () => own.query('select * from v where id = $1', [1], { name: 'read_v' });
      // Prepare it on both pooled connections.
      await Promise.all([read(), read()]);
      await own.query('alter table v alter column amount type text');
      expect((await read()).rows).toEqual([{ id: 1, amount: '2' }]);
      expect((await Promise.all([read(), read()])).map((r) => r.rows)).toEqual([
        [{ id: 1, amount: '2' }],
        [{ id: 1, amount: '2' }],
      ]);
    } finally {
      await own.close();
      await pool.end();
    }
  });

  it('delivers notifications to listeners', async () => {
    let resolve!: (payload: string) => void;
    const received = new Promise<string>((r) => (resolve = r));
    const unlisten = await client.listen!('test_channel', resolve);
    await client.query(`select pg_notify('test_channel', 'hello')`);
    expect(await received).toBe('hello');
    await unlisten();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';

describe('PGlite SqlClient', () => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await createPgliteClient();
    await client.query('create table t (id int primary key)');
  });
  afterAll(async () => {
    await client.close();
  });

  it('a held connection is exclusive: query() outside it waits and never sees its uncommitted rows', async () => {
    const conn = await client.acquire();
    await conn.query('begin');
    await conn.query('insert into t values ($1)', [1]);
    // On one PGlite session an interleaved statement would see the uncommitted row (count 1).
    const outside = client.query<{ n: string }>('select count(*) as n from t');
    await conn.query('select 1');
    await conn.query('rollback');
    conn.release();
    expect((await outside).rows).toEqual([{ n: '0' }]);
  });

  it('transaction() commits, or rolls back and rethrows', async () => {
    await client.transaction(async (tx) => tx.query('insert into t values ($1)', [2]));
    await expect(
      client.transaction(async (tx) => {
        await tx.query('insert into t values ($1)', [3]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await client.query('select id from t order by id')).rows).toEqual([{ id: 2 }]);
  });

  it('takes bigint parameters and returns int8 as decimal strings, like node-pg', async () => {
    const { rows } = await client.query<{ v: string }>('select $1::bigint + 1 as v', [2n ** 60n]);
    expect(rows).toEqual([{ v: (2n ** 60n + 1n).toString() }]);
  });

  it('runs with a 16MB buffer pool by default (PGlite alone starts with 128MB), or the size asked for', async () => {
    const shown = async (c: SqlClient): Promise<unknown> =>
      (await c.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]?.shared_buffers;
    expect(await shown(client)).toBe('16MB');
    const stock = await createPgliteClient({ sharedBuffers: null });
    const larger = await createPgliteClient({ sharedBuffers: '32MB' });
    try {
      expect(await shown(stock)).toBe('128MB');
      expect(await shown(larger)).toBe('32MB');
    } finally {
      await stock.close();
      await larger.close();
    }
  });

  it('refuses a buffer pool size that does not fit the setting it replaces', async () => {
    await expect(createPgliteClient({ sharedBuffers: '1024MB' })).rejects.toThrow(/at most 5/);
  });
});

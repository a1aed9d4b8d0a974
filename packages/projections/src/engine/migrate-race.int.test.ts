import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPgClient, type SqlClient } from '@erpcore/eventstore';
import {
  createTestSchema,
  postgresAvailable,
  postgresUrl,
  type TestSchema,
} from '@erpcore/eventstore/testing';
import { createReadDb, type ReadDb } from '../read-db.js';
import { migrateReadModels, warehousesProjection } from '../index.js';

// Kysely's Migrator finds its bookkeeping tables by listing the tables of every schema, and its
// listing looks each column's sequence up by schema name: a schema another session drops while
// that listing runs (a parallel test file, another tenant) failed the whole migration with
// `schema "…" does not exist`, though nothing of ours was touched.
describe('migrateReadModels beside schemas dropped in other sessions', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient;
  let db: ReadDb;
  let admin: pg.Client;

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    schema = await createTestSchema('migrate_race');
    client = createPgClient({ connectionString: schema.url, max: 2 });
    db = createReadDb(client);
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
  });
  afterAll(async () => {
    if (schema === undefined) return;
    await admin.end();
    await db.destroy();
    await client.close();
    await schema.drop();
  });

  it('migrates while other schemas with tables come and go', async (ctx) => {
    if (schema === undefined) return ctx.skip();
    const others = `${schema.schema}_other`;
    let churning = true;
    let churned = 0;
    const churn = (async () => {
      while (churning) {
        await admin.query(`create schema "${others}"`);
        await admin.query(
          `create table "${others}".t (id bigserial primary key, a int, b text, c text, d text)`,
        );
        await admin.query(`drop schema "${others}" cascade`);
        churned += 1;
      }
    })();
    try {
      for (let i = 0; i < 150; i++) await migrateReadModels(db, [warehousesProjection]);
    } finally {
      churning = false;
      await churn;
    }
    expect(churned).toBeGreaterThan(10);
  }, 120_000);
});

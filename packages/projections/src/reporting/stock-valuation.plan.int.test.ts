import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, type SqlClient } from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import { createReadDb, type ReadDb } from '../read-db.js';
import { stockValuationProjection } from './stock-valuation.projection.js';
import { stockValuationReport } from './stock-valuation.query.js';
import { preparedPlans } from '../testing/prepared-plans.js';

// PostgreSQL re-plans a named statement on every call when its generic plan looks dearer than
// the plans it made for the actual values; with the page's row limit bound, it did for this
// read at 10,000 rows (the planner costs `limit $n` as a tenth of the rows).
describe('stock valuation on PostgreSQL', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient;
  let db: ReadDb;

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    schema = await createTestSchema('stock_valuation_plan');
    // One connection: the prepared statement and its plan counts are that connection's.
    client = createPgClient({ connectionString: schema.url, max: 1 });
    db = createReadDb(client);
    await stockValuationProjection.createTables(db);
    await sql`insert into stock_valuation (product_id, warehouse_id, on_hand, value, unit_cost, position)
      select 'P' || p, 'W' || w, 1000 * (1 + p % 50), 100 * (1 + p % 50) * (1 + p % 97),
             100000 * (1 + p % 97), p * 10 + w
      from generate_series(1, 2000) p, generate_series(1, 5) w`.execute(db);
    await sql`insert into stock_value_by_warehouse
      select warehouse_id, sum(value) from stock_valuation group by warehouse_id`.execute(db);
    await sql`analyze stock_valuation`.execute(db);
    await sql`analyze stock_value_by_warehouse`.execute(db);
  }, 60_000);
  afterAll(async () => {
    if (schema === undefined) return;
    await db.destroy();
    await client.close();
    await schema.drop();
  });

  it('keeps one generic plan for the default page', async (ctx) => {
    if (schema === undefined) return ctx.skip();
    const runs = 12;
    for (let i = 0; i < runs; i++) {
      const page = await stockValuationReport(db, { warehouseId: 'W1' });
      expect(page.lines).toHaveLength(50);
    }
    const rows = await preparedPlans(client, (s) => s.includes('stock_value_by_warehouse'));
    // PostgreSQL makes 5 custom plans before it compares; every later call used the generic one.
    expect(rows).toEqual([{ generic_plans: String(runs - 5), custom_plans: '5' }]);
  });
});

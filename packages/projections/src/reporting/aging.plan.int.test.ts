import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asId, customerEventC, Money, type CustomerEvent } from '@erpcore/domain';
import { createPgClient, type SqlClient } from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import { createReadDb, type ReadDb } from '../read-db.js';
import { agingReport } from './aging.query.js';
import { partyAgingProjection } from './party-aging.projection.js';
import { storedHistory, type SpecEvent } from '../testing/projection-spec.js';
import { preparedPlans } from '../testing/prepared-plans.js';

const parties = 2000;

/** One charge per customer, spread over 120 days so every bucket has parties. */
const charge = (i: number): SpecEvent<CustomerEvent> => {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 120) * 86_400_000).toISOString().slice(0, 10);
  const customerId = `C${String(i).padStart(5, '0')}`;
  const amount = Money.ofCents(BigInt(100 + i));
  return {
    streamId: customerId,
    event: {
      type: 'CustomerCharged',
      data: {
        customerId: asId(customerId),
        orderId: asId(`O${i}`),
        amount,
        balanceAfter: amount,
        at: `${day}T12:00:00Z`,
      },
    },
  };
};

/** Plans made so far for aging's statement: the first page's, or the one after a cursor. */
const plans = (client: SqlClient, after: boolean) =>
  preparedPlans(
    client,
    (statement) =>
      statement.includes('party_aging_steps') && statement.includes('p.party_id >') === after,
  );

// Aging's values reach the planner only through scalar subqueries (aging.query.ts says why); this
// holds the planner to what that comment promises: after its 5 custom plans, PostgreSQL keeps the
// generic one for the first page and for a page after a cursor alike, rather than planning every
// call afresh (what plain parameters did over these parties).
describe('customer aging on PostgreSQL', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient;
  let db: ReadDb;

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    schema = await createTestSchema('aging_plan');
    // One connection: the prepared statements and their plan counts are that connection's.
    client = createPgClient({ connectionString: schema.url, max: 1 });
    db = createReadDb(client);
    await partyAgingProjection.createTables(db);
    const events = storedHistory(
      customerEventC,
      Array.from({ length: parties }, (_, i) => charge(i)),
    );
    await db.transaction().execute((trx) => partyAgingProjection.applyBatch!(trx, events));
    for (const table of ['parties', 'party_aging_steps', 'party_aging_totals'])
      await sql`analyze ${sql.table(table)}`.execute(db);
  }, 60_000);
  afterAll(async () => {
    if (schema === undefined) return;
    await db.destroy();
    await client.close();
    await schema.drop();
  });

  it('keeps one generic plan for the first page and for a page after a cursor', async (ctx) => {
    if (schema === undefined) return ctx.skip();
    const runs = 12;
    let cursor: string | null = null;
    for (let i = 0; i < runs; i++) {
      const first = await agingReport(db, 'customer', '2026-06-30');
      expect(first.lines).toHaveLength(50);
      cursor = first.nextCursor;
      const later = await agingReport(db, 'customer', '2026-06-30', { cursor: cursor ?? '' });
      expect(later.lines).toHaveLength(50);
      expect(later.lines[0]!.partyId > first.lines[49]!.partyId).toBe(true);
    }
    // PostgreSQL makes 5 custom plans before it compares; every later call used the generic one.
    const expected = [{ generic_plans: String(runs - 5), custom_plans: '5' }];
    expect(await plans(client, false)).toEqual(expected);
    expect(await plans(client, true)).toEqual(expected);
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asId,
  customerEventC,
  Money,
  supplierEventC,
  type CalendarDate,
  type CustomerEvent,
  type SupplierEvent,
} from '@erpcore/domain';
import { createPgliteClient, type SqlClient, type StoredEvent } from '@erpcore/eventstore';
import { createReadDb, type ReadDb } from '../read-db.js';
import { agingReport, type AgingBuckets } from './aging.query.js';
import { partyAgingProjection } from './party-aging.projection.js';

/** One change to a party's debt, as a test draws it: cents, > 0 a document, < 0 a settlement. */
interface Move {
  readonly kind: 'customer' | 'supplier';
  readonly party: number;
  readonly cents: bigint;
  readonly day: string;
}

const day = fc
  .integer({ min: 0, max: 200 })
  .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const plusDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const move: fc.Arbitrary<Move> = fc.record({
  kind: fc.constantFrom('customer' as const, 'supplier' as const),
  party: fc.integer({ min: 0, max: 2 }),
  cents: fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 1n, max: 50_000n }) },
    { weight: 2, arbitrary: fc.bigInt({ min: -60_000n, max: -1n }) },
  ),
  day,
});

const metadata = {
  actor: 't',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};

/** The event a move stands for, stored as the event store would hand it to the projection. */
const storedOf = (m: Move, partyId: string, i: number, position: bigint): StoredEvent => {
  const amount = Money.ofCents(m.cents < 0n ? -m.cents : m.cents);
  const common = { amount, balanceAfter: Money.zero };
  const event: CustomerEvent | SupplierEvent =
    m.kind === 'customer'
      ? m.cents > 0n
        ? {
            type: 'CustomerCharged',
            data: {
              ...common,
              customerId: asId(partyId),
              orderId: asId(`O${i}`),
              at: `${m.day}T12:00:00Z`,
            },
          }
        : i % 2 === 0
          ? {
              type: 'PaymentRecorded',
              data: {
                ...common,
                customerId: asId(partyId),
                paymentId: asId(`P${i}`),
                at: `${m.day}T12:00:00Z`,
              },
            }
          : {
              type: 'CustomerCredited',
              data: {
                ...common,
                customerId: asId(partyId),
                orderId: asId(`O${i}`),
                returnId: asId(`R${i}`),
                at: `${m.day}T12:00:00Z`,
              },
            }
      : m.cents > 0n
        ? {
            type: 'SupplierBilled',
            data: {
              ...common,
              supplierId: asId(partyId),
              billId: asId(`B${i}`),
              orderId: asId(`PO${i}`),
              date: m.day as CalendarDate,
            },
          }
        : {
            type: 'SupplierPaid',
            data: {
              ...common,
              supplierId: asId(partyId),
              paymentId: asId(`SP${i}`),
              date: m.day as CalendarDate,
            },
          };
  const codec = m.kind === 'customer' ? customerEventC : supplierEventC;
  const { type, data } = JSON.parse(JSON.stringify(codec.encode(event as never))) as {
    type: string;
    data: unknown;
  };
  return { type, data, eventId: randomUUID(), streamId: partyId, revision: 0n, position, metadata };
};

/**
 * The rule, stated plainly over the raw movements (what the report computed from every row
 * before the read model): on `asOf`, each document keeps clamp(balance − Σ newer documents, 0,
 * amount), newer by (day, position); bucketed by its age; parties with a balance ≤ 0 left out.
 */
const oracle = (moves: ReadonlyArray<Move & { id: string; position: number }>, asOf: string) => {
  const lines = new Map<string, bigint[]>();
  for (const id of new Set(moves.map((m) => m.id))) {
    const mine = moves.filter((m) => m.id === id && m.day <= asOf);
    const balance = mine.reduce((s, m) => s + m.cents, 0n);
    if (balance <= 0n) continue;
    const docs = mine
      .filter((m) => m.cents > 0n)
      .sort((a, b) => (a.day === b.day ? b.position - a.position : a.day < b.day ? 1 : -1));
    const buckets = [0n, 0n, 0n, 0n];
    let newer = 0n;
    for (const d of docs) {
      const left = balance - newer;
      const open = left <= 0n ? 0n : left < d.cents ? left : d.cents;
      newer += d.cents;
      const age = (Date.parse(asOf) - Date.parse(d.day)) / 86_400_000;
      const bucket = age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3;
      buckets[bucket] = (buckets[bucket] ?? 0n) + open;
    }
    lines.set(id, [...buckets, balance]);
  }
  return lines;
};

describe('aging from the party_aging read model', () => {
  let client: SqlClient;
  let db: ReadDb;
  let run = 0;
  let position = 0n;

  beforeAll(async () => {
    client = await createPgliteClient();
    db = createReadDb(client);
    await partyAgingProjection.createTables(db);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await client?.close();
  });

  /** Every page, two parties at a time, so the cursor is crossed. */
  const allLines = async (kind: 'customer' | 'supplier', asOf: string) => {
    const first = await agingReport(db, kind, asOf, { limit: 2 });
    const lines = [...first.lines];
    for (let cursor = first.nextCursor; cursor !== null;) {
      const next = await agingReport(db, kind, asOf, { limit: 2, cursor });
      expect(next.totals).toEqual(first.totals);
      lines.push(...next.lines);
      cursor = next.nextCursor;
    }
    return { lines, totals: first.totals };
  };
  const figures = (l: AgingBuckets) =>
    [l.current, l.days31To60, l.days61To90, l.over90, l.total].map(BigInt);

  it('equals the rule over the raw movements, each line totals the party balance, the totals sum every party', async () => {
    let owing = 0;
    const everything: Array<Move & { id: string; position: number }> = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(move, { minLength: 1, maxLength: 30 }),
        fc.array(day, { minLength: 1, maxLength: 4 }),
        async (moves, dates) => {
          run += 1;
          const history = moves.map((m, i) => {
            position += 1n;
            const id = `${m.kind === 'customer' ? 'C' : 'S'}${run}-${m.party}`;
            return { ...m, id, position: Number(position), stored: storedOf(m, id, i, position) };
          });
          everything.push(...history);
          // The first half one by one, then all in one batch, then all one by one again: a
          // replayed event (a batch re-applied) must change nothing, on either path.
          const half = history.slice(0, history.length >> 1);
          for (const h of half)
            await db.transaction().execute((trx) => partyAgingProjection.apply(trx, h.stored));
          await db.transaction().execute((trx) =>
            partyAgingProjection.applyBatch!(
              trx,
              history.map((h) => h.stored),
            ),
          );
          for (const h of history)
            await db.transaction().execute((trx) => partyAgingProjection.apply(trx, h.stored));
          // Bucket edges of a few documents too: one day either side of an age changes a bucket.
          const edges = history
            .slice(0, 1)
            .flatMap((h) => [30, 31, 61, 91].map((n) => plusDays(h.day, n)));
          for (const asOf of [...dates, ...edges, '2025-12-31', '2026-12-31'])
            for (const kind of ['customer', 'supplier'] as const) {
              const prefix = `${kind === 'customer' ? 'C' : 'S'}${run}-`;
              const report = await allLines(kind, asOf);
              const mine = report.lines.filter((l) => l.partyId.startsWith(prefix));
              const got = new Map(mine.map((l) => [l.partyId, figures(l)]));
              const expected = oracle(
                history.filter((h) => h.kind === kind),
                asOf,
              );
              expect([asOf, kind, Object.fromEntries(got)]).toEqual([
                asOf,
                kind,
                Object.fromEntries(expected),
              ]);
              // The totals are every party's, earlier runs' included.
              const sums = [0n, 0n, 0n, 0n, 0n];
              for (const line of oracle(
                everything.filter((h) => h.kind === kind),
                asOf,
              ).values())
                line.forEach((v, i) => (sums[i] = (sums[i] ?? 0n) + v));
              expect([asOf, kind, figures(report.totals)]).toEqual([asOf, kind, sums]);
              owing += got.size;
            }
        },
      ),
      { numRuns: 60 },
    );
    expect(owing).toBeGreaterThan(0);
  }, 300_000);
});

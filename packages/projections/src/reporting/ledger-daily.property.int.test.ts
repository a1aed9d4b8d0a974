import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEventC, Money, type AccountType } from '@erpcore/domain';
import { createPgliteClient, type SqlClient, type StoredEvent } from '@erpcore/eventstore';
import { sql } from 'kysely';
import { accountTreeProjection } from '../accounting/account-tree.projection.js';
import { createReadDb, type ReadDb } from '../read-db.js';
import { allAccountTypes, sumAccounts } from './account-report.js';
import { balanceSheet } from './balance-sheet.query.js';
import { ledgerDailyProjection } from './ledger-daily.projection.js';

const accounts: ReadonlyArray<readonly [string, AccountType]> = [
  ['A', 'asset'],
  ['L', 'liability'],
  ['E', 'equity'],
  ['I', 'income'],
  ['X', 'expense'],
];

/** A balanced entry of two lines, or its reversal, on a day of 2026's first 120. */
interface Entry {
  readonly debit: number;
  readonly credit: number;
  readonly cents: bigint;
  readonly day: string;
  readonly reversal: boolean;
}

const day = fc
  .integer({ min: 0, max: 120 })
  .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const entry: fc.Arbitrary<Entry> = fc
  .record({
    debit: fc.integer({ min: 0, max: 4 }),
    credit: fc.integer({ min: 0, max: 4 }),
    cents: fc.bigInt({ min: 1n, max: 90_000n }),
    day,
    reversal: fc.boolean(),
  })
  .filter((e) => e.debit !== e.credit);

const metadata = {
  actor: 't',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};

const storedOf = (e: Entry, i: number): StoredEvent => {
  const amount = Money.ofCents(e.cents);
  const lines = [
    { accountId: accounts[e.debit]?.[0] ?? '', side: 'debit' as const, amount },
    { accountId: accounts[e.credit]?.[0] ?? '', side: 'credit' as const, amount },
  ];
  const event = e.reversal
    ? { type: 'JournalEntryReversed', data: { id: `J${i}`, date: e.day, lines } }
    : { type: 'JournalEntryPosted', data: { id: `J${i}`, date: e.day, description: 'd', lines } };
  const { type, data } = JSON.parse(JSON.stringify(journalEventC.encode(event as never))) as {
    type: string;
    data: unknown;
  };
  return {
    type,
    data,
    eventId: randomUUID(),
    streamId: `journal-J${i}`,
    revision: 0n,
    position: BigInt(i + 1),
    metadata,
  };
};

/** What the accounts that moved from `from` to `to` were debited and credited, summed plainly. */
const oracle = (entries: readonly Entry[], from: string, to: string) => {
  const sums = new Map<string, [bigint, bigint]>();
  for (const e of entries.filter((x) => x.day >= from && x.day <= to))
    for (const [index, side] of [
      [e.debit, 0],
      [e.credit, 1],
    ] as const) {
      const id = accounts[index]?.[0] ?? '';
      const s = sums.get(id) ?? [0n, 0n];
      s[side] += e.cents;
      sums.set(id, s);
    }
  return Object.fromEntries([...sums].map(([id, [d, c]]) => [id, [d, c]]));
};

describe('ledger_daily running totals', () => {
  let client: SqlClient;
  let db: ReadDb;

  beforeAll(async () => {
    client = await createPgliteClient();
    db = createReadDb(client);
    await accountTreeProjection.createTables(db);
    await ledgerDailyProjection.createTables(db);
    for (const [id, type] of accounts)
      await sql`insert into account_tree values (${id}, null, ${id}, ${type}, ${id},
        convert_to(${id}, 'UTF8') || '\\x00'::bytea, 0, '{}', 0, 0, false)`.execute(db);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await client?.close();
  });

  it('sum any range exactly as the entries do, however they were batched; A = L + E on every day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(day, day), { minLength: 1, maxLength: 4 }),
        async (entries, batchSizes, ranges) => {
          await sql`delete from ledger_daily`.execute(db);
          const stored = entries.map(storedOf);
          // Out of day order, in batches of drawn sizes (a batch of one goes through `apply`).
          for (let i = 0, b = 0; i < stored.length; b++) {
            const batch = stored.slice(i, i + (batchSizes[b % batchSizes.length] ?? 1));
            i += batch.length;
            await db
              .transaction()
              .execute((trx) =>
                batch.length === 1 && batch[0] !== undefined
                  ? ledgerDailyProjection.apply(trx, batch[0])
                  : (ledgerDailyProjection.applyBatch?.(trx, batch) ?? Promise.resolve()),
              );
          }
          for (const [a, b] of ranges) {
            const [from, to] = a <= b ? [a, b] : [b, a];
            const got = await sumAccounts(db, { from, to }, allAccountTypes);
            expect([
              from,
              to,
              Object.fromEntries(got.map((s) => [s.accountId, [s.debit, s.credit]])),
            ]).toEqual([from, to, oracle(entries, from, to)]);
            const upTo = await sumAccounts(db, { to }, allAccountTypes);
            expect(Object.fromEntries(upTo.map((s) => [s.accountId, [s.debit, s.credit]]))).toEqual(
              oracle(entries, '0000-01-01', to),
            );
            const sheet = await balanceSheet(db, to);
            expect(sheet.totalAssets).toBe(Money.add(sheet.totalLiabilities, sheet.totalEquity));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);
});

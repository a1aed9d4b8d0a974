import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chartEventC,
  customerEventC,
  journalEventC,
  Money,
  orderEventC,
  purchaseOrderEventC,
  settingsEventC,
  stockEventC,
  supplierEventC,
  transferEventC,
  type DomainEvent,
} from '@erpcore/domain';
import { buySellFlow, type ErpWorld } from '@erpcore/domain/testing';
import type { EventStore } from '@erpcore/eventstore';
import { accountingProjections } from '../accounting/index.js';
import { catchUpProjection } from '../engine/catch-up.js';
import { migrateReadModels } from '../engine/migrate.js';
import type { ReadDb } from '../read-db.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import {
  agingReport,
  balanceSheet,
  profitAndLoss,
  reportingProjections,
  stockValuationReport,
  trialBalance,
} from './index.js';

const codecs: ReadonlyArray<[string, { encode: (e: never) => unknown }]> = [
  ['chart-', chartEventC],
  ['journal-', journalEventC],
  ['stock-', stockEventC],
  ['customer-', customerEventC],
  ['supplier-', supplierEventC],
  ['purchase-order-', purchaseOrderEventC],
  ['order-', orderEventC],
  ['settings-', settingsEventC],
  ['transfer-', transferEventC],
];

/** Appends a world's history, command by command, as the executor would have. */
const replay = async (store: EventStore, world: ErpWorld): Promise<bigint> => {
  let last = 0n;
  const metadata = {
    actor: 't',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  };
  for (const writes of world.log)
    last = (
      await store.appendMulti(
        writes.map((w) => {
          const codec = codecs.find(([prefix]) => w.streamId.startsWith(prefix))?.[1];
          if (codec === undefined) throw new Error(`no codec for ${w.streamId}`);
          return {
            streamId: w.streamId,
            expectedRevision: 'any' as const,
            events: w.events.map((e: DomainEvent) => ({
              eventId: randomUUID(),
              ...(codec.encode(e as never) as { type: string; data: unknown }),
              metadata,
            })),
          };
        }),
      )
    ).position;
  return last;
};

const money = (m: Money) => Money.format(m);
const projections = [...accountingProjections, ...reportingProjections];

for (const kind of backendKinds)
  describe(`reports over a buy-and-sell history (${kind.kind})`, () => {
    let backend: Backend | undefined;
    let db: ReadDb;

    beforeAll(async () => {
      if (!(await kind.available())) return;
      backend = await kind.create('reports');
      db = backend.db;
      await migrateReadModels(db, projections);
      const last = await replay(backend.store, buySellFlow());
      // On a shared PostgreSQL, reads stop below transactions still open elsewhere (no event is
      // ever skipped), so catching up may take a few rounds until our last event is passed.
      for (const projection of projections)
        for (let round = 0; ; round++) {
          const result = await catchUpProjection({ store: backend.store, db, projection });
          expect(result.failed).toBe(false);
          if (result.position >= last) break;
          if (round > 400) throw new Error(`${projection.name} stuck at ${result.position}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
    });
    afterAll(async () => backend?.close());

    it('trial balance: every account, debits equal credits', async (ctx) => {
      if (backend === undefined) return ctx.skip();
      const tb = await trialBalance(db);
      expect(money(tb.totalDebit)).toBe(money(tb.totalCredit));
      const by = new Map(tb.accounts.map((a) => [a.accountId, money(a.balance)]));
      expect(Object.fromEntries(by)).toEqual({
        'sys.cash': '-10',
        'sys.receivable': '25',
        'sys.revenue': '-55',
        'sys.inventory': '42.5',
        'sys.payable': '-25',
        'sys.grni': '0',
        'sys.cogs': '22.5',
      });
      // Up to the 12th: the two receipts and the bill only.
      const early = await trialBalance(db, { asOf: '2026-01-12' });
      expect(early.accounts.map((a) => [a.accountId, money(a.balance)])).toEqual(
        expect.arrayContaining([
          ['sys.inventory', '65'],
          ['sys.payable', '-65'],
        ]),
      );
    });

    it('profit and loss for a period, balance sheet at a date', async (ctx) => {
      if (backend === undefined) return ctx.skip();
      const january = await profitAndLoss(db, { from: '2026-01-01', to: '2026-01-31' });
      expect([
        money(january.totalIncome),
        money(january.totalExpenses),
        money(january.netResult),
      ]).toEqual(['55', '22.5', '32.5']);
      // Only the first delivery (18.00 revenue, 7.50 cost) falls on the 20th.
      const twentieth = await profitAndLoss(db, { from: '2026-01-20', to: '2026-01-20' });
      expect(money(twentieth.netResult)).toBe('10.5');
      const sheet = await balanceSheet(db, '2026-01-31');
      expect([
        money(sheet.totalAssets),
        money(sheet.totalLiabilities),
        money(sheet.totalEquity),
      ]).toEqual(['57.5', '25', '32.5']);
      for (const date of ['2026-01-04', '2026-01-10', '2026-01-21', '2026-01-26', '2026-02-28']) {
        const s = await balanceSheet(db, date);
        expect(s.totalAssets).toBe(Money.add(s.totalLiabilities, s.totalEquity));
      }
    });

    it('aging: what is open, by age, payments settling the oldest first', async (ctx) => {
      if (backend === undefined) return ctx.skip();
      // Customer: 18 (20th) + 62 (21st) − 25 returned − 30 paid = 25 open, all from the 21st.
      const customers = await agingReport(db, 'customer', '2026-03-01');
      expect(
        customers.lines.map((l) => [
          l.partyId,
          money(l.current),
          money(l.days31To60),
          money(l.total),
        ]),
      ).toEqual([['C1', '0', '25', '25']]);
      expect([money(customers.totals.days31To60), money(customers.totals.total)]).toEqual([
        '25',
        '25',
      ]);
      const suppliers = await agingReport(db, 'supplier', '2026-01-31');
      expect(suppliers.lines.map((l) => [l.partyId, money(l.current), money(l.total)])).toEqual([
        ['S1', '25', '25'],
      ]);
      expect((await agingReport(db, 'supplier', '2026-01-11')).lines).toEqual([]);
    });

    it('stock valuation equals the inventory account', async (ctx) => {
      if (backend === undefined) return ctx.skip();
      const valuation = await stockValuationReport(db);
      expect(valuation.lines.map((l) => [l.productId, l.warehouseId, money(l.value)])).toEqual([
        ['P1', 'W1', '12.5'],
        ['P2', 'W1', '30'],
      ]);
      const inventory = (await trialBalance(db)).accounts.find(
        (a) => a.accountId === 'sys.inventory',
      );
      expect(valuation.totalValue).toBe(inventory?.balance);
    });

    it('stock valuation pages its lines; the total is every selected line', async (ctx) => {
      if (backend === undefined) return ctx.skip();
      const first = await stockValuationReport(db, { limit: 1 });
      const second = await stockValuationReport(db, { limit: 1, cursor: first.nextCursor ?? '' });
      expect([first.lines, second.lines].map((ls) => ls.map((l) => l.productId))).toEqual([
        ['P1'],
        ['P2'],
      ]);
      expect(second.nextCursor).toBeNull();
      expect([first, second].map((r) => money(r.totalValue))).toEqual(['42.5', '42.5']);
      const filtered = [
        await stockValuationReport(db, { warehouseId: 'W1' }),
        await stockValuationReport(db, { productId: 'P2' }),
        await stockValuationReport(db, { productId: 'P2', warehouseId: 'W9' }),
      ];
      expect(filtered.map((r) => money(r.totalValue))).toEqual(['42.5', '30', '0']);
    });
  });

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money, Quantity, UnitCost } from '@erpcore/domain';
import type { AgingBuckets, AgingReport, StockValuationReport } from '@erpcore/projections';
import { agingPageJson, stockValuationPageJson } from './report-page-json.js';

// Ids and cursors with what JSON must escape (quotes, backslashes, control characters, non-ASCII).
const text = fc.string({ unit: 'binary', maxLength: 12 });
const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const bucketsOf = fc
  .tuple(cents, cents, cents, cents, cents)
  .map(([current, days31To60, days61To90, over90, total]) => ({
    current: Money.ofCents(current),
    days31To60: Money.ofCents(days31To60),
    days61To90: Money.ofCents(days61To90),
    over90: Money.ofCents(over90),
    total: Money.ofCents(total),
  }));

/** The answers as documented objects, serialized by JSON.stringify as any other route's are. */
const bucketsJson = (b: AgingBuckets) => ({
  current: Money.format(b.current),
  days31To60: Money.format(b.days31To60),
  days61To90: Money.format(b.days61To90),
  over90: Money.format(b.over90),
  total: Money.format(b.total),
});
const agingObject = (r: AgingReport) => ({
  party: r.kind,
  at: r.asOf,
  ...bucketsJson(r.totals),
  lines: r.lines.map((l) => ({ partyId: l.partyId, ...bucketsJson(l) })),
  nextCursor: r.nextCursor,
});
const stockObject = (r: StockValuationReport) => ({
  lines: r.lines.map((l) => ({
    productId: l.productId,
    warehouseId: l.warehouseId,
    onHand: Quantity.format(l.onHand),
    value: Money.format(l.value),
    unitCost: UnitCost.format(l.unitCost),
  })),
  nextCursor: r.nextCursor,
  totalValue: Money.format(r.totalValue),
});

describe('report pages as JSON text', () => {
  it('aging: the bytes JSON.stringify gives for the documented object', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('customer' as const, 'supplier' as const),
          asOf: fc.constant('2026-12-31'),
          totals: bucketsOf,
          lines: fc.array(
            fc.tuple(text, bucketsOf).map(([partyId, b]) => ({ partyId, ...b })),
            { maxLength: 5 },
          ),
          nextCursor: fc.option(text),
        }),
        (report) => {
          expect(agingPageJson(report)).toBe(JSON.stringify(agingObject(report)));
        },
      ),
    );
  });

  it('stock valuation: the bytes JSON.stringify gives for the documented object', () => {
    fc.assert(
      fc.property(
        fc.record({
          lines: fc.array(
            fc.record({
              productId: text,
              warehouseId: text,
              onHand: cents.map(Quantity.ofScaled),
              value: cents.map(Money.ofCents),
              unitCost: cents.map(UnitCost.ofScaled),
            }),
            { maxLength: 5 },
          ),
          nextCursor: fc.option(text),
          totalValue: cents.map(Money.ofCents),
        }),
        (report) => {
          expect(stockValuationPageJson(report)).toBe(JSON.stringify(stockObject(report)));
        },
      ),
    );
  });
});

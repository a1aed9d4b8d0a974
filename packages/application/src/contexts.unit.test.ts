import { describe, expect, it } from 'vitest';
import { allProjections, contexts } from './contexts.js';

describe('contexts', () => {
  const prefixes = contexts.flatMap((c) => Object.values(c.streamKinds).map((k) => k.prefix));

  // A stream id must name exactly one kind: the audit and the executor find it by prefix.
  it('declares every stream kind once, no prefix a prefix of another', () => {
    for (const a of prefixes)
      for (const b of prefixes.filter((p) => p !== a)) expect(b.startsWith(a)).toBe(false);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes).toEqual(
      expect.arrayContaining([
        'warehouse-',
        'product-',
        'stock-',
        'transfer-',
        'chart-',
        'journal-',
        'settings-',
        'customer-',
        'order-',
        'supplier-',
        'purchase-order-',
      ]),
    );
  });

  // X-Min-Position waits on the owner of each table a query reads: one owner per table.
  it('gives every read-model table one owning projection', () => {
    const tables = allProjections.flatMap((p) => p.tables);
    expect(new Set(tables).size).toBe(tables.length);
    expect(new Set(allProjections.map((p) => p.name)).size).toBe(allProjections.length);
    expect(tables).toEqual(
      expect.arrayContaining(['stock_levels', 'account_tree', 'order_list', 'parties']),
    );
  });
});

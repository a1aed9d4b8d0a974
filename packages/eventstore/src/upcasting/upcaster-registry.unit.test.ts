import { describe, expect, it } from 'vitest';
import type { EventUpcaster } from '@erpcore/domain';
import { createUpcasterRegistry } from './upcaster-registry.js';
import { toCurrentShape } from './current-shape.js';
import { upcasters } from './event-upcasters.js';

const meta = (schemaVersion: unknown) => ({
  actor: 'a',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2024-01-01T00:00:00.000Z',
  schemaVersion,
});

// Thing 1 → 2 renames `n` to `count`; 2 → 3 adds `unit`, and moves `actor` into `by` metadata.
const renamed: EventUpcaster = {
  type: 'Thing',
  fromVersion: 1,
  upcast: ({ data, metadata }) => {
    const { n, ...rest } = data as Record<string, unknown>;
    return { data: { ...rest, count: n }, metadata };
  },
};
const unitAdded: EventUpcaster = {
  type: 'Thing',
  fromVersion: 2,
  upcast: ({ data, metadata }) => ({
    data: { ...(data as object), unit: 'pcs' },
    metadata: { ...metadata, by: metadata['actor'] },
  }),
};

describe('upcaster registry', () => {
  const registry = createUpcasterRegistry([unitAdded, renamed]);

  it('chains every step from the stamped version to the current one, metadata included', () => {
    expect(registry.currentVersion('Thing')).toBe(3);
    expect(registry.currentVersion('Other')).toBe(1);
    expect(registry.upcast('Thing', { data: { n: 2 }, metadata: meta(1) })).toEqual({
      ok: true,
      shape: { data: { count: 2, unit: 'pcs' }, metadata: { ...meta(3), by: 'a' } },
    });
    expect(registry.upcast('Thing', { data: { count: 2 }, metadata: meta(2) })).toEqual({
      ok: true,
      shape: { data: { count: 2, unit: 'pcs' }, metadata: { ...meta(3), by: 'a' } },
    });
  });

  it('hands a current event back untouched (the same object)', () => {
    const shape = { data: { count: 1, unit: 'kg' }, metadata: meta(3) };
    const result = registry.upcast('Thing', shape);
    expect(result.ok && result.shape).toBe(shape);
  });

  it('refuses a version newer than it knows, and versions that are not whole numbers ≥ 1', () => {
    const refused = (type: string, v: unknown) => {
      const result = registry.upcast(type, { data: {}, metadata: meta(v) });
      return result.ok ? 'accepted' : result.reason;
    };
    expect(refused('Thing', 4)).toMatch(
      /schema version 4 of Thing is newer than this erpcore reads \(3\)/,
    );
    expect(refused('Other', 2)).toMatch(/schema version 2 of Other is newer/);
    for (const v of [0, -1, 1.5, '1', null, undefined])
      expect(refused('Thing', v)).toMatch(/schemaVersion: expected a whole number ≥ 1/);
  });

  it('refuses chains with a gap or a duplicate when built', () => {
    expect(() => createUpcasterRegistry([unitAdded])).toThrow(
      /expected one from version 1, found one from 2/,
    );
    expect(() => createUpcasterRegistry([renamed, renamed])).toThrow(
      /expected one from version 2, found one from 1/,
    );
  });
});

describe('toCurrentShape with the domain registry', () => {
  it('reads a version 1 StockAdjusted with the book quantity it lacked, stamped current', () => {
    const v1 = { productId: 'P1', warehouseId: 'W1', countedQuantity: '6.5', quantity: '-3.5' };
    const current = toCurrentShape('StockAdjusted', v1, meta(1));
    expect(current).toEqual({
      ok: true,
      data: { ...v1, bookQuantity: '10' },
      metadata: meta(upcasters.currentVersion('StockAdjusted')),
    });
    expect(upcasters.currentVersion('StockAdjusted')).toBe(2);
  });

  it('reports metadata that is not an object, and metadata the codec refuses after upcasting', () => {
    expect(toCurrentShape('X', {}, 'nope')).toMatchObject({
      ok: false,
      reason: /expected an object/,
    });
    const { actor: _, ...noActor } = meta(1);
    expect(toCurrentShape('X', {}, noActor)).toMatchObject({
      ok: false,
      reason: /^metadata: .*actor/,
    });
  });
});

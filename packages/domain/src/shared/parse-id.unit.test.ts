import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as domain from '../index.js';
import { parseProductId, parseWarehouseId } from './parse-id.js';

describe('id constructors', () => {
  it('make a branded id from a valid plain string', () => {
    expect(parseProductId('SKU-001_a.b')).toEqual(E.right('SKU-001_a.b'));
    expect(parseWarehouseId('x'.repeat(64))).toEqual(E.right('x'.repeat(64)));
  });

  it('refuse anything else with validation_failed naming the kind of id', () => {
    for (const bad of ['', 'x'.repeat(65), 'a b', 'é', 'a/b']) {
      const result = parseWarehouseId(bad);
      expect(E.isLeft(result) && result.left.code).toBe('validation_failed');
      expect(E.isLeft(result) && result.left.details).toEqual([
        { path: 'warehouseId', message: 'must be 1–64 characters of A-Z a-z 0-9 _ . -' },
      ]);
    }
  });

  it('are exported from the package index', () => {
    expect(Object.keys(domain)).toEqual(
      expect.arrayContaining([
        'parseId',
        'parseProductId',
        'parseWarehouseId',
        'parseAccountId',
        'parseCustomerId',
        'parseOrderId',
        'parseJournalEntryId',
      ]),
    );
  });
});

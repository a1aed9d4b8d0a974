import { describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  decodeCursor,
  encodeCursor,
  pageSize,
  toPage,
} from './keyset-cursor.js';

describe('keyset cursor', () => {
  it('round-trips a key and refuses what it did not hand out', () => {
    expect(decodeCursor(encodeCursor(['a/b é']), 1)).toEqual(['a/b é']);
    expect(() => decodeCursor('not-a-cursor', 1)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor(['a', 'b']), 1)).toThrow(InvalidCursorError);
  });

  it('pages with limit + 1 rows and clamps the size', () => {
    const page = toPage(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      2,
      (r) => r.id,
      (r) => [r.id],
    );
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor ?? '', 1)).toEqual(['b']);
    expect(
      toPage(
        [{ id: 'a' }],
        2,
        (r) => r.id,
        (r) => [r.id],
      ).nextCursor,
    ).toBeNull();
    expect([pageSize(undefined), pageSize(0), pageSize(10_000), pageSize(7.9)]).toEqual([
      50, 1, 500, 7,
    ]);
  });
});

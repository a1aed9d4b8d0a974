import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { IdC } from './id.js';

describe('Id', () => {
  it('accepts 1–64 characters of A-Z a-z 0-9 _ . -', () => {
    expect(isRight(IdC.decode('SKU-001_a.b'))).toBe(true);
    expect(isRight(IdC.decode('x'.repeat(64)))).toBe(true);
  });
  it('refuses empty, too long, other characters and non-strings', () => {
    for (const bad of ['', 'x'.repeat(65), 'a b', 'é', 'a/b', 12])
      expect(isLeft(IdC.decode(bad))).toBe(true);
  });
});

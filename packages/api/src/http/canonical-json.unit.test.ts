import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('ignores key order at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
  it('tells values apart: bigint from string and number, arrays by order', () => {
    expect(canonicalJson({ q: 5000n })).not.toBe(canonicalJson({ q: '5000' }));
    expect(canonicalJson({ q: 5000n })).not.toBe(canonicalJson({ q: 5000 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });
});

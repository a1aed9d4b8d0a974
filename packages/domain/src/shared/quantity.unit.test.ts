import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { NonNegativeQuantityC, PositiveQuantityC, Quantity, QuantityC } from './quantity.js';

const quantity = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(Quantity.ofScaled);

describe('Quantity', () => {
  it('parses decimal strings with up to 3 decimals exactly', () => {
    expect(Quantity.parse('12.5')).toBe(12_500n);
    expect(Quantity.parse('0.001')).toBe(1n);
    expect(Quantity.parse('-3')).toBe(-3_000n);
    expect(Quantity.parse('12.5000')).toBeUndefined();
    expect(Quantity.parse('1e3')).toBeUndefined();
    expect(Quantity.parse('.5')).toBeUndefined();
    expect(Quantity.parse('')).toBeUndefined();
  });

  it('formats canonically', () => {
    expect(Quantity.format(Quantity.ofScaled(12_500n))).toBe('12.5');
    expect(Quantity.format(Quantity.ofScaled(-1n))).toBe('-0.001');
    expect(Quantity.format(Quantity.zero)).toBe('0');
  });

  it('parse(format(x)) = x for every quantity', () => {
    fc.assert(fc.property(quantity, (q) => Quantity.parse(Quantity.format(q)) === q));
  });

  it('addition is associative and commutative', () => {
    fc.assert(
      fc.property(quantity, quantity, quantity, (a, b, c) => {
        expect(Quantity.add(a, b)).toBe(Quantity.add(b, a));
        expect(Quantity.add(Quantity.add(a, b), c)).toBe(Quantity.add(a, Quantity.add(b, c)));
      }),
    );
  });

  it('sums that floats get wrong stay exact', () => {
    const tenth = Quantity.parse('0.1') as Quantity;
    const sum = Array.from({ length: 10 }, () => tenth).reduce(Quantity.add, Quantity.zero);
    expect(Quantity.format(sum)).toBe('1');
  });

  it('codecs refuse numbers, excess decimals, garbage and the wrong sign', () => {
    expect(isLeft(QuantityC.decode(12.5))).toBe(true);
    expect(isLeft(QuantityC.decode('12.5555'))).toBe(true);
    expect(isLeft(QuantityC.decode('abc'))).toBe(true);
    expect(isLeft(PositiveQuantityC.decode('0'))).toBe(true);
    expect(isLeft(PositiveQuantityC.decode('-1'))).toBe(true);
    expect(isRight(NonNegativeQuantityC.decode('0'))).toBe(true);
    expect(isLeft(NonNegativeQuantityC.decode('-0.001'))).toBe(true);
    expect(PositiveQuantityC.encode(Quantity.ofScaled(1_500n))).toBe('1.5');
  });
});

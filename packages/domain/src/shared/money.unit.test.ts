import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Money, MoneyC, PositiveMoneyC } from './money.js';
import { Quantity } from './quantity.js';

const money = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(Money.ofCents);

describe('Money', () => {
  it('parse(format(x)) = x for every amount', () => {
    fc.assert(fc.property(money, (m) => Money.parse(Money.format(m)) === m));
  });

  it('addition is associative and commutative', () => {
    fc.assert(
      fc.property(money, money, money, (a, b, c) => {
        expect(Money.add(a, b)).toBe(Money.add(b, a));
        expect(Money.add(Money.add(a, b), c)).toBe(Money.add(a, Money.add(b, c)));
      }),
    );
  });

  it('quantity × unit price rounds half-even to the cent', () => {
    const times = (q: string, p: string) =>
      Money.format(Money.times(Quantity.parse(q) as Quantity, Money.parse(p) as Money));
    expect(times('1.5', '0.01')).toBe('0.02'); // 0.015 → 0.02 (1 is odd, rounds up to even)
    expect(times('2.5', '0.01')).toBe('0.02'); // 0.025 → 0.02 (2 is even, stays)
    expect(times('3', '19.99')).toBe('59.97');
    expect(times('0.333', '3')).toBe('1');
    expect(times('1.005', '1')).toBe('1'); // 1.005 → 1.00
    expect(times('1.015', '1')).toBe('1.02');
  });

  it('multiplication is exact before rounding: never off by more than half a cent', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (q, p) => {
          const result = Money.times(Quantity.ofScaled(q), Money.ofCents(p));
          const exactTimesThousand = q * p; // in cents × 1000
          const diff = result * 1000n - exactTimesThousand;
          expect(diff <= 500n && diff >= -500n).toBe(true);
        },
      ),
    );
  });

  it('codecs refuse numbers and more than 2 decimals', () => {
    expect(isLeft(MoneyC.decode(199.99))).toBe(true);
    expect(isLeft(MoneyC.decode('1.999'))).toBe(true);
    expect(isLeft(PositiveMoneyC.decode('0'))).toBe(true);
    expect(MoneyC.encode(Money.ofCents(19_999n))).toBe('199.99');
  });
});

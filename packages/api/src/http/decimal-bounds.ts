import * as t from 'io-ts';
import {
  maxWholeDigitsPerValue,
  NonNegativeMoneyC,
  NonNegativeQuantityC,
  PositiveMoneyC,
  PositiveQuantityC,
  type Money,
  type Quantity,
} from '@erpcore/domain';

/**
 * The most digits a quantity or an amount may have before the decimal point in a request.
 * Why a bound at all: the read models hold quantities as 64-bit thousandths and money as
 * `numeric(20, 2)` or 64-bit cents, and a value they cannot hold stops a projection on that
 * event for every reader (503s from then on). Twelve digits (under a trillion) keep a single
 * movement, price or payment and the sums of thousands of them within those columns.
 */
export const maxWholeDigits = maxWholeDigitsPerValue;

const bounded = <A extends bigint>(
  codec: t.Type<A, string, unknown>,
  scale: bigint,
): t.Type<A, string, unknown> => {
  const limit = 10n ** BigInt(maxWholeDigits) * scale;
  return new t.Type<A, string, unknown>(
    codec.name,
    (u): u is A => codec.is(u) && u < limit && u > -limit,
    (u, c) => {
      const decoded = codec.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const value = decoded.right;
      return value < limit && value > -limit
        ? decoded
        : t.failure(u, c, `at most ${maxWholeDigits} digits before the decimal point`);
    },
    codec.encode,
  );
};

/** A quantity > 0 in a request body (receipts, issues, transfers, order lines). */
export const BodyQuantityC = bounded<Quantity>(PositiveQuantityC, 1000n);
/** A quantity >= 0 in a request body (`countedQuantity`). */
export const BodyCountedQuantityC = bounded<Quantity>(NonNegativeQuantityC, 1000n);
/** An amount > 0 in a request body (payments, journal lines). */
export const BodyAmountC = bounded<Money>(PositiveMoneyC, 100n);
/** An amount >= 0 in a request body (unit prices). */
export const BodyPriceC = bounded<Money>(NonNegativeMoneyC, 100n);

/** Whether an amount computed from a request (an order's total) stays within the same bound. */
export const amountWithinBounds = (amount: Money): boolean => {
  const limit = 10n ** BigInt(maxWholeDigits) * 100n;
  return amount < limit && amount > -limit;
};

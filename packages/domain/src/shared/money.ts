import type * as t from 'io-ts';
import { decimalCodec } from './quantity.js';
import type { Quantity } from './quantity.js';
import { divideHalfEven, formatScaled, parseScaled } from './scaled-decimal.js';

declare const moneyBrand: unique symbol;
/** An amount of money with 2 decimal places, held as cents. */
export type Money = bigint & { readonly [moneyBrand]: true };

export const MONEY_SCALE = 2;

export const Money = {
  zero: 0n as Money,
  ofCents: (cents: bigint): Money => cents as Money,
  parse: (text: string): Money | undefined => parseScaled(text, MONEY_SCALE) as Money | undefined,
  format: (m: Money): string => formatScaled(m, MONEY_SCALE),
  add: (a: Money, b: Money): Money => (a + b) as Money,
  subtract: (a: Money, b: Money): Money => (a - b) as Money,
  negate: (a: Money): Money => (0n - a) as Money,
  sum: (values: readonly Money[]): Money => values.reduce<bigint>((s, v) => s + v, 0n) as Money,
  compare: (a: Money, b: Money): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0),
  /** quantity × unit price, rounded half-even to the cent (thousandths × cents / 1000). */
  times: (quantity: Quantity, unitPrice: Money): Money =>
    divideHalfEven(quantity * unitPrice, 1000n) as Money,
};

/** Any amount, sign included. */
export const MoneyC = decimalCodec(
  'Money',
  Money.parse,
  (m) => Money.format(m as Money),
  () => true,
  { scale: MONEY_SCALE },
) as unknown as t.Type<Money, string, unknown>;
/** An amount > 0 (a payment, a journal line). */
export const PositiveMoneyC = decimalCodec(
  'PositiveMoney',
  Money.parse,
  (m) => Money.format(m as Money),
  (m) => m > 0n,
  { scale: MONEY_SCALE, sign: 'must be greater than 0' },
) as unknown as t.Type<Money, string, unknown>;
/** An amount >= 0 (a unit price). */
export const NonNegativeMoneyC = decimalCodec(
  'NonNegativeMoney',
  Money.parse,
  (m) => Money.format(m as Money),
  (m) => m >= 0n,
  { scale: MONEY_SCALE, sign: 'must not be negative' },
) as unknown as t.Type<Money, string, unknown>;

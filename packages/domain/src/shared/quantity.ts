import * as t from 'io-ts';
import { formatScaled, parseScaled } from './scaled-decimal.js';

declare const quantityBrand: unique symbol;
/** A quantity with 3 decimal places (fabric is sold by the metre), held as thousandths. */
export type Quantity = bigint & { readonly [quantityBrand]: true };

export const QUANTITY_SCALE = 3;

export const Quantity = {
  zero: 0n as Quantity,
  /** From thousandths. */
  ofScaled: (thousandths: bigint): Quantity => thousandths as Quantity,
  parse: (text: string): Quantity | undefined =>
    parseScaled(text, QUANTITY_SCALE) as Quantity | undefined,
  format: (q: Quantity): string => formatScaled(q, QUANTITY_SCALE),
  add: (a: Quantity, b: Quantity): Quantity => (a + b) as Quantity,
  subtract: (a: Quantity, b: Quantity): Quantity => (a - b) as Quantity,
  negate: (a: Quantity): Quantity => (0n - a) as Quantity,
  compare: (a: Quantity, b: Quantity): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0),
  isPositive: (a: Quantity): boolean => a > 0n,
  isNegative: (a: Quantity): boolean => a < 0n,
  min: (a: Quantity, b: Quantity): Quantity => (a < b ? a : b),
};

const decimalCodec = (
  name: string,
  parse: (s: string) => bigint | undefined,
  format: (b: bigint) => string,
  accept: (b: bigint) => boolean,
) =>
  new t.Type<bigint, string, unknown>(
    name,
    (u): u is bigint => typeof u === 'bigint' && accept(u),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `${name} must be a decimal string`);
      const parsed = parse(u);
      return parsed !== undefined && accept(parsed)
        ? t.success(parsed)
        : t.failure(u, c, `not a valid ${name}`);
    },
    format,
  );

/** Any quantity, sign included (used in events, e.g. a ledger movement). */
export const QuantityC = decimalCodec(
  'Quantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  () => true,
) as unknown as t.Type<Quantity, string, unknown>;
/** A quantity > 0: what a receipt, issue, reservation or order line moves. */
export const PositiveQuantityC = decimalCodec(
  'PositiveQuantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  (q) => q > 0n,
) as unknown as t.Type<Quantity, string, unknown>;
/** A quantity >= 0: a counted quantity. */
export const NonNegativeQuantityC = decimalCodec(
  'NonNegativeQuantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  (q) => q >= 0n,
) as unknown as t.Type<Quantity, string, unknown>;

export { decimalCodec };

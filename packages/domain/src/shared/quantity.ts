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

/** What a decimal codec accepts, so a refusal names the rule that failed. */
export interface DecimalRule {
  /** The most digits after the point. */
  readonly scale: number;
  /** Which values `accept` refuses, in words ("must be greater than 0"). */
  readonly sign?: string;
}

const decimalShape = /^-?\d+(?:\.(\d+))?$/;

/** Why `text` is not a decimal of `rule`'s scale, in words. */
const decimalProblem = (text: string, rule: DecimalRule): string => {
  const match = decimalShape.exec(text);
  if (match === null) return 'must be a decimal string such as "12.5"';
  if ((match[1] ?? '').length > rule.scale)
    return `at most ${rule.scale} decimal place${rule.scale === 1 ? '' : 's'}`;
  return 'must have at most 30 digits before the decimal point';
};

const decimalCodec = (
  name: string,
  parse: (s: string) => bigint | undefined,
  format: (b: bigint) => string,
  accept: (b: bigint) => boolean,
  rule: DecimalRule,
) =>
  new t.Type<bigint, string, unknown>(
    name,
    (u): u is bigint => typeof u === 'bigint' && accept(u),
    (u, c) => {
      if (typeof u !== 'string')
        return t.failure(u, c, 'must be a decimal string such as "12.5" (not a JSON number)');
      const parsed = parse(u);
      if (parsed === undefined) return t.failure(u, c, decimalProblem(u, rule));
      return accept(parsed) ? t.success(parsed) : t.failure(u, c, rule.sign ?? 'out of range');
    },
    format,
  );

/** Any quantity, sign included (used in events, e.g. a ledger movement). */
export const QuantityC = decimalCodec(
  'Quantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  () => true,
  { scale: QUANTITY_SCALE },
) as unknown as t.Type<Quantity, string, unknown>;
/** A quantity > 0: what a receipt, issue, reservation or order line moves. */
export const PositiveQuantityC = decimalCodec(
  'PositiveQuantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  (q) => q > 0n,
  { scale: QUANTITY_SCALE, sign: 'must be greater than 0' },
) as unknown as t.Type<Quantity, string, unknown>;
/** A quantity >= 0: a counted quantity. */
export const NonNegativeQuantityC = decimalCodec(
  'NonNegativeQuantity',
  Quantity.parse,
  (q) => Quantity.format(q as Quantity),
  (q) => q >= 0n,
  { scale: QUANTITY_SCALE, sign: 'must not be negative' },
) as unknown as t.Type<Quantity, string, unknown>;

export { decimalCodec };

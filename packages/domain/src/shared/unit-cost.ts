import type * as t from 'io-ts';
import type { Money } from './money.js';
import type { Quantity } from './quantity.js';
import { decimalCodec } from './quantity.js';
import { divideHalfEven, formatScaled, parseScaled } from './scaled-decimal.js';

declare const unitCostBrand: unique symbol;
/**
 * A cost per unit with 6 decimal places (millionths of the currency unit), held as a scaled
 * bigint. Six places because a unit cost is a quotient (value ÷ quantity): 0.333333 of a unit
 * per metre must survive a round trip closely enough that 1,000 m of it still value to the cent.
 * Unit costs are derived and shown; the exact figure of record is always the value in cents.
 */
export type UnitCost = bigint & { readonly [unitCostBrand]: true };

export const UNIT_COST_SCALE = 6;
// Quantity has 3 places, Money 2, UnitCost 6: q × uc is in 10⁻⁹, cents are 10⁻², so divide by 10⁷.
const SCALE_GAP = 10_000_000n;

export const UnitCost = {
  zero: 0n as UnitCost,
  ofScaled: (millionths: bigint): UnitCost => millionths as UnitCost,
  parse: (text: string): UnitCost | undefined =>
    parseScaled(text, UNIT_COST_SCALE) as UnitCost | undefined,
  format: (c: UnitCost): string => formatScaled(c, UNIT_COST_SCALE),
  /** quantity × unit cost, rounded half-even to the cent. */
  valueOf: (quantity: Quantity, unitCost: UnitCost): Money =>
    divideHalfEven(quantity * unitCost, SCALE_GAP) as Money,
  /** value ÷ quantity, rounded half-even to the millionth; zero when nothing is on hand. */
  average: (value: Money, onHand: Quantity): UnitCost =>
    (onHand === 0n ? 0n : divideHalfEven(value * SCALE_GAP, onHand)) as UnitCost,
};

/** A unit cost >= 0 with at most 6 decimals, as a decimal string. */
export const UnitCostC = decimalCodec(
  'UnitCost',
  UnitCost.parse,
  (c) => UnitCost.format(c as UnitCost),
  (c) => c >= 0n,
  { scale: UNIT_COST_SCALE, sign: 'must not be negative' },
) as unknown as t.Type<UnitCost, string, unknown>;

import { Money } from '../shared/money.js';
import type { Quantity } from '../shared/quantity.js';
import { divideHalfEven } from '../shared/scaled-decimal.js';

/**
 * Moving-average valuation of one product in one warehouse, in exact cents.
 *
 * The figure of record is the stream's total VALUE (cents), not its unit cost: every movement
 * changes it by an amount in cents, so the value of stock always equals what was posted to the
 * inventory account, to the cent, however many movements there were. The unit cost is derived
 * (value ÷ on hand, 6 decimals, half-even) and shown, never multiplied back.
 *
 * - A receipt at a cost adds `quantity × unitCost` (half-even to the cent), or an exact value.
 * - A receipt without a cost comes in at the current average (nothing in stock: at zero).
 * - Anything going out (issue, delivery, transfer out, a count down) takes the average share
 *   `value × quantity ÷ onHand`, half-even to the cent; taking ALL that is on hand takes the whole
 *   value, so no stray cents stay behind on an empty shelf (on hand 0 ⇒ value 0, always).
 */
export const outgoingValue = (value: Money, onHand: Quantity, quantity: Quantity): Money => {
  if (onHand === 0n || value === 0n) return Money.zero;
  if (quantity >= onHand) return value;
  return Money.ofCents(divideHalfEven(value * quantity, onHand));
};

/** What `quantity` more units are worth at the current average (0 when nothing is on hand). */
export const incomingAtAverage = (value: Money, onHand: Quantity, quantity: Quantity): Money =>
  onHand === 0n ? Money.zero : Money.ofCents(divideHalfEven(value * quantity, onHand));

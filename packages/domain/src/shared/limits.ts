import { domainError, type DomainError } from './domain-error.js';
import { Money } from './money.js';
import { Quantity } from './quantity.js';

/**
 * THE bound on every quantity and amount the system holds: at most 15 digits before the point,
 * so every balance, reservation, total and line total lies strictly between −10^15 and 10^15.
 *
 * Why 15: the read models hold quantities as 64-bit thousandths and ledger amounts as 64-bit
 * cents (`bigint`, at most 9,223,372,036,854,775,807) and money totals as `numeric(20, 2)`
 * (18 digits before the point). A value under 10^15 is under 10^18 thousandths and 10^17 cents,
 * and so is the difference of two of them (an adjustment's signed change, a batch's net delta),
 * with room to spare. A decision whose result would leave this range is refused with
 * `limit_exceeded` naming the field, so no event that a read model cannot hold is ever written:
 * a projection can never stop on an overflow, and a rebuild replays every event.
 *
 * A single value in a request is bounded tighter at the edge (`maxWholeDigitsPerValue`): a
 * movement, price or payment of at most 12 digits, so thousands of them add up before a balance
 * reaches this bound.
 */
export const maxWholeDigitsHeld = 15;

/** The most digits before the point of one quantity or amount in a command (a request's value). */
export const maxWholeDigitsPerValue = 12;

const bound = 10n ** BigInt(maxWholeDigitsHeld);

/** The largest quantity held: 999,999,999,999,999.999 (and its negation the smallest). */
export const maxHeldQuantity: Quantity = Quantity.ofScaled(bound * 1000n - 1n);
/** The largest amount held: 999,999,999,999,999.99 (and its negation the smallest). */
export const maxHeldMoney: Money = Money.ofCents(bound * 100n - 1n);

/** Whether a quantity lies within the bound (sign included). */
export const quantityWithinLimit = (q: Quantity): boolean =>
  q <= maxHeldQuantity && q >= Quantity.negate(maxHeldQuantity);
/** Whether an amount lies within the bound (sign included). */
export const moneyWithinLimit = (m: Money): boolean =>
  m <= maxHeldMoney && m >= Money.negate(maxHeldMoney);

/** Where the refused value would have gone: the field and the ids of the row that holds it. */
export type LimitContext = Readonly<Record<string, string>>;

const exceeded = (field: string, limit: string, context: LimitContext): DomainError =>
  domainError('limit_exceeded', `${field} would leave the range the system holds (±${limit})`, [
    { field, limit, ...context },
  ]);

/** `limit_exceeded` naming `field` when the quantity it would hold is out of range; else undefined. */
export const quantityLimit = (
  field: string,
  value: Quantity,
  context: LimitContext = {},
): DomainError | undefined =>
  quantityWithinLimit(value)
    ? undefined
    : exceeded(field, Quantity.format(maxHeldQuantity), context);

/** `limit_exceeded` naming `field` when the amount it would hold is out of range; else undefined. */
export const moneyLimit = (
  field: string,
  value: Money,
  context: LimitContext = {},
): DomainError | undefined =>
  moneyWithinLimit(value) ? undefined : exceeded(field, Money.format(maxHeldMoney), context);

/**
 * Exact decimals as scaled bigints: "12.5" at scale 3 is 12500n. No floating point is ever
 * involved, so sums of quantities and money stay exact however many are added.
 */
const pattern = /^(-)?(\d{1,30})(?:\.(\d+))?$/;

/** Parses a decimal string with at most `scale` fractional digits; undefined if it is not one. */
export const parseScaled = (text: string, scale: number): bigint | undefined => {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return undefined;
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -digits : digits;
};

/** Formats a scaled bigint as a canonical decimal string: no trailing zeros, no trailing dot. */
export const formatScaled = (value: bigint, scale: number): string => {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  // Trailing zeros of the fraction dropped by index, not a regex: this runs for every quantity
  // and amount every answer carries.
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end -= 1;
  const whole = digits.slice(0, point);
  const sign = negative ? '-' : '';
  return end === point ? sign + whole : `${sign}${whole}.${digits.slice(point, end)}`;
};

/** Divides and rounds half to even (banker's rounding), the rule for money in this system. */
export const divideHalfEven = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator === 0n) throw new RangeError('division by zero');
  const sign = numerator < 0n !== denominator < 0n ? -1n : 1n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  const roundUp = twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n);
  return sign * (roundUp ? quotient + 1n : quotient);
};

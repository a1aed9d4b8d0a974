import * as t from 'io-ts';

/**
 * A phone number as people write it: 3–32 characters of digits, spaces and `+ ( ) . -`. Kept
 * as text (leading zeros and `+` matter); the system only stores and shows it.
 */
export interface PhoneBrand {
  readonly Phone: unique symbol;
}
export const PhoneC = t.brand(
  t.string,
  (s): s is t.Branded<string, PhoneBrand> => /^[0-9+() .-]{3,32}$/.test(s) && /\d/.test(s),
  'Phone',
);
export type Phone = t.TypeOf<typeof PhoneC>;

import type * as t from 'io-ts';
import { freeTextCodec } from '../shared/free-text.js';

/**
 * A phone number as people write it: 3–32 characters of digits, spaces and `+ ( ) . -`. Kept
 * as text (leading zeros and `+` matter); the system only stores and shows it.
 */
export interface PhoneBrand {
  readonly Phone: unique symbol;
}
export type Phone = t.Branded<string, PhoneBrand>;
export const PhoneC = freeTextCodec<Phone>('Phone', {
  maxLength: 32,
  pattern: {
    test: /^(?=.*\d)[0-9+() .-]{3,32}$/,
    message: 'must be 3–32 characters of digits, spaces and + ( ) . -, with a digit',
  },
});

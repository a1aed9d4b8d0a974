import { isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/**
 * A value the domain builds itself (a system account's id or name, a reference or description
 * derived from ids), passed through its codec instead of cast to the brand: the codec proves the
 * brand, and a bug here throws at once rather than storing a value a reader would refuse.
 */
export const checked = <A>(codec: t.Decoder<unknown, A>, value: unknown): A => {
  const result = codec.decode(value);
  if (isRight(result)) return result.right;
  throw new TypeError(`not a valid ${codec.name}: ${JSON.stringify(value)}`);
};

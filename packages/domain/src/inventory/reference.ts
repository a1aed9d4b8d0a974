import * as t from 'io-ts';

/**
 * Free text that links a movement to what caused it (a delivery note, an order id, a count
 * sheet): 1–200 characters, not only blanks. It is data, not an identifier, so any character
 * is allowed.
 */
export interface ReferenceBrand {
  readonly Reference: unique symbol;
}
export const ReferenceC = t.brand(
  t.string,
  (s): s is t.Branded<string, ReferenceBrand> => s.length <= 200 && s.trim().length > 0,
  'Reference',
);
export type Reference = t.TypeOf<typeof ReferenceC>;

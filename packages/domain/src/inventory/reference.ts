import type * as t from 'io-ts';
import { freeTextCodec } from '../shared/free-text.js';

/**
 * Free text that links a movement to what caused it (a delivery note, an order id, a count
 * sheet): 1–200 characters, not only blanks. It is data, not an identifier, so any character
 * free text allows is allowed.
 */
export interface ReferenceBrand {
  readonly Reference: unique symbol;
}
export type Reference = t.Branded<string, ReferenceBrand>;
export const ReferenceC = freeTextCodec<Reference>('Reference', { maxLength: 200, notBlank: true });

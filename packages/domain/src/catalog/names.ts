import * as t from 'io-ts';
import { freeTextCodec } from '../shared/free-text.js';

/** A display name: 1–200 characters, not only blanks. Names are data, not identifiers. */
export interface NameBrand {
  readonly Name: unique symbol;
}
export type Name = t.Branded<string, NameBrand>;
export const NameC = freeTextCodec<Name>('Name', { maxLength: 200, notBlank: true });

/** A unit of measure code (`pcs`, `m`, `kg`, `m2`…): 1–16 characters of A-Z a-z 0-9 _ . / -. */
export interface UnitBrand {
  readonly Unit: unique symbol;
}
export const UnitC = t.brand(
  t.string,
  (s): s is t.Branded<string, UnitBrand> => /^[A-Za-z0-9_./-]{1,16}$/.test(s),
  'Unit',
);
export type Unit = t.TypeOf<typeof UnitC>;

import * as t from 'io-ts';

/** A display name: 1–200 characters, not only blanks. Names are data, not identifiers. */
export interface NameBrand {
  readonly Name: unique symbol;
}
export const NameC = t.brand(
  t.string,
  (s): s is t.Branded<string, NameBrand> => s.length <= 200 && s.trim().length > 0,
  'Name',
);
export type Name = t.TypeOf<typeof NameC>;

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

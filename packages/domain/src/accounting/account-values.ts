import * as t from 'io-ts';
import { freeTextCodec } from '../shared/free-text.js';

/** The five account types of double-entry bookkeeping. */
export const AccountTypeC = t.keyof(
  { asset: null, liability: null, equity: null, income: null, expense: null },
  'AccountType',
);
export type AccountType = t.TypeOf<typeof AccountTypeC>;

/**
 * An account name: 1–200 characters, not only blanks, no control characters. Control characters
 * are refused because the read model sorts paths by the UTF-8 bytes of names joined with a NUL
 * separator, and PostgreSQL text cannot hold NUL anyway.
 */
export interface AccountNameBrand {
  readonly AccountName: unique symbol;
}
export type AccountName = t.Branded<string, AccountNameBrand>;
export const AccountNameC = freeTextCodec<AccountName>('AccountName', {
  maxLength: 200,
  notBlank: true,
  // eslint-disable-next-line no-control-regex
  pattern: { test: /^[^\u0000-\u001f\u007f]*$/, message: 'must not contain control characters' },
});

/** A calendar date `YYYY-MM-DD` that exists (no 2023-02-30). */
export interface CalendarDateBrand {
  readonly CalendarDate: unique symbol;
}
export const CalendarDateC = t.brand(
  t.string,
  (s): s is t.Branded<string, CalendarDateBrand> => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (match === null) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return year >= 1 && daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
  },
  'CalendarDate',
);
export type CalendarDate = t.TypeOf<typeof CalendarDateC>;

/** A journal entry's free text: up to 1,000 characters, may be empty. */
export interface DescriptionBrand {
  readonly Description: unique symbol;
}
export type Description = t.Branded<string, DescriptionBrand>;
export const DescriptionC = freeTextCodec<Description>('Description', { maxLength: 1000 });

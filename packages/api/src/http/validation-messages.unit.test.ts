import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { AccountTypeC, CalendarDateC, IdC, PositiveQuantityC, UnitC } from '@erpcore/domain';
import { decodeOr400, strictObject } from './decode.js';
import { BodyAmountC, BodyQuantityC } from './decimal-bounds.js';
import { HttpError } from './http-error.js';

const messageFor = (codec: t.Mixed, value: unknown): string => {
  const body = strictObject('Body', { field: codec });
  try {
    decodeOr400(body, value === undefined ? {} : { field: value }, 'body');
  } catch (error) {
    if (error instanceof HttpError) {
      const details = error.details as ReadonlyArray<{ path: string; message: string }>;
      expect(details.map((d) => d.path)).toEqual(['body.field']);
      return details[0]?.message ?? '';
    }
  }
  throw new Error('expected a validation failure');
};

const OrderStatusC = t.keyof(
  { pending: null, confirmed: null, delivered: null, cancelled: null },
  'OrderStatus',
);

describe('validation messages say the rule, never the codec name', () => {
  it('ids', () => {
    expect(messageFor(IdC, 'a b')).toBe('must be 1–64 characters from A–Z a–z 0–9 _ . -');
    expect(messageFor(IdC, 'x'.repeat(65))).toBe('must be 1–64 characters from A–Z a–z 0–9 _ . -');
    expect(messageFor(IdC, undefined)).toBe('required: 1–64 characters from A–Z a–z 0–9 _ . -');
    expect(messageFor(UnitC, '')).toBe('must be 1–16 characters from A–Z a–z 0–9 _ . / -');
  });

  it('decimals name the rule that failed', () => {
    expect(messageFor(PositiveQuantityC, '5.1234')).toBe('at most 3 decimal places');
    expect(messageFor(BodyQuantityC, '5.1234')).toBe('at most 3 decimal places');
    expect(messageFor(BodyAmountC, '1.234')).toBe('at most 2 decimal places');
    expect(messageFor(BodyQuantityC, '0')).toBe('must be greater than 0');
    expect(messageFor(BodyQuantityC, '-1')).toBe('must be greater than 0');
    expect(messageFor(BodyQuantityC, 'abc')).toBe('must be a decimal string such as "12.5"');
    expect(messageFor(BodyQuantityC, 5)).toBe(
      'must be a decimal string such as "12.5" (not a JSON number)',
    );
    expect(messageFor(BodyQuantityC, '1000000000000')).toBe(
      'at most 12 digits before the decimal point',
    );
  });

  it('enumerations list their members', () => {
    expect(messageFor(OrderStatusC, 'shipped')).toBe(
      'must be one of pending, confirmed, delivered, cancelled',
    );
    expect(messageFor(AccountTypeC, 'cash')).toBe(
      'must be one of asset, liability, equity, income, expense',
    );
  });

  it('dates', () => {
    expect(messageFor(CalendarDateC, '2023-02-30')).toBe('must be a calendar date YYYY-MM-DD');
    expect(messageFor(CalendarDateC, 20230201)).toBe('must be a calendar date YYYY-MM-DD');
  });

  it('shapes: unions, literals, arrays, objects', () => {
    expect(messageFor(t.union([IdC, t.null]), 5)).toBe(
      'must be 1–64 characters from A–Z a–z 0–9 _ . - or null',
    );
    expect(messageFor(t.literal('x'), 'y')).toBe('must be "x"');
    expect(messageFor(t.array(t.string), 'y')).toBe('must be an array');
    expect(messageFor(strictObject('Inner', { a: t.string }), 'y')).toBe('must be an object');
    expect(messageFor(t.string, 1)).toBe('must be a string');
  });

  it('no message names a codec', () => {
    const names = ['Id', 'PositiveQuantity', 'OrderStatus', 'CalendarDate', 'Body'];
    const messages = [
      messageFor(IdC, 1),
      messageFor(PositiveQuantityC, '5.1234'),
      messageFor(OrderStatusC, 1),
      messageFor(CalendarDateC, 'x'),
    ];
    for (const m of messages) for (const n of names) expect(m).not.toContain(n);
  });
});

import * as t from 'io-ts';
import { strictObject } from './decode.js';
import { intFromString } from '../config/env-codecs.js';

/**
 * Every cursor this API hands out is base64url text (of a JSON key, or `v1:<n>` on the audit
 * lists). Refused here: anything else, and a cursor whose text holds a NUL, raw or JSON-escaped,
 * which no key can contain and which PostgreSQL would reject as text (a 500, not the 400 a
 * garbage cursor gets).
 */
export const CursorC = new t.Type<string, string, unknown>(
  'Cursor',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    if (typeof u !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(u))
      return t.failure(u, c, 'not a cursor this API handed out');
    const text = Buffer.from(u, 'base64url').toString('utf8');
    return text.includes('\u0000') || /\\u0000/i.test(text)
      ? t.failure(u, c, 'not a cursor this API handed out')
      : t.success(u);
  },
  (s) => s,
);

/** `limit` 1–500 (default 50) and an opaque `cursor`, as every list takes them. */
export const listQueryProps = {
  limit: intFromString('Limit', 1, 500),
  cursor: CursorC,
};

export const ListQueryC = strictObject('ListQuery', {}, listQueryProps);

export const defaultListLimit = 50;

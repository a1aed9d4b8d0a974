import type { JsonSchema } from './json-schema.js';

/** A decimal string of at most `scale` places and 30 whole digits; the sign as the codec takes it. */
const decimal = (scale: number, sign: 'any' | 'positive' | 'nonNegative'): JsonSchema => {
  const body = `\\d{1,30}(\\.\\d{1,${scale}})?`;
  const pattern =
    sign === 'any'
      ? `^-?${body}$`
      : sign === 'nonNegative'
        ? `^${body}$`
        : `^(?!0+(\\.0+)?$)${body}$`;
  const what = sign === 'positive' ? ' > 0' : sign === 'nonNegative' ? ' >= 0' : '';
  return {
    type: 'string',
    pattern,
    description: `a decimal string${what} with at most ${scale} decimal places`,
    examples: [scale >= 3 ? '12.5' : '199.99'],
  };
};

const freeText = (maxLength: number, notBlank: boolean): JsonSchema => ({
  type: 'string',
  maxLength,
  ...(notBlank ? { minLength: 1, pattern: '\\S' } : {}),
});

const id: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.-]{1,64}$',
  minLength: 1,
  maxLength: 64,
  description: '1–64 characters from A–Z a–z 0–9 _ . -',
};

/**
 * The JSON Schema of every named codec whose rule io-ts cannot show (brands, refinements and
 * custom types), by the codec's `name`. One table, kept with `codecRules` in mind: the schema
 * says in JSON Schema what the decoder checks and what the refusal message says in words.
 */
export const codecSchemas: Readonly<Record<string, JsonSchema>> = {
  Id: id,
  Unit: {
    type: 'string',
    pattern: '^[A-Za-z0-9_./-]{1,16}$',
    description: '1–16 characters from A–Z a–z 0–9 _ . / -',
  },
  CalendarDate: {
    type: 'string',
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'a calendar date YYYY-MM-DD',
  },
  Quantity: decimal(3, 'any'),
  PositiveQuantity: decimal(3, 'positive'),
  NonNegativeQuantity: decimal(3, 'nonNegative'),
  Money: decimal(2, 'any'),
  PositiveMoney: decimal(2, 'positive'),
  NonNegativeMoney: decimal(2, 'nonNegative'),
  UnitCost: decimal(6, 'nonNegative'),
  Name: freeText(200, true),
  AccountName: freeText(200, true),
  Description: freeText(1000, false),
  CancelReason: freeText(500, false),
  Reference: freeText(200, true),
  Phone: {
    type: 'string',
    pattern: '^(?=.*\\d)[0-9+() .-]{3,32}$',
    description: '3–32 characters of digits, spaces and + ( ) . -, with a digit',
  },
  DecimalBigint: {
    type: 'string',
    pattern: '^\\d{1,20}$',
    description: 'a whole number (decimal digits, 64-bit)',
  },
  IsoTime: {
    type: 'string',
    format: 'date-time',
    description: 'an ISO-8601 time, e.g. 2024-05-01T12:00:00Z',
  },
  Cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,512}$', description: 'opaque' },
  // On the wire a query string is text; clients send a number and it decodes from its digits.
  Limit: { type: 'integer', minimum: 1, maximum: 500, description: 'default 50' },
  StreamId: { type: 'string', pattern: '^[A-Za-z0-9_.@-]{1,200}$' },
  JobId: { type: 'string', minLength: 1, maxLength: 256 },
  Position: { type: 'string', pattern: '^\\d{1,20}$', description: 'a global position' },
};

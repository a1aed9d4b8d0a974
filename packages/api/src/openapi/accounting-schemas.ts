import { closedObject, decimalText, nullableText, text } from './response-schemas.js';

/** The five account types. */
export const accountTypeSchema = {
  type: 'string',
  enum: ['asset', 'liability', 'equity', 'income', 'expense'],
};

/** `GET /v1/accounts/:id` and each item of `GET /v1/accounts`. */
export const accountSchema = closedObject({
  id: text,
  name: text,
  type: accountTypeSchema,
  parentId: nullableText,
  path: text,
  depth: { type: 'integer', minimum: 0 },
  balance: decimalText,
  rolledUpBalance: decimalText,
  closed: { type: 'boolean' },
});

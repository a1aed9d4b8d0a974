import type { JsonSchema } from './json-schema.js';

/** The one error envelope every error is answered with (API.md "Errors"). */
export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      additionalProperties: false,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array' },
      },
    },
  },
};

/** A 64-bit revision or global position, as a decimal string (JSON numbers lose them). */
export const positionText: JsonSchema = { type: 'string', pattern: '^\\d{1,20}$' };
/** A decimal amount or quantity as the API answers it (a canonical decimal string). */
export const decimalText: JsonSchema = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
export const text: JsonSchema = { type: 'string' };
export const nullableText: JsonSchema = { type: ['string', 'null'] };
export const dateText: JsonSchema = { type: 'string', format: 'date' };
export const timeText: JsonSchema = { type: 'string', format: 'date-time' };

/** A closed object: every listed key is answered, no other. */
export const closedObject = (
  properties: Record<string, JsonSchema>,
  optional: Record<string, JsonSchema> = {},
): JsonSchema => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties: { ...properties, ...optional },
});

/**
 * A command's answer: `{ id, revision, position }` plus command-specific fields; `extra` are
 * always answered, `optional` only in some outcomes (an identical retry answers as the first did).
 */
export const commandAnswerSchema = (
  extra: Record<string, JsonSchema> = {},
  optional: Record<string, JsonSchema> = {},
): JsonSchema =>
  closedObject({ id: text, revision: positionText, position: positionText, ...extra }, optional);

/** A page of a list: `{ items, nextCursor }`. */
export const pageSchema = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: item },
    nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
});

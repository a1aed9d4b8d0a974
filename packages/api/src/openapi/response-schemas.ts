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

const position: JsonSchema = { type: 'string', pattern: '^\\d{1,20}$' };

/** A command's answer: `{ id, revision, position }` plus command-specific fields. */
export const commandAnswerSchema = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  required: ['id', 'revision', 'position', ...Object.keys(extra)],
  properties: { id: { type: 'string' }, revision: position, position, ...extra },
});

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

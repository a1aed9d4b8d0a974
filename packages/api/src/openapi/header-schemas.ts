import type { JsonSchema } from './json-schema.js';

/** `Idempotency-Key` (idempotency.ts): a retry with the same key and body answers as the first. */
const idempotencyKey: JsonSchema = {
  type: 'string',
  pattern: '^[\\x21-\\x7e]{1,255}$',
  description:
    '1–255 visible ASCII characters. A retry with the same key and body answers as the first attempt did; the same key with another body is 422 idempotency_key_reused.',
};

/** `X-Min-Position` (min-position.ts): read your writes. */
const minPosition: JsonSchema = {
  type: 'string',
  pattern: '^\\d{1,20}$',
  description:
    'A global position a command answered with: the read waits (up to 5 s) until the read models it uses have passed it, else 503 projection_lagging.',
};

/** The headers a command takes. */
export const commandHeaders: JsonSchema = {
  type: 'object',
  properties: { 'Idempotency-Key': idempotencyKey },
};

/** The headers a read over read models takes. */
export const readHeaders: JsonSchema = {
  type: 'object',
  properties: { 'X-Min-Position': minPosition },
};

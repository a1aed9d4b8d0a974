import type * as t from 'io-ts';
import { isRecord } from '@erpcore/domain';

export type AnyDecoder = t.Decoder<unknown, unknown>;

/**
 * io-ts types the parts of its combinators (`type`, `types`, `keys`, `props`) as `any`. Reading a
 * codec's shape (for refusal messages and the OpenAPI document) goes through these checks
 * instead of casts: a part that is not what it should be is a bug and throws where it is found.
 */
export const isDecoder = (u: unknown): u is AnyDecoder =>
  typeof u === 'object' &&
  u !== null &&
  'decode' in u &&
  typeof u.decode === 'function' &&
  'name' in u &&
  typeof u.name === 'string';

export const decoderPart = (u: unknown): AnyDecoder => {
  if (isDecoder(u)) return u;
  throw new TypeError('expected an io-ts decoder inside a codec');
};

export const decoderParts = (u: unknown): readonly AnyDecoder[] =>
  Array.isArray(u) ? u.map(decoderPart) : [decoderPart(u)];

export const recordPart = (u: unknown): Readonly<Record<string, unknown>> => {
  if (isRecord(u)) return u;
  throw new TypeError('expected an object inside a codec');
};

/** The props of an interface or partial codec: each a decoder. */
export const propsPart = (u: unknown): Readonly<Record<string, AnyDecoder>> =>
  Object.fromEntries(Object.entries(recordPart(u)).map(([k, v]) => [k, decoderPart(v)]));

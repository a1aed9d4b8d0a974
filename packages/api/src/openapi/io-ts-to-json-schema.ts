import * as t from 'io-ts';
import { decoderPart, decoderParts, propsPart, recordPart } from '../http/codec-parts.js';
import { StrictObjectType } from '../http/strict-object-type.js';
import { codecSchemas } from './codec-schemas.js';
import type { JsonSchema } from './json-schema.js';

type Codec = t.Decoder<unknown, unknown>;

/** What a refinement of an array adds to its shape, by the refinement's name. */
const refinementBounds: Readonly<Record<string, JsonSchema>> = {
  OrderItems: { minItems: 1, maxItems: 200 },
  'OrderItems (1–200 lines)': { minItems: 1, maxItems: 200 },
  FulfilmentRequestLines: { minItems: 1, maxItems: 200 },
  PurchaseLines: { minItems: 1, maxItems: 200 },
  QuantityLines: { minItems: 1, maxItems: 200 },
  // One line per product: JSON Schema cannot say "unique by productId"; the decoder refuses it.
  'Lines (1–200, one per product)': { minItems: 1, maxItems: 200 },
};

const objectOf = (
  required: Readonly<Record<string, Codec>>,
  optional: Readonly<Record<string, Codec>>,
  exact: boolean,
): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, codec] of Object.entries(required)) properties[key] = toJsonSchema(codec);
  for (const [key, codec] of Object.entries(optional)) properties[key] = toJsonSchema(codec);
  const requiredKeys = Object.keys(required);
  return {
    type: 'object',
    properties,
    ...(requiredKeys.length > 0 ? { required: requiredKeys } : {}),
    ...(exact ? { additionalProperties: false } : {}),
  };
};

/**
 * The JSON Schema of an io-ts codec: what the decoder accepts, for the OpenAPI document. Named
 * codecs (brands, refinements, custom types) come from `codecSchemas`; io-ts's combinators are
 * translated structurally. A codec this cannot see into is `{}` (anything), never a guess.
 */
export const toJsonSchema = (codec: Codec): JsonSchema => {
  const named = Object.prototype.hasOwnProperty.call(codecSchemas, codec.name)
    ? codecSchemas[codec.name]
    : undefined;
  if (named !== undefined) return named;
  if (codec instanceof StrictObjectType)
    return objectOf(codec.shape.required, codec.shape.optional, true);
  if (codec instanceof t.ExactType) {
    const inner = toJsonSchema(decoderPart(codec.type));
    return { ...inner, additionalProperties: false };
  }
  if (codec instanceof t.InterfaceType) return objectOf(propsPart(codec.props), {}, false);
  if (codec instanceof t.PartialType) return objectOf({}, propsPart(codec.props), false);
  if (codec instanceof t.RefinementType)
    return { ...toJsonSchema(decoderPart(codec.type)), ...(refinementBounds[codec.name] ?? {}) };
  if (codec instanceof t.ReadonlyType) return toJsonSchema(decoderPart(codec.type));
  if (codec instanceof t.IntersectionType)
    return { allOf: decoderParts(codec.types).map(toJsonSchema) };
  if (codec instanceof t.UnionType) return { anyOf: decoderParts(codec.types).map(toJsonSchema) };
  if (codec instanceof t.LiteralType) return { const: codec.value };
  if (codec instanceof t.KeyofType)
    return { type: 'string', enum: Object.keys(recordPart(codec.keys)) };
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType)
    return { type: 'array', items: toJsonSchema(decoderPart(codec.type)) };
  if (codec instanceof t.DictionaryType)
    return { type: 'object', additionalProperties: toJsonSchema(decoderPart(codec.codomain)) };
  if (codec instanceof t.NullType) return { type: 'null' };
  if (codec instanceof t.StringType) return { type: 'string' };
  if (codec instanceof t.NumberType) return { type: 'number' };
  if (codec instanceof t.BooleanType) return { type: 'boolean' };
  return {};
};

import * as t from 'io-ts';
import { codecRule } from '@erpcore/domain';
import { decoderPart, decoderParts, recordPart } from './codec-parts.js';
import { StrictObjectType } from './strict-object-type.js';

/** The rules of the codecs the HTTP layer defines itself, by name (as `codecRules` in the domain). */
const apiCodecRules: Readonly<Record<string, string>> = {
  StreamId: '1–200 characters from A–Z a–z 0–9 _ . @ -',
  'OrderItems (1–200 lines)': 'an array of 1–200 lines',
  JobId: '1–256 characters',
};

/**
 * What a codec accepts, in words, for a refusal's message: the domain's rule table for its named
 * codecs, and the shape itself for io-ts's own combinators (`one of pending, confirmed, …`).
 * Never a codec's internal name: "expected OrderStatus" tells a client nothing.
 */
export const ruleText = (codec: t.Decoder<unknown, unknown>): string => {
  const named = codecRule(codec.name) ?? apiCodecRules[codec.name];
  if (named !== undefined) return named;
  if (codec instanceof t.KeyofType)
    return `one of ${Object.keys(recordPart(codec.keys)).join(', ')}`;
  if (codec instanceof t.LiteralType) return JSON.stringify(codec.value);
  if (codec instanceof t.UnionType) return decoderParts(codec.types).map(ruleText).join(' or ');
  if (
    codec instanceof t.RefinementType ||
    codec instanceof t.ExactType ||
    codec instanceof t.ReadonlyType
  )
    return ruleText(decoderPart(codec.type));
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) return 'an array';
  if (codec instanceof t.NullType) return 'null';
  if (codec === t.string) return 'a string';
  if (codec === t.number) return 'a number';
  if (codec === t.boolean) return 'true or false';
  if (
    codec instanceof StrictObjectType ||
    codec instanceof t.InterfaceType ||
    codec instanceof t.PartialType ||
    codec instanceof t.IntersectionType ||
    codec instanceof t.DictionaryType
  )
    return 'an object';
  return 'a valid value';
};

import { Ajv2020 } from 'ajv/dist/2020.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { AccountTypeC, CalendarDateC, IdC, NameC, PositiveQuantityC } from '@erpcore/domain';
import { strictObject } from '../http/decode.js';
import { BodyPriceC, BodyQuantityC } from '../http/decimal-bounds.js';
import { toJsonSchema } from './io-ts-to-json-schema.js';

const ajv = new Ajv2020({ strict: false, validateFormats: false });

const BodyC = strictObject(
  'Body',
  {
    id: IdC,
    name: NameC,
    type: AccountTypeC,
    date: CalendarDateC,
    lines: t.refinement(
      t.readonlyArray(strictObject('Line', { quantity: BodyQuantityC, unitPrice: BodyPriceC })),
      (ls) => ls.length >= 1 && ls.length <= 200,
      'OrderItems',
    ),
  },
  { parentId: t.union([IdC, t.null]), kind: t.literal('x') },
);

describe('toJsonSchema', () => {
  it('translates objects, brands, enums, unions, literals and arrays', () => {
    const schema = toJsonSchema(BodyC);
    expect(schema).toMatchObject({
      type: 'object',
      required: ['id', 'name', 'type', 'date', 'lines'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
        type: { type: 'string', enum: ['asset', 'liability', 'equity', 'income', 'expense'] },
        parentId: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        kind: { const: 'x' },
        lines: { type: 'array', minItems: 1, maxItems: 200 },
      },
    });
  });

  // The schema and the decoder agree on every sample: what one accepts, so does the other.
  it('accepts what the codec accepts and refuses what it refuses', () => {
    const validate = ajv.compile(toJsonSchema(BodyC));
    const good = {
      id: 'A-1',
      name: 'Cash',
      type: 'asset',
      date: '2024-02-29',
      lines: [{ quantity: '5.125', unitPrice: '0' }],
      parentId: null,
    };
    const samples: unknown[] = [
      good,
      { ...good, id: 'a b' },
      { ...good, type: 'cash' },
      { ...good, date: '24-02-29' },
      { ...good, lines: [] },
      { ...good, lines: [{ quantity: '5.1234', unitPrice: '1' }] },
      { ...good, lines: [{ quantity: '0', unitPrice: '1' }] },
      { ...good, lines: [{ quantity: '0.000', unitPrice: '1' }] },
      { ...good, lines: [{ quantity: 5, unitPrice: '1' }] },
      { ...good, lines: [{ quantity: '1', unitPrice: '1.005' }] },
      { ...good, extra: 1 },
      { ...good, name: '' },
      { ...good, parentId: 'P' },
      { ...good, kind: 'y' },
    ];
    for (const sample of samples)
      expect([sample, validate(sample)]).toEqual([sample, BodyC.decode(sample)._tag === 'Right']);
  });

  it('gives decimal codecs a pattern', () => {
    const validate = ajv.compile(toJsonSchema(PositiveQuantityC));
    expect(['1', '0.001', '12.5'].map((v) => validate(v))).toEqual([true, true, true]);
    expect(['0', '-1', '1.0001', '1e3', ''].map((v) => validate(v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

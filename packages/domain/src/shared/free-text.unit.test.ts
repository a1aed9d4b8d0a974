import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { describe, expect, it } from 'vitest';
import { AccountNameC, DescriptionC } from '../accounting/account-values.js';
import { NameC } from '../catalog/names.js';
import { ReferenceC } from '../inventory/reference.js';
import { PhoneC } from '../sales/customer-fields.js';
import { CancelReasonC } from '../sales/order.commands.js';

// Every free-text field of the command codecs: one codec, one set of rules.
const freeTexts: ReadonlyArray<readonly [string, t.Decoder<unknown, string>]> = [
  ['Name', NameC],
  ['Reference', ReferenceC],
  ['AccountName', AccountNameC],
  ['Description', DescriptionC],
  ['CancelReason', CancelReasonC],
  ['Phone', PhoneC],
];

describe('free text', () => {
  it.each(freeTexts)('%s refuses NUL and lone surrogates, saying which', (_name, codec) => {
    for (const [bad, why] of [
      ['12\u00003', 'NUL'],
      ['12\uD8003', 'lone surrogate'],
      ['12\uDC003', 'lone surrogate'],
      ['123\uD800', 'lone surrogate'],
    ] as const) {
      const result = codec.decode(bad);
      expect(isLeft(result)).toBe(true);
      expect(PathReporter.report(result).join()).toContain(why);
    }
  });

  it('accepts paired surrogates (emoji) and any other character where text is free', () => {
    for (const codec of [NameC, ReferenceC, DescriptionC, CancelReasonC])
      expect(isRight(codec.decode('Café 😀 ×2\t'))).toBe(true);
  });

  it('keeps each field’s bounds', () => {
    expect(isRight(NameC.decode('x'.repeat(200)))).toBe(true);
    expect(isLeft(NameC.decode('x'.repeat(201)))).toBe(true);
    expect(isLeft(NameC.decode('   '))).toBe(true);
    expect(isRight(DescriptionC.decode(''))).toBe(true);
    expect(isLeft(DescriptionC.decode('x'.repeat(1001)))).toBe(true);
    expect(isLeft(CancelReasonC.decode('x'.repeat(501)))).toBe(true);
    expect(isLeft(AccountNameC.decode('a\tb'))).toBe(true);
    expect(isRight(PhoneC.decode('+1 (555) 010-99'))).toBe(true);
    expect(isLeft(PhoneC.decode('call me'))).toBe(true);
    expect(isLeft(NameC.decode(12))).toBe(true);
  });
});

import * as t from 'io-ts';

/** What one kind of free text allows beyond the rules every free text shares. */
export interface FreeTextRules {
  /** The most UTF-16 code units (JavaScript's `length`; an emoji counts 2). */
  readonly maxLength: number;
  /** Refuse an empty or only-blank text. */
  readonly notBlank?: boolean;
  /** A further rule the text must match, with what to say when it does not. */
  readonly pattern?: { readonly test: RegExp; readonly message: string };
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string is not acceptable free text, or undefined if it is. Every free text refuses NUL
 * (PostgreSQL `text` and `jsonb` cannot hold it) and lone surrogates (not Unicode: they cannot be
 * encoded as UTF-8, so the event log would refuse them) — before this rule both ended as a 500.
 */
export const freeTextProblem = (text: string, rules: FreeTextRules): string | undefined => {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000)';
  if (loneSurrogate.test(text)) return 'must not contain a lone surrogate (not valid Unicode)';
  if (text.length > rules.maxLength) return `must be at most ${rules.maxLength} characters`;
  if (rules.notBlank === true && text.trim().length === 0) return 'must not be empty or blank';
  if (rules.pattern !== undefined && !rules.pattern.test.test(text)) return rules.pattern.message;
  return undefined;
};

/**
 * THE codec for free text (names, references, reasons, descriptions, phone numbers): a string
 * that passes `freeTextProblem`, branded `A`. A refusal names what is wrong, and the API reports
 * it at the field's path (`400 validation_failed`, `body.name: must not contain NUL`).
 */
export const freeTextCodec = <A extends string>(
  name: string,
  rules: FreeTextRules,
): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && freeTextProblem(u, rules) === undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `${name}: must be a string`);
      const problem = freeTextProblem(u, rules);
      // The brand is what this check proves; io-ts cannot see that through a custom Type.
      return problem === undefined ? t.success(u as A) : t.failure(u, c, `${name}: ${problem}`);
    },
    (a) => a,
  );

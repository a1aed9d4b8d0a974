import * as E from 'fp-ts/lib/Either.js';
import type { Decider, DomainEvent } from './decider.js';
import { fold } from './decider.js';
import type { DomainErrorCode } from './domain-error.js';

/**
 * Given/when/then specifications for deciders, framework-free so any context's tests reuse it:
 *
 *   given(stockDecider, [received]).when(issue).then([issued]);
 *   given(stockDecider, []).when(issue).then('insufficient_stock');
 *
 * A failed expectation throws an error carrying `actual` and `expected`, which test runners
 * (vitest included) render as a diff.
 */
export const given = <C, Ev extends DomainEvent, S>(
  decider: Decider<C, Ev, S>,
  history: readonly Ev[],
) => ({
  when: (command: C) => ({
    /** Expect these events (in order), or a refusal with this error code. */
    then: (expected: readonly Ev[] | DomainErrorCode): void => {
      const result = decider.decide(command, fold(decider, history));
      const actual = E.isLeft(result) ? result.left.code : result.right;
      if (!deepEqual(actual, expected))
        throw new DeciderSpecError(describe(actual), describe(expected));
    },
  }),
});

/** A spec that did not hold; `actual` and `expected` are JSON-like renderings (bigints as `123n`). */
export class DeciderSpecError extends Error {
  override readonly name = 'DeciderSpecError';
  constructor(
    readonly actual: unknown,
    readonly expected: unknown,
  ) {
    super(
      `decider spec failed: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

const definedEntries = (o: object): ReadonlyMap<string, unknown> => {
  const entries: [string, unknown][] = Object.entries(o);
  return new Map(entries.filter(([, v]) => v !== undefined));
};

/** Structural equality over what events hold: primitives (bigint included), arrays, plain records. */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ea = definedEntries(a);
  const eb = definedEntries(b);
  if (ea.size !== eb.size) return false;
  return [...ea].every(([k, v]) => eb.has(k) && deepEqual(v, eb.get(k)));
};

// Bigints have no JSON form; render them as `123n` so the diff stays readable.
const describe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

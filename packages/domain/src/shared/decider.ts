import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './domain-error.js';

/** An event as the domain sees it: a tag and its data. Infrastructure fields live beside it. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * A decider is a plain record. `decide` is pure and total: time and ids arrive inside the
 * command, never from the clock or a random source.
 */
export interface Decider<C, E extends DomainEvent, S> {
  readonly initialState: S;
  readonly decide: (command: C, state: S) => Either<DomainError, readonly E[]>;
  readonly evolve: (state: S, event: E) => S;
}

/** Folds events into a state. */
export const fold = <C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events: Iterable<E>,
  from: S = decider.initialState,
): S => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** Compile-time exhaustiveness guard for `switch` over a union. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
};

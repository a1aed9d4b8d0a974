import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError, DomainEvent } from '@erpcore/domain';
import type { StoredEvent, StreamModel } from '@erpcore/eventstore';

/**
 * The kinds of stream a use case touches, keyed by the ROLE each plays in it (`source`,
 * `destination`, `transfer`, `product`…). A kind is a stream model: how its state is folded and
 * loaded (last event, snapshot, fold).
 */
export type RoleKinds = Readonly<Record<string, RoleKind>>;

type AnyModel = StreamModel<DomainEvent, unknown>;

/**
 * A role played by a SET of streams of one kind, known only from the command (an order's stock
 * streams, one per product): its streams are a list of ids, its state and events maps by stream id.
 */
export interface Many<M extends AnyModel = AnyModel> {
  readonly many: M;
}
export const many = <M extends AnyModel>(model: M): Many<M> => ({ many: model });

export type RoleKind = AnyModel | Many;

type OneState<K> = K extends StreamModel<DomainEvent, infer S> ? S : never;
type OneEvent<K> = K extends StreamModel<infer E, unknown> ? E : never;
export type StateOf<K> = K extends Many<infer M> ? ReadonlyMap<string, OneState<M>> : OneState<K>;
export type EventOf<K> = K extends Many<infer M> ? OneEvent<M> : OneEvent<K>;

/** Each role's state, typed by its kind: `states.source` is a StockState, `states.nope` does not compile. */
export type RoleStates<R extends RoleKinds> = { readonly [P in keyof R]: StateOf<R[P]> };

/** What a decision appends, per role (a `many` role: per stream id); a role left out appends nothing. */
export type RoleEvents<R extends RoleKinds> = {
  readonly [P in keyof R]?: R[P] extends Many
    ? ReadonlyMap<string, readonly EventOf<R[P]>[]>
    : readonly EventOf<R[P]>[];
};

/** The stream id of each role (a `many` role: its stream ids). */
export type RoleStreams<R extends RoleKinds> = {
  readonly [P in keyof R]: R[P] extends Many ? readonly string[] : string;
};

/** One role's stream after the command: its revision (-1n: none), last position, state. */
export interface RoleOutcome<S> {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** The events this command wrote to the stream (stored form). */
  readonly events: readonly StoredEvent[];
  /**
   * The state after those events. On an idempotent replay only the roles in `replayStates` are
   * rebuilt; the others hold their kind's initial state.
   */
  readonly state: S;
}

export interface Executed<R extends RoleKinds> {
  /** Position of the last event the command wrote (or the highest loaded one if none). */
  readonly position: bigint;
  readonly roles: {
    readonly [P in keyof R]: R[P] extends Many<infer M>
      ? ReadonlyMap<string, RoleOutcome<OneState<M>>>
      : RoleOutcome<StateOf<R[P]>>;
  };
}

/** What every command answers: the id it names, a revision and a position, plus its own fields. */
export interface CommandAnswer {
  readonly id: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly extras?: Readonly<Record<string, unknown>>;
}

/**
 * One use case, declared once as data: which streams (by role) it touches and of which kind, a
 * pure decision over the roles' typed states, and what it answers. `execute` runs every one.
 */
export interface UseCase<C, R extends RoleKinds> {
  readonly name: string;
  readonly kinds: R;
  /** The stream id of each role for this command. */
  readonly streams: (command: C) => RoleStreams<R>;
  /** A refusal before anything is loaded (e.g. two roles that must be different streams). */
  readonly precheck?: (command: C) => DomainError | undefined;
  /** Roles whose streams the command may write, queued on in-process; default: every role. */
  readonly writes?: readonly (keyof R & string)[];
  readonly decide: (states: RoleStates<R>, command: C) => Either<DomainError, RoleEvents<R>>;
  readonly answer: (executed: Executed<R>, command: C) => CommandAnswer;
  /**
   * Roles read only while another role's stream does not exist yet; otherwise their state is
   * `assumed`. For facts that cannot change once checked: a stock stream is opened only after its
   * product and warehouse were found, and catalogue entries are never removed, so every later
   * movement skips those reads (two statements: the stock stream's last event, the append).
   */
  readonly checkedOnFirstWrite?: {
    readonly [P in keyof R]?: {
      readonly of: keyof R & string;
      readonly assumed: StateOf<R[P]>;
    };
  };
  /** Roles whose state `answer` reads: rebuilt when an identical retry is replayed. */
  readonly replayStates?: readonly (keyof R & string)[];
}

/** Infers the role kinds from the object literal, so each role keeps its own state type. */
export const useCase = <C, R extends RoleKinds>(declared: UseCase<C, R>): UseCase<C, R> => declared;

import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError, DomainEvent } from '@erpcore/domain';
import {
  ConcurrencyError,
  decodeEvent,
  decodeEvents,
  loadStream,
  maybeSnapshot,
  toEventsToAppend,
  toStoredEvents,
  WrongExpectedRevisionError,
  type CommandContext,
  type EventStore,
  type LoadedStream,
  type StoredEvent,
  type StreamAppend,
  type StreamModel,
} from '@erpcore/eventstore';
import { jitteredBackoffMs, sleep } from './backoff.js';
import {
  candidateIds,
  idempotencyKeyReused,
  type Idempotency,
  type IdempotencyKeyReused,
} from './idempotency.js';
import { withStreamLocks } from './stream-locks.js';
import type { CommandAnswer, Executed, RoleKinds, RoleOutcome, UseCase } from './use-case.js';

export interface ExecuteOptions {
  /** Who, when, correlation; its event ids come from `idempotency` when that is given. */
  readonly context: Omit<CommandContext, 'newEventId' | 'requestHash' | 'beforeAppend'> & {
    readonly newEventId: () => string;
  };
  readonly idempotency?: Idempotency;
  /** Retries after a lost race (default 20: in-process commands queue and rarely race). */
  readonly maxRetries?: number;
  /** For tests: the backoff's random source. */
  readonly random?: () => number;
}

export type ExecuteError = DomainError | IdempotencyKeyReused;

/** What `execute` answers: the use case's answer, and whether it is a replay of an earlier attempt. */
export interface Execution extends CommandAnswer {
  readonly replayed: boolean;
}

type Model = StreamModel<DomainEvent, unknown>;
type Entry = readonly [role: string, streamId: string, model: Model];

/** Thrown inside an attempt when the lookup before appending found an identical earlier attempt. */
class Replay {
  constructor(readonly events: readonly StoredEvent[]) {}
}

/**
 * The one executor: queue on the command's streams in this process, load each role's stream by
 * its kind's strategy, decide once, append everything in ONE `appendMulti` with every expected
 * revision, retry a lost race after a jittered backoff, and answer. With `idempotency`, the
 * events of an earlier attempt are looked up by their derived ids once the decision is known
 * (before appending, or after a refusal): identical → the first answer again; different → 422.
 */
export const execute = async <C, R extends RoleKinds>(
  store: EventStore,
  useCase: UseCase<C, R>,
  command: C,
  options: ExecuteOptions,
): Promise<Either<ExecuteError, Execution>> => {
  const refused = useCase.precheck?.(command);
  if (refused !== undefined) return left(refused);
  const streams = useCase.streams(command);
  const entries: Entry[] = Object.keys(useCase.kinds).map((role) => [
    role,
    streams[role] ?? '',
    useCase.kinds[role] ?? missingRole(role),
  ]);
  const { idempotency } = options;
  let n = 0;
  const context: CommandContext = {
    ...options.context,
    newEventId:
      idempotency === undefined ? options.context.newEventId : () => idempotency.idAt(n++),
    ...(idempotency === undefined ? {} : { requestHash: idempotency.requestHash }),
  };
  const lookUp = async (): Promise<Either<IdempotencyKeyReused, readonly StoredEvent[]>> => {
    if (idempotency === undefined) return right([]);
    const found = await store.readEventsById(candidateIds(idempotency));
    return found.some((e) => e.metadata.requestHash !== idempotency.requestHash)
      ? left(idempotencyKeyReused)
      : right(found);
  };
  const replay = async (
    events: readonly StoredEvent[],
  ): Promise<Either<ExecuteError, Execution> | undefined> => {
    if (events.length === 0) return undefined;
    const executed = await replayed(store, useCase, entries, events);
    return right({ ...useCase.answer(executed, command), replayed: true });
  };

  const writes = (useCase.writes ?? entries.map(([role]) => role)).map((role) => streams[role]);
  const maxRetries = options.maxRetries ?? 20;
  const outcome = await withStreamLocks(store, writes, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(store, useCase, command, entries, context, lookUp);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= maxRetries)
          throw new ConcurrencyError(
            entries.map(([, id]) => id),
            attempt + 1,
          );
        await sleep(jitteredBackoffMs(attempt, options.random));
      }
    }
  });
  if (outcome instanceof Replay)
    return (await replay(outcome.events)) ?? left(idempotencyKeyReused);
  if (isLeft(outcome)) {
    // Refused: an identical earlier attempt may be why (it took the stock, created the id).
    const found = await lookUp();
    if (isLeft(found)) return found;
    return (await replay(found.right)) ?? outcome;
  }
  return right({ ...useCase.answer(outcome.right, command), replayed: false });
};

const missingRole = (role: string): never => {
  throw new TypeError(`use case has no kind for role ${role}`);
};

const attemptOnce = async <C, R extends RoleKinds>(
  store: EventStore,
  useCase: UseCase<C, R>,
  command: C,
  entries: readonly Entry[],
  context: CommandContext,
  lookUp: () => Promise<Either<IdempotencyKeyReused, readonly StoredEvent[]>>,
): Promise<Either<ExecuteError, Executed<R>> | Replay> => {
  const loaded = await loadRoles(store, useCase, entries);
  const states = Object.fromEntries(entries.map(([role], i) => [role, loaded[i]?.state]));
  // The record is built from the roles' own kinds: its type is the mapped type by construction.
  const decision = useCase.decide(states as Parameters<typeof useCase.decide>[0], command);
  if (isLeft(decision)) return decision;
  const decided: Readonly<Record<string, readonly DomainEvent[] | undefined>> = decision.right;
  const appends: StreamAppend[] = [];
  for (const [i, [role, streamId, model]] of entries.entries()) {
    const events = decided[role] ?? [];
    const current = loaded[i];
    if (events.length === 0 || current === undefined) continue;
    appends.push({
      streamId,
      events: toEventsToAppend(model.codec, events, context, streamId),
      expectedRevision: current.revision === -1n ? 'no_stream' : current.revision,
    });
  }
  if (appends.length > 0) {
    const found = await lookUp();
    if (isLeft(found)) return found;
    if (found.right.length > 0) return new Replay(found.right);
  }
  const result = appends.length === 0 ? undefined : await store.appendMulti(appends);
  const roles: Record<string, RoleOutcome<unknown>> = {};
  for (const [i, [role, streamId, model]] of entries.entries()) {
    const l: LoadedStream<unknown> = loaded[i] ?? missingRole(role);
    const append = appends.find((a) => a.streamId === streamId);
    const written = result?.streams.find((s) => s.streamId === streamId);
    const events = decided[role] ?? [];
    if (append === undefined || written === undefined) {
      roles[role] = {
        streamId,
        revision: l.revision,
        position: l.position,
        events: [],
        state: l.state,
      };
      continue;
    }
    const position = written.position ?? result?.position ?? 0n;
    const state = events.reduce((s, e) => model.evolve(s, e), l.state);
    await maybeSnapshot(model, streamId, l.revision, written.nextRevision, state);
    roles[role] = {
      streamId,
      revision: written.nextRevision,
      position,
      events: toStoredEvents(streamId, append.events, written.nextRevision, position),
      state,
    };
  }
  const position =
    result?.position ?? loaded.reduce((max, l) => (l.position > max ? l.position : max), 0n);
  return right({ position, roles: roles as Executed<R>['roles'] });
};

type Lazy = Readonly<
  Record<string, { readonly of: string; readonly assumed: unknown } | undefined>
>;

/**
 * Loads every role by its kind; a role `checkedOnFirstWrite` is read only when the stream it
 * guards does not exist yet (a second round trip then, on that first write only).
 */
const loadRoles = async <C, R extends RoleKinds>(
  store: EventStore,
  useCase: UseCase<C, R>,
  entries: readonly Entry[],
): Promise<LoadedStream<unknown>[]> => {
  const lazy: Lazy = useCase.checkedOnFirstWrite ?? {};
  const eager = await Promise.all(
    entries.map(([role, id, model]) =>
      lazy[role] === undefined ? loadStream(store, id, model) : Promise.resolve(undefined),
    ),
  );
  const revisionOf = (role: string): bigint | undefined =>
    eager[entries.findIndex(([r]) => r === role)]?.revision;
  return Promise.all(
    entries.map(async ([role, id, model], i): Promise<LoadedStream<unknown>> => {
      const done = eager[i];
      if (done !== undefined) return done;
      const rule = lazy[role];
      if (rule === undefined || (revisionOf(rule.of) ?? -1n) < 0n)
        return loadStream(store, id, model);
      // Not read: the fact was checked when `rule.of` was first written.
      return { streamId: id, state: rule.assumed, revision: -1n, position: 0n };
    }),
  );
};

/** The outcome an earlier attempt had, rebuilt from its events (and, if asked, the states). */
const replayed = async <C, R extends RoleKinds>(
  store: EventStore,
  useCase: UseCase<C, R>,
  entries: readonly Entry[],
  events: readonly StoredEvent[],
): Promise<Executed<R>> => {
  const roles: Record<string, RoleOutcome<unknown>> = {};
  for (const [role, streamId, model] of entries) {
    const mine = events.filter((e) => e.streamId === streamId);
    const last = mine.at(-1);
    const state =
      last === undefined || !(useCase.replayStates ?? []).some((r) => r === role)
        ? model.initialState
        : await stateAt(store, model, last);
    roles[role] = {
      streamId,
      revision: last?.revision ?? -1n,
      position: last?.position ?? 0n,
      events: mine,
      state,
    };
  }
  return { position: events.at(-1)?.position ?? 0n, roles: roles as Executed<R>['roles'] };
};

/** A stream's state right after `last`: from that event alone when the kind allows, else folded. */
const stateAt = async (store: EventStore, model: Model, last: StoredEvent): Promise<unknown> => {
  if (model.load?.kind === 'lastEvent') {
    const event = decodeEvent(model.codec, last);
    return model.load.fromLastEvent === undefined
      ? model.evolve(model.initialState, event)
      : model.load.fromLastEvent(event, last.revision);
  }
  const upTo = await store.readStream(last.streamId, { maxCount: Number(last.revision) + 1 });
  return decodeEvents(model.codec, upTo).reduce((s, e) => model.evolve(s, e), model.initialState);
};

import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError, DomainEvent } from '@erpcore/domain';
import {
  decodeEvent,
  defaultMaxRetries,
  decodeEvents,
  loadStream,
  maybeSnapshot,
  retryOnConflict,
  toEventsToAppend,
  toStoredEvents,
  type CommandContext,
  type EventStore,
  type LoadedStream,
  type RetryPolicy,
  type StoredEvent,
  type StreamAppend,
  type StreamModel,
  whileStateLoads,
} from '@erpcore/eventstore';
import {
  findEarlierAttempt,
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
  /**
   * Hard cap on retries after a lost race (default `defaultMaxRetries`); the usual bound is the
   * retry policy's time budget (5 s). In-process commands queue and rarely race; other
   * processes' writers still do.
   */
  readonly maxRetries?: number;
  /** Backoff, time budget and lanes of the retries (lanes default to the store). */
  readonly retry?: RetryPolicy;
  /** For tests: the backoff's random source. */
  readonly random?: () => number;
}

export type ExecuteError = DomainError | IdempotencyKeyReused;

/** What `execute` answers: the use case's answer, and whether it is a replay of an earlier attempt. */
export interface Execution extends CommandAnswer {
  readonly replayed: boolean;
}

type Model = StreamModel<DomainEvent, unknown>;
/** One stream the command loads: its role, whether the role is a `many` set, its id and kind. */
type Entry = readonly [role: string, streamId: string, model: Model, inSet: boolean];

/** Every role's stream(s), flattened: a `many` role gives one entry per stream id. */
const entriesOf = (kinds: RoleKinds, streams: Readonly<Record<string, unknown>>): Entry[] =>
  Object.keys(kinds).flatMap((role): Entry[] => {
    const kind = kinds[role] ?? missingRole(role);
    const ids = streams[role];
    if ('many' in kind)
      return (Array.isArray(ids) ? ids : []).map((id): Entry => [
        role,
        String(id),
        kind.many,
        true,
      ]);
    return [[role, typeof ids === 'string' ? ids : '', kind, false]];
  });

/** Per role: the one value of a single role, or a map by stream id for a `many` role. */
const byRole = <V>(
  kinds: RoleKinds,
  entries: readonly Entry[],
  value: (entry: Entry, i: number) => V,
): Record<string, V | Map<string, V>> => {
  const out: Record<string, V | Map<string, V>> = {};
  // A `many` role given no stream still gets its (empty) map.
  for (const [role, kind] of Object.entries(kinds))
    if ('many' in kind) out[role] = new Map<string, V>();
  for (const [i, entry] of entries.entries()) {
    const [role, streamId, , inSet] = entry;
    if (!inSet) {
      out[role] = value(entry, i);
      continue;
    }
    const set = out[role];
    const map = set instanceof Map ? set : new Map<string, V>();
    map.set(streamId, value(entry, i));
    out[role] = map;
  }
  return out;
};

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
  const streams: Readonly<Record<string, unknown>> = useCase.streams(command);
  const entries = entriesOf(useCase.kinds, streams);

  const { idempotency } = options;
  // Every attempt draws the same ids from 0: at most one attempt commits (appends are atomic), so
  // an earlier attempt's events always start at `idAt(0)`, which one lookup finds.
  const contextFor = (): CommandContext => {
    let n = 0;
    return {
      ...options.context,
      newEventId:
        idempotency === undefined ? options.context.newEventId : () => idempotency.idAt(n++),
      ...(idempotency === undefined ? {} : { requestHash: idempotency.requestHash }),
    };
  };
  const lookUp = async (): Promise<Either<IdempotencyKeyReused, readonly StoredEvent[]>> => {
    if (idempotency === undefined) return right([]);
    const found = await findEarlierAttempt(store, idempotency);
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

  const writing = new Set<string>(useCase.writes ?? Object.keys(useCase.kinds));
  const writes = entries.filter(([role]) => writing.has(role)).map(([, id]) => id);
  const outcome = await withStreamLocks(store, writes, () =>
    retryOnConflict(
      entries.map(([, id]) => id),
      options.maxRetries ?? defaultMaxRetries,
      () =>
        whileStateLoads(() => attemptOnce(store, useCase, command, entries, contextFor(), lookUp)),
      {
        lanes: store,
        ...(options.random === undefined ? {} : { random: options.random }),
        ...options.retry,
      },
    ),
  );
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

// The decision's values are the events its roles' kinds declare: their type is checked there.
const isEventList = (value: unknown): value is readonly DomainEvent[] => Array.isArray(value);

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
  const states = byRole(useCase.kinds, entries, (_e, i) => loaded[i]?.state);
  const eventsIn =
    (decided: Readonly<Record<string, unknown>>) =>
    ([role, streamId, , inSet]: Entry): readonly DomainEvent[] => {
      const found = decided[role];
      const events: unknown = inSet && found instanceof Map ? found.get(streamId) : found;
      return isEventList(events) ? events : [];
    };
  // Decide, then the states after the events, before anything is appended: a state loaded in
  // parts (StateNotLoaded) reruns this much after fetching what it lacks, never the append.
  const outcome = await whileStateLoads(
    async () => {
      // The record is built from the roles' own kinds: its type is the mapped type by construction.
      const decision = useCase.decide(states as Parameters<typeof useCase.decide>[0], command);
      if (isLeft(decision)) return decision;
      const eventsOf = eventsIn(decision.right);
      const after = entries.map((entry, i) => {
        const l = loaded[i];
        return l === undefined
          ? undefined
          : eventsOf(entry).reduce((s, e) => entry[2].evolve(s, e), l.state);
      });
      return right({ eventsOf, after });
    },
    { decideOnly: true },
  );
  if (isLeft(outcome)) return outcome;
  const { eventsOf, after } = outcome.right;
  const appends: StreamAppend[] = [];
  for (const [i, entry] of entries.entries()) {
    const [, streamId, model] = entry;
    const events = eventsOf(entry);
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
  const outcomes: RoleOutcome<unknown>[] = [];
  for (const [i, entry] of entries.entries()) {
    const [role, streamId, model] = entry;
    const l: LoadedStream<unknown> = loaded[i] ?? missingRole(role);
    const append = appends.find((a) => a.streamId === streamId);
    const written = result?.streams.find((s) => s.streamId === streamId);
    if (append === undefined || written === undefined) {
      outcomes.push({
        streamId,
        revision: l.revision,
        position: l.position,
        events: [],
        state: l.state,
      });
      continue;
    }
    const position = written.position ?? result?.position ?? 0n;
    const state = after[i];
    await maybeSnapshot(model, streamId, l.revision, written.nextRevision, state);
    outcomes.push({
      streamId,
      revision: written.nextRevision,
      position,
      events: toStoredEvents(streamId, append.events, written.nextRevision, position),
      state,
    });
  }
  const roles = byRole(useCase.kinds, entries, (_e, i) => outcomes[i]);
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
  const outcomes: RoleOutcome<unknown>[] = [];
  for (const [role, streamId, model] of entries) {
    const mine = events.filter((e) => e.streamId === streamId);
    const last = mine.at(-1);
    const state =
      last === undefined || !(useCase.replayStates ?? []).some((r) => r === role)
        ? model.initialState
        : await stateAt(store, model, last);
    outcomes.push({
      streamId,
      revision: last?.revision ?? -1n,
      position: last?.position ?? 0n,
      events: mine,
      state,
    });
  }
  const roles = byRole(useCase.kinds, entries, (_e, i) => outcomes[i]);
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

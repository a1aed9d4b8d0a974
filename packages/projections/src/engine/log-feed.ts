import { UndecodableEventError, type EventStore, type StoredEvent } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { applyUndecodable, applyWithPolicy, type BatchResult } from './apply-with-policy.js';
import { balanceGroups } from './balance-groups.js';
import { createBatchReader } from './batch-reader.js';
import { commitTogether } from './commit-together.js';
import { errorMessage, type EngineLogger } from './logger.js';
import { signalProgress } from './progress-signal.js';
import { sleep } from './sleep.js';

export interface LogFeedOptions {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly batchSize: number;
  readonly maxBatchWaitMs: number;
  /** How long a projection that threw (or stopped failed) waits before it is looked at again. */
  readonly retryMs: number;
  /**
   * Longest a projection that handles none of a full batch may leave its checkpoint unwritten
   * while the feed catches up (default 1000 ms). Live (short) batches always write it.
   */
  readonly maxCheckpointDeferMs?: number;
  readonly logger: EngineLogger;
  /** Whether this process still owns the projection; a batch is never applied without it. */
  readonly owns?: (name: string) => boolean;
}

/**
 * ONE reader of the log feeding every projection this process owns: the log is read and
 * decoded once, whatever the number of projections. Each projection keeps everything of its own:
 * its checkpoint, its batch and checkpoint in one transaction, its poison policy and its failed
 * state; a projection that fails or throws drops out of the feed (and comes back when it may)
 * without stopping the others.
 */
export interface LogFeed {
  /** Adds a projection this process now owns (its checkpoint row exists). */
  join(projection: ProjectionDefinition): void;
  /** Removes a projection (its ownership was lost); a batch in progress for it is not applied. */
  leave(name: string): void;
  /** Runs until `stopped` resolves; the batch in progress finishes first. */
  run(stopped: Promise<void>): Promise<void>;
}

interface Member {
  readonly projection: ProjectionDefinition;
  readonly handles: ReadonlySet<string>;
  /** Never ahead of the stored checkpoint (only our own commits move it), so skipping below it is safe. */
  checkpoint: bigint;
  failed: boolean;
  /** Left out until this time (ms since epoch) after an error. */
  backoffUntil: number;
  lastWrite: number;
  /** Time its share of a batch took lately (ms, moving average): what the groups are balanced by. */
  cost: number;
}

/** True when `promise` is still pending after `ms`. */
const idle = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), ms)));
  try {
    return await Promise.race([promise.then(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

type MemberResult = BatchResult | 'deferred' | 'skipped' | 'error';

/**
 * Transactions a batch is split into, each over a share of the projections (balanced by what
 * each took lately, balance-groups.ts), on connections of their own. One alone serialised the
 * server's work and this process's: measured on 2 cores, 3 caught up as fast as one transaction
 * per projection (or a little faster) with 15–30% less server CPU; 1 was slower than either.
 */
const groupCount = 3;

/** Creates the feed; projections join as their ownership is won. */
export const createLogFeed = (options: LogFeedOptions): LogFeed => {
  const { store, db, batchSize, maxBatchWaitMs, retryMs, logger } = options;
  const owns = options.owns ?? (() => true);
  const maxDeferMs = options.maxCheckpointDeferMs ?? 1000;
  const members = new Map<string, Member>();
  let wakeUp = (): void => undefined;

  const reload = async (): Promise<void> => {
    if (members.size === 0) return;
    const rows = await db
      .selectFrom('projection_checkpoints')
      .select(['name', 'position', 'state'])
      .where('name', 'in', [...members.keys()])
      .execute();
    for (const row of rows) {
      const member = members.get(row.name);
      if (member === undefined) continue;
      member.checkpoint = BigInt(row.position);
      member.failed = row.state === 'failed';
    }
  };

  const eligible = (now: number): Member[] =>
    [...members.values()].filter((m) => !m.failed && m.backoffUntil <= now);

  /** Whether `member` applies `batch` now, has nothing in it, or leaves its checkpoint for later. */
  const decide = (
    member: Member,
    batch: readonly StoredEvent[],
    full: boolean,
    now: number,
  ): 'apply' | 'skipped' | 'deferred' => {
    const last = batch[batch.length - 1]!.position;
    const name = member.projection.name;
    if (last <= member.checkpoint || !owns(name) || !members.has(name)) return 'skipped';
    // Catching up through events it does not handle: write the checkpoint now and then, not per
    // batch; the batch that next holds one of its events (or a short, live batch) moves it past
    // them. A crash meanwhile only re-reads events it skips anyway.
    if (
      full &&
      now - member.lastWrite < maxDeferMs &&
      !batch.some((e) => e.position > member.checkpoint && member.handles.has(e.type))
    )
      return 'deferred';
    return 'apply';
  };

  const applyTo = async (
    member: Member,
    batch: readonly StoredEvent[],
    full: boolean,
  ): Promise<MemberResult> => {
    const decision = decide(member, batch, full, Date.now());
    if (decision !== 'apply') return decision;
    const last = batch[batch.length - 1]!.position;
    const name = member.projection.name;
    try {
      const result = await applyWithPolicy(db, member.projection, batch, logger);
      member.lastWrite = Date.now();
      if (result === 'ok') member.checkpoint = last;
      if (result === 'failed') member.failed = true;
      return result;
    } catch (error) {
      logger.error(
        { projection: name, err: errorMessage(error) },
        'projection interrupted; retrying from its checkpoint',
      );
      member.backoffUntil = Date.now() + retryMs;
      return 'error';
    }
  };

  /**
   * Applies a batch to the members that take it in a few transactions (commit-together.ts,
   * `groupCount`); when one throws, each of its members applies the batch on its own as before,
   * with its own poison policy and backoff.
   */
  const applyAll = async (
    feeding: readonly Member[],
    batch: readonly StoredEvent[],
    full: boolean,
  ): Promise<MemberResult[]> => {
    const now = Date.now();
    const decisions = feeding.map((m) => decide(m, batch, full, now));
    const applying = feeding.filter((_, i) => decisions[i] === 'apply');
    const alone = new Set<Member>(applying.length > 1 ? [] : applying);
    const groups = balanceGroups(applying, (m) => m.cost, groupCount);
    await Promise.all(
      (applying.length > 1 ? groups : []).map(async (group) => {
        const committed = await commitTogether(
          db,
          group.map((m) => m.projection),
          batch,
          (name, ms) => {
            const member = members.get(name);
            if (member !== undefined) member.cost += (ms - member.cost) / 4;
          },
        ).catch(() => undefined);
        if (committed === undefined) {
          for (const member of group) alone.add(member);
          return;
        }
        const at = Date.now();
        for (const member of group) {
          member.lastWrite = at;
          member.checkpoint = committed.get(member.projection.name) ?? member.checkpoint;
        }
      }),
    );
    if (alone.size < applying.length) signalProgress();
    return Promise.all(
      feeding.map(async (member, i): Promise<MemberResult> => {
        const decision = decisions[i]!;
        if (decision !== 'apply') return decision;
        return alone.has(member) ? applyTo(member, batch, full) : 'ok';
      }),
    );
  };

  /**
   * A stored event the reader cannot decode is poison at its position for every projection not
   * yet past it: each applies what precedes it and then stops or parks it by its own policy.
   */
  const applyUndecodableTo = async (
    member: Member,
    error: UndecodableEventError,
  ): Promise<MemberResult> => {
    const name = member.projection.name;
    if (error.row.position <= member.checkpoint || !owns(name) || !members.has(name))
      return 'skipped';
    const before = error.before.filter((e) => e.position > member.checkpoint);
    try {
      const result = await applyUndecodable(
        db,
        member.projection,
        new UndecodableEventError(error.row, error.reason, before),
        logger,
      );
      member.lastWrite = Date.now();
      if (result === 'failed') member.failed = true;
      return result;
    } catch (applyError) {
      logger.error(
        { projection: name, err: errorMessage(applyError) },
        'projection interrupted; retrying from its checkpoint',
      );
      member.backoffUntil = Date.now() + retryMs;
      return 'error';
    }
  };

  /** Resolves when the feed should read again from the checkpoints: a join, a retry due, or stop. */
  const restartSignal = (stopped: Promise<void>): { promise: Promise<void>; end: () => void } => {
    let end = (): void => undefined;
    const promise = new Promise<void>((resolve) => (end = resolve));
    void stopped.then(end);
    wakeUp = end;
    const now = Date.now();
    const left = [...members.values()].filter((m) => m.failed || m.backoffUntil > now);
    let timer: NodeJS.Timeout | undefined;
    if (left.length > 0) {
      const due = Math.min(...left.map((m) => (m.failed ? now + retryMs : m.backoffUntil)));
      // A failed projection comes back when its state no longer says failed (a rebuild or an
      // operator reset it); one that threw, when its backoff is over.
      const check = async (): Promise<void> => {
        const before = left.filter((m) => m.failed).map((m) => m.projection.name);
        if (left.some((m) => !m.failed && m.backoffUntil <= Date.now())) return end();
        const rows = await db
          .selectFrom('projection_checkpoints')
          .select(['name', 'state'])
          .where('name', 'in', before)
          .execute();
        if (rows.some((r) => r.state !== 'failed')) return end();
        timer = setTimeout(() => void check().catch(() => end()), retryMs);
        timer.unref();
      };
      timer = setTimeout(() => void check().catch(() => end()), Math.max(0, due - now));
      timer.unref();
    }
    return {
      promise,
      end: () => {
        if (timer !== undefined) clearTimeout(timer);
        end();
      },
    };
  };

  /** One pass: subscribe from the lowest checkpoint, feed batches until something changes. */
  const cycle = async (stopped: Promise<void>): Promise<void> => {
    await reload();
    const feeding = eligible(Date.now());
    const restart = restartSignal(stopped);
    try {
      if (feeding.length === 0) return await restart.promise;
      const from = feeding.reduce(
        (min, m) => (m.checkpoint < min ? m.checkpoint : min),
        feeding[0]!.checkpoint,
      );
      const subscription = store.subscribeToAll({ fromPosition: from, batchSize });
      const reader = createBatchReader(subscription, batchSize, maxBatchWaitMs);
      // The read runs ahead of its `await` (while a batch is applied): a failure meanwhile (a lost
      // connection) must not count as an unhandled rejection; it is thrown where it is awaited.
      const readAhead = (): Promise<readonly StoredEvent[]> => {
        const read = reader.next(restart.promise);
        read.catch(() => undefined);
        return read;
      };
      let next = readAhead();
      // Projections that left their checkpoint behind the last batch: written when the feed idles.
      let deferred: Member[] = [];
      let last: readonly StoredEvent[] = [];
      const flush = async (): Promise<void> => {
        const pending = deferred;
        deferred = [];
        if (last.length > 0) await applyAll(pending, last, false);
      };
      try {
        for (;;) {
          if (deferred.length > 0 && (await idle(next, maxBatchWaitMs))) await flush();
          let batch: readonly StoredEvent[];
          try {
            batch = await next;
          } catch (error) {
            if (!(error instanceof UndecodableEventError)) throw error;
            await flush();
            // Every member then reads again from its checkpoint (past it, or failed at it).
            await Promise.all(feeding.map((m) => applyUndecodableTo(m, error)));
            return;
          }
          if (batch.length === 0) {
            await flush();
            return;
          }
          // Read the next batch while this one is applied (the reader is ours alone).
          next = readAhead();
          const full = batch.length === batchSize;
          const results = await applyAll(feeding, batch, full);
          deferred = feeding.filter((_, i) => results[i] === 'deferred');
          last = batch;
          if (results.some((r) => r === 'failed' || r === 'resubscribe' || r === 'error')) return;
        }
      } finally {
        restart.end();
        await next.catch(() => undefined);
        await subscription.stop().catch(() => undefined);
      }
    } finally {
      restart.end();
    }
  };

  return {
    join: (projection) => {
      members.set(projection.name, {
        projection,
        handles: new Set(projection.handles),
        checkpoint: 0n,
        failed: false,
        backoffUntil: 0,
        lastWrite: 0,
        cost: 0,
      });
      wakeUp();
    },
    leave: (name) => {
      members.delete(name);
      wakeUp();
    },
    run: async (stopped) => {
      let stopping = false;
      void stopped.then(() => (stopping = true));
      while (!stopping) {
        try {
          await cycle(stopped);
        } catch (error) {
          logger.error(
            { err: errorMessage(error) },
            'log feed interrupted; reading again from the checkpoints',
          );
          await sleep(retryMs, stopped);
        }
      }
    },
  };
};

import type { EventStore, SqlClient } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { projectionsChannel } from './checkpoint-store.js';
import { committedHead, heldBack, measureLag, type HeldBack } from './lag.js';
import { oldestOpenTransactionSeconds } from './open-transactions.js';
import { onProgressSignal } from './progress-signal.js';

/** What `GET /v1/projections` shows of one projection. */
export interface ProjectionStatus {
  name: string;
  /** Checkpoint, decimal. */
  position: string;
  /** Events between the checkpoint and the head (exact up to 10,000). */
  lagEvents: number;
  /** Age of the oldest event not yet projected. */
  lagSeconds: number;
  status: 'running' | 'idle' | 'failed' | 'stopped' | 'rebuilding';
  /** Where and why it failed (status `failed`). */
  error?: { position: string; message: string };
  /** Present while an open transaction keeps committed events from every reader. */
  heldBack?: HeldBack;
}

/** Cross-process view of the projections' progress, for the API. */
export interface ProjectionProgress {
  /**
   * Resolves true once every named projection's checkpoint is ≥ position, false after
   * `timeoutMs`. Woken by LISTEN/NOTIFY (PostgreSQL, PGlite) and the in-process signal; it also
   * looks again every `recheckMs` in case a notification was lost.
   */
  waitFor(position: bigint, projections: readonly string[], timeoutMs: number): Promise<boolean>;
  statuses(): Promise<ProjectionStatus[]>;
  /** Whether an open transaction holds every log reader back now (see lag.ts). */
  heldBack(): Promise<HeldBack | undefined>;
  oldestOpenTransactionSeconds(): Promise<number>;
  close(): Promise<void>;
}

export interface ProjectionProgressOptions {
  readonly db: ReadDb;
  readonly client: SqlClient;
  /** Kept for callers; lag is measured in SQL on `client` (see lag.ts). */
  readonly store: EventStore;
  readonly projections: readonly ProjectionDefinition[];
  /** Safety-net re-check interval while waiting (default 500 ms). */
  readonly recheckMs?: number;
}

/**
 * Reads checkpoints with raw SQL on `client`, not through `db`, so a query endpoint's statement
 * count (a plugin on its ReadDb) counts only the query it serves.
 */
export const createProjectionProgress = (
  options: ProjectionProgressOptions,
): ProjectionProgress => {
  const { client, projections } = options;
  const recheckMs = options.recheckMs ?? 500;
  const waiters = new Set<() => void>();
  const wakeAll = (): void => {
    for (const wake of waiters) wake();
  };
  const unsignal = onProgressSignal(wakeAll);
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  const listen = (): void => {
    unlisten ??=
      client.listen === undefined
        ? Promise.resolve(undefined)
        : client.listen(projectionsChannel, wakeAll).catch(() => undefined);
  };

  const reached = async (position: bigint, names: readonly string[]): Promise<boolean> => {
    if (names.length === 0) return true;
    const { rows } = await client.query<{ name: string; position: string }>(
      'select name, position::text as position from projection_checkpoints where name = any($1::text[])',
      [names],
    );
    if (rows.length < new Set(names).size) return false;
    return rows.every((r) => BigInt(r.position) >= position);
  };

  return {
    waitFor: async (position, names, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      listen();
      await unlisten;
      let wake: () => void = () => undefined;
      let woken = false;
      const waiter = (): void => {
        woken = true;
        wake();
      };
      waiters.add(waiter);
      try {
        for (;;) {
          woken = false;
          if (await reached(position, names)) return true;
          const left = deadline - Date.now();
          if (left <= 0) return false;
          if (woken) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(left, recheckMs));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = () => undefined;
        }
      } finally {
        waiters.delete(waiter);
      }
    },
    statuses: async () => {
      const names = projections.map((p) => p.name);
      const now = Date.now();
      const [{ rows }, head, held] = await Promise.all([
        client.query<{
          name: string;
          position: string;
          state: string;
          error_position: string | null;
          error_message: string | null;
          rebuilding: boolean;
        }>(
          `select name, position::text as position, state, error_position::text as error_position, error_message, rebuilding
             from projection_checkpoints where name = any($1::text[])`,
          [names],
        ),
        committedHead(client),
        heldBack(client, now),
      ]);
      const byName = new Map(rows.map((r) => [r.name, r]));
      const statuses: ProjectionStatus[] = [];
      for (const name of names) {
        const row = byName.get(name);
        const position = BigInt(row?.position ?? '0');
        const lag = await measureLag(client, position, head, now);
        const status: ProjectionStatus = {
          name,
          position: position.toString(),
          lagEvents: lag.events,
          lagSeconds: lag.seconds,
          status:
            row?.rebuilding === true
              ? 'rebuilding'
              : row?.state === 'failed'
                ? 'failed'
                : row?.state === 'stopped' || row === undefined
                  ? 'stopped'
                  : lag.events > 0
                    ? 'running'
                    : 'idle',
        };
        if (row?.state === 'failed')
          status.error = {
            position: row.error_position ?? position.toString(),
            message: row.error_message ?? '',
          };
        if (held !== undefined && lag.events > 0) status.heldBack = held;
        statuses.push(status);
      }
      return statuses;
    },
    heldBack: () => heldBack(client, Date.now()),
    oldestOpenTransactionSeconds: () => oldestOpenTransactionSeconds(client),
    close: async () => {
      unsignal();
      wakeAll();
      const stop = await unlisten;
      unlisten = undefined;
      await stop?.();
    },
  };
};

import type { SqlConnection } from '../sql/sql-client.js';
import { anchorEventLog } from './anchors.js';
import { headPositionSql } from './read-sql.js';

/** What the schedule reports through (pino's `info`/`error` fit). */
export interface AnchorScheduleLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface AnchorScheduleOptions {
  readonly conn: SqlConnection;
  /** Time between the end of one tick and the start of the next; must be > 0. */
  readonly intervalMs: number;
  readonly logger: AnchorScheduleLogger;
  /** Longest `stop()` waits for a tick in flight (default 5 s): a stalled query never blocks shutdown. */
  readonly stopWaitMs?: number;
}

export interface AnchorSchedule {
  /** Runs one tick now (what the timer runs): anchors when the log moved; never throws. */
  tick(): Promise<void>;
  /** No tick starts after this; resolves once the one in flight ended (or stopWaitMs passed). */
  stop(): Promise<void>;
}

const newestAnchorSql = `select coalesce(max(position), -1)::text as position from anchors`;

/**
 * Writes an anchor every `intervalMs` while the log has moved past the newest anchor, so the
 * window in which a deleted stream goes unnoticed (docs/audit.md) is bounded by the interval
 * rather than by whoever remembers `erpcore audit anchor`. Ticks never overlap (the next is timed
 * from the end of the last); a failure is logged and the next tick simply tries again. Several
 * processes may run it: es_anchor serializes them and records a position only once.
 */
export const startAnchorSchedule = (options: AnchorScheduleOptions): AnchorSchedule => {
  const { conn, intervalMs, logger } = options;
  if (!Number.isInteger(intervalMs) || intervalMs <= 0)
    throw new RangeError(`anchor interval must be a whole number of ms > 0, got ${intervalMs}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const anchorIfMoved = async (): Promise<void> => {
    const [head, anchored] = await Promise.all([
      conn.query<{ head: string }>(headPositionSql),
      conn.query<{ position: string }>(newestAnchorSql),
    ]);
    const headPosition = BigInt(head.rows[0]?.head ?? '0');
    if (headPosition <= 0n || headPosition <= BigInt(anchored.rows[0]?.position ?? '-1')) return;
    const anchor = await anchorEventLog(conn);
    if (anchor !== undefined)
      logger.info(
        { position: anchor.position.toString(), eventCount: anchor.eventCount.toString() },
        'event log anchored',
      );
  };

  const tick = (): Promise<void> => {
    inFlight ??= anchorIfMoved()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'anchoring the event log failed; retrying next tick');
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().then(schedule);
    }, intervalMs);
    // The schedule alone must not keep a process alive that is otherwise done.
    timer.unref();
  };
  schedule();

  return {
    tick,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (inFlight === undefined) return;
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        inFlight,
        new Promise<void>((resolve) => {
          waited = setTimeout(resolve, options.stopWaitMs ?? 5000);
        }),
      ]);
      clearTimeout(waited);
    },
  };
};

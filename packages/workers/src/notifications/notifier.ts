import type { EventStore, SqlClient, StoredEvent, Subscription } from '@erpcore/eventstore';
import type { EngineLogger } from '@erpcore/projections';
import { failureMessage } from '../jobs/job-errors.js';
import type { EnqueueRequest, JobQueue } from '../jobs/job-queue.js';
import { silentLogger } from '../jobs/silent-logger.js';
import { notificationJobId, notificationOf } from './notification.js';
import { readNotifierCheckpoint, saveNotifierCheckpoint } from './notifier-checkpoint.js';
import { sendNotificationJobName } from './send-notification.job.js';

/** The sales events a customer hears about (packages/domain/src/sales). */
export const notifiedEventTypes: readonly string[] = [
  'OrderConfirmed',
  'OrderDelivered',
  'OrderCancelled',
  'PaymentRecorded',
];

export interface NotifierOptions {
  readonly store: EventStore;
  /** The read database, where `notifier_checkpoints` lives. */
  readonly client: SqlClient;
  readonly queue: JobQueue;
  readonly logger?: EngineLogger;
  readonly eventTypes?: readonly string[];
  /** Another job per notified event (the WhatsApp channel's), enqueued beside the webhook's. */
  readonly alsoEnqueue?: (event: StoredEvent) => EnqueueRequest | undefined;
  /** First wait after a failed enqueue or read; doubles up to 30 s (default 1000 ms). */
  readonly retryMs?: number;
  /** Events passed over without a notification between checkpoint saves (default 500). */
  readonly checkpointEvery?: number;
}

/** Follows the log and enqueues notifications until stopped. */
export interface Notifier {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Reads the log from its checkpoint and enqueues one `send-notification` job per notified event,
 * with jobId derived from the eventId, then moves the checkpoint. A crash between the two replays
 * the event, and the replay meets its job: nothing is sent twice. An enqueue that fails (Redis
 * away) is retried with backoff, never skipped.
 */
export const createNotifier = (options: NotifierOptions): Notifier => {
  const { store, client, queue } = options;
  const logger = options.logger ?? silentLogger;
  const types = new Set(options.eventTypes ?? notifiedEventTypes);
  const retryMs = options.retryMs ?? 1000;
  const checkpointEvery = options.checkpointEvery ?? 500;
  const stopController = new AbortController();
  let subscription: Subscription | undefined;
  let running: Promise<void> | undefined;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const signal = stopController.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });

  const enqueueUntilDone = async (event: StoredEvent): Promise<boolean> => {
    for (let wait = retryMs; !stopController.signal.aborted; wait = Math.min(wait * 2, 30_000)) {
      try {
        await queue.enqueue({
          name: sendNotificationJobName,
          data: notificationOf(event),
          jobId: notificationJobId(event.eventId),
        });
        // Idempotent like the first: a retry after a failure here re-enqueues both harmlessly.
        const also = options.alsoEnqueue?.(event);
        if (also !== undefined) await queue.enqueue(also);
        return true;
      } catch (error) {
        logger.warn(
          { eventId: event.eventId, err: failureMessage(error), retryInMs: wait },
          'cannot enqueue notification; retrying',
        );
        await pause(wait);
      }
    }
    return false;
  };

  const follow = async (): Promise<void> => {
    let last = await readNotifierCheckpoint(client);
    let passedOver = 0;
    subscription = store.subscribeToAll({ fromPosition: last });
    try {
      for await (const event of subscription) {
        if (types.has(event.type)) {
          if (!(await enqueueUntilDone(event))) return;
          await saveNotifierCheckpoint(client, event.position);
          passedOver = 0;
        } else if (++passedOver >= checkpointEvery) {
          await saveNotifierCheckpoint(client, event.position);
          passedOver = 0;
        }
        last = event.position;
        if (stopController.signal.aborted) break;
      }
      await saveNotifierCheckpoint(client, last);
    } finally {
      await subscription.stop().catch(() => undefined);
    }
  };

  const loop = async (): Promise<void> => {
    for (let wait = retryMs; !stopController.signal.aborted; wait = Math.min(wait * 2, 30_000)) {
      try {
        await follow();
      } catch (error) {
        logger.error(
          { err: failureMessage(error), retryInMs: wait },
          'notifier interrupted; resuming from its checkpoint',
        );
        await pause(wait);
      }
    }
  };

  return {
    start: () => {
      running ??= loop();
    },
    stop: async () => {
      stopController.abort();
      await subscription?.stop().catch(() => undefined);
      await running;
    },
  };
};

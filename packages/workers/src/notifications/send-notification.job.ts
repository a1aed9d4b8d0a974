import { defineJob, type JobDefinition, type RetryPolicy } from '../jobs/job-definition.js';
import { NotificationC, type Notification } from './notification.js';
import { postJson, webhookTimeoutMs } from './post-json.js';

/**
 * DESIGN.md: 3 retries with exponential backoff for message sends (2 s, 4 s, 8 s, ±50%). The
 * attempt's own timeout leaves the HTTP timeout room to fire first, with the clearer message.
 */
export const notificationPolicy: RetryPolicy = {
  attempts: 4,
  backoff: { delayMs: 2_000, jitter: 0.5 },
  timeoutMs: webhookTimeoutMs + 5_000,
};

export interface SendNotificationOptions {
  /** NOTIFY_WEBHOOK_URL; null: log the notification and succeed. */
  readonly webhookUrl: string | null;
  readonly httpTimeoutMs?: number;
  /** Tests shorten the backoff. */
  readonly policy?: RetryPolicy;
}

export const sendNotificationJobName = 'send-notification';

/**
 * `send-notification`: POSTs the notification to the webhook, with `Idempotency-Key: <eventId>`
 * so a receiver can drop the duplicate an at-least-once delivery may bring.
 */
export const sendNotificationJob = (
  options: SendNotificationOptions,
): JobDefinition<Notification> =>
  defineJob({
    name: sendNotificationJobName,
    payload: NotificationC,
    policy: options.policy ?? notificationPolicy,
    handle: async (notification, context) => {
      if (options.webhookUrl === null) {
        context.logger.info(
          {
            eventId: notification.eventId,
            type: notification.type,
            streamId: notification.streamId,
          },
          'notification (NOTIFY_WEBHOOK_URL not set: logged only)',
        );
        return;
      }
      await postJson(options.webhookUrl, notification, {
        timeoutMs: options.httpTimeoutMs ?? webhookTimeoutMs,
        signal: context.signal,
        headers: { 'idempotency-key': notification.eventId },
      });
    },
  });

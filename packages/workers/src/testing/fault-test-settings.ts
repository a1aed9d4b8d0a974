import type { RetryPolicy } from '../jobs/job-definition.js';
import { notificationPolicy } from '../notifications/send-notification.job.js';

/** The production policy (4 attempts) with millisecond backoff, so the fault test stays fast. */
export const faultTestPolicy: RetryPolicy = {
  ...notificationPolicy,
  backoff: { delayMs: 20, jitter: 0.5 },
};

/** The HTTP timeout in the fault test: a hung receiver costs this much per attempt. */
export const faultTestHttpTimeoutMs = 2_000;

/** Short stall detection, so a killed worker's jobs run again within seconds. */
export const faultTestStall = { lockDurationMs: 2_000, stalledIntervalMs: 1_000 };

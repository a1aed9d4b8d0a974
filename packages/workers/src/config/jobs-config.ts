import * as t from 'io-ts';
import { describePayloadErrors } from '../jobs/payload-errors.js';
import {
  loadWhatsappConfig,
  WhatsappConfigError,
  type WhatsappConfig,
} from '../notifications/whatsapp/whatsapp-config.js';

/** The background-job settings erpcore reads from the environment (README, configuration). */
export interface JobsConfig {
  /** Set: BullMQ on this Redis (server mode); null: the in-process runner (embedded). */
  readonly redisUrl: string | null;
  /** BullMQ key prefix, so several deployments can share one Redis. */
  readonly queuePrefix: string;
  /** Where notifications are POSTed; null: they are logged only. */
  readonly notifyWebhookUrl: string | null;
  /** The projection lag check warns past this many events. */
  readonly lagAlertEvents: number;
  /** Job attempts run at once per process. */
  readonly jobConcurrency: number;
  /** The WhatsApp Cloud API channel; null: off. */
  readonly whatsapp: WhatsappConfig | null;
  /** How often the projector process anchors the event log (docs/audit.md); 0: never. */
  readonly anchorIntervalMs: number;
}

export const defaultJobsConfig: JobsConfig = {
  redisUrl: null,
  queuePrefix: 'erpcore',
  notifyWebhookUrl: null,
  lagAlertEvents: 1000,
  jobConcurrency: 4,
  whatsapp: null,
  // A deletion is then detectable within a minute; an anchor that finds nothing new costs two
  // index probes.
  anchorIntervalMs: 60_000,
};

const boundedInt = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) =>
      typeof u === 'string' && /^\d{1,9}$/.test(u) && Number(u) >= min && Number(u) <= max
        ? t.success(Number(u))
        : t.failure(u, c, `must be a whole number from ${min} to ${max}`),
    String,
  );

const urlOf = (name: string, protocols: readonly string[]) =>
  t.refinement(
    t.string,
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    name,
  );

const EnvC = t.partial({
  REDIS_URL: urlOf('RedisUrl', ['redis:', 'rediss:']),
  // BullMQ separates key parts with ':', so the prefix may not hold one.
  QUEUE_PREFIX: t.refinement(t.string, (s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s), 'QueuePrefix'),
  NOTIFY_WEBHOOK_URL: urlOf('WebhookUrl', ['http:', 'https:']),
  LAG_ALERT_EVENTS: boundedInt('LAG_ALERT_EVENTS', 0, 100_000_000),
  JOB_CONCURRENCY: boundedInt('JOB_CONCURRENCY', 1, 256),
  AUDIT_ANCHOR_INTERVAL_MS: boundedInt('AUDIT_ANCHOR_INTERVAL_MS', 0, 86_400_000),
});

/** An unusable job setting; the message names the variable. */
export class JobsConfigError extends Error {
  override readonly name = 'JobsConfigError';
  constructor(readonly problems: string) {
    super(`invalid configuration: ${problems}`);
  }
}

const whatsappOf = (env: Readonly<Record<string, string | undefined>>): WhatsappConfig | null => {
  try {
    return loadWhatsappConfig(env);
  } catch (error) {
    if (error instanceof WhatsappConfigError)
      throw new JobsConfigError(error.message.replace('invalid configuration: ', ''));
    throw error;
  }
};

/** Decodes the job settings; an invalid value throws (never a silent default). Empty = unset. */
export const loadJobsConfig = (env: Readonly<Record<string, string | undefined>>): JobsConfig => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && k in EnvC.props),
  );
  const decoded = EnvC.decode(present);
  if (decoded._tag === 'Left') throw new JobsConfigError(describePayloadErrors(decoded.left));
  const e = decoded.right;
  return {
    redisUrl: e.REDIS_URL ?? null,
    queuePrefix: e.QUEUE_PREFIX ?? defaultJobsConfig.queuePrefix,
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL ?? null,
    lagAlertEvents: e.LAG_ALERT_EVENTS ?? defaultJobsConfig.lagAlertEvents,
    jobConcurrency: e.JOB_CONCURRENCY ?? defaultJobsConfig.jobConcurrency,
    whatsapp: whatsappOf(env),
    anchorIntervalMs: e.AUDIT_ANCHOR_INTERVAL_MS ?? defaultJobsConfig.anchorIntervalMs,
  };
};

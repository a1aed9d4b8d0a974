import * as t from 'io-ts';
import type { SqlClient, StoredEvent } from '@erpcore/eventstore';
import { defineJob, type JobDefinition, type RetryPolicy } from '../../jobs/job-definition.js';
import type { EnqueueRequest, JobQueue } from '../../jobs/job-queue.js';
import { notificationPolicy } from '../send-notification.job.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { sendTemplateMessage, whatsappRecipient } from './whatsapp-message.js';

export const whatsappOrderJobName = 'whatsapp-order';
export const sendWhatsappJobName = 'send-whatsapp';
export const whatsappDebtRemindersJobName = 'whatsapp-debt-reminders';

/** The order events a customer gets a WhatsApp message for. */
export const whatsappOrderEventTypes = ['OrderConfirmed', 'OrderDelivered'] as const;

const WhatsappOrderC = t.readonly(
  t.type({
    eventId: t.string,
    type: t.keyof({ OrderConfirmed: null, OrderDelivered: null }),
    orderId: t.string,
  }),
  'WhatsappOrder',
);
type WhatsappOrder = t.TypeOf<typeof WhatsappOrderC>;

const SendWhatsappC = t.readonly(
  t.type({ to: t.string, template: t.string, parameters: t.readonlyArray(t.string) }),
  'SendWhatsapp',
);

const DebtRemindersC = t.readonly(t.type({}), 'DebtReminders');

/** The `whatsapp-order` job of an order event, or undefined for any other event. */
export const whatsappOrderRequest = (event: StoredEvent): EnqueueRequest | undefined => {
  if (event.type !== 'OrderConfirmed' && event.type !== 'OrderDelivered') return undefined;
  const data = t.type({ id: t.string }).decode(event.data);
  if (data._tag === 'Left') return undefined;
  const payload: WhatsappOrder = {
    eventId: event.eventId,
    type: event.type,
    orderId: data.right.id,
  };
  return { name: whatsappOrderJobName, data: payload, jobId: `whatsapp-${event.eventId}` };
};

export interface WhatsappJobsOptions {
  readonly config: WhatsappConfig;
  /** The read database: order_list and customer_balances. */
  readonly client: SqlClient;
  /** Where the daily reminder enqueues one message per customer (bound once the queue exists). */
  readonly queue: () => JobQueue;
  /** Tests shorten the backoff and the HTTP timeout. */
  readonly policy?: RetryPolicy;
  readonly httpTimeoutMs?: number;
  /** The reminder's clock (the day in its job ids). */
  readonly now?: () => Date;
}

/**
 * The WhatsApp channel's jobs, all with the notification retry policy: `whatsapp-order` (a
 * template to the customer of a confirmed or delivered order), `send-whatsapp` (one prepared
 * message) and the daily `whatsapp-debt-reminders`.
 */
export const whatsappJobs = (
  options: WhatsappJobsOptions,
): {
  readonly order: JobDefinition<WhatsappOrder>;
  readonly send: JobDefinition<t.TypeOf<typeof SendWhatsappC>>;
  readonly reminders: JobDefinition<t.TypeOf<typeof DebtRemindersC>>;
} => {
  const { config, client } = options;
  const policy = options.policy ?? notificationPolicy;
  const send = defineJob({
    name: sendWhatsappJobName,
    payload: SendWhatsappC,
    policy,
    handle: async ({ to, template, parameters }, { signal }) =>
      sendTemplateMessage(
        config,
        to,
        { phone: to, template, parameters },
        signal,
        options.httpTimeoutMs,
      ),
  });
  const order = defineJob({
    name: whatsappOrderJobName,
    payload: WhatsappOrderC,
    policy,
    handle: async ({ type, orderId, eventId }, { signal, logger }) => {
      const { rows } = await client.query<{ name: string; phone: string | null; total: string }>(
        `select c.name, c.phone, o.total::text as total
           from order_list o join customer_balances c on c.id = o.customer_id
          where o.id = $1`,
        [orderId],
      );
      const row = rows[0];
      // The read model lags the log by a moment: a retry finds the order.
      if (row === undefined) throw new Error(`order ${orderId} is not in the read model yet`);
      const to = row.phone === null ? undefined : whatsappRecipient(row.phone);
      if (to === undefined) {
        logger.info({ eventId, orderId }, 'no WhatsApp message: the customer has no usable phone');
        return;
      }
      const template =
        type === 'OrderConfirmed'
          ? config.templates.orderConfirmed
          : config.templates.orderDelivered;
      await sendTemplateMessage(
        config,
        to,
        { phone: to, template, parameters: [row.name, orderId, row.total] },
        signal,
        options.httpTimeoutMs,
      );
    },
  });
  const reminders = defineJob({
    name: whatsappDebtRemindersJobName,
    payload: DebtRemindersC,
    policy,
    handle: async (_payload, { logger }) => {
      const { rows } = await client.query<{
        id: string;
        name: string;
        phone: string;
        balance: string;
      }>(
        `select id, name, phone, balance::text as balance from customer_balances
          where balance > 0 and phone is not null order by id`,
      );
      const day = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
      let queued = 0;
      for (const row of rows) {
        const to = whatsappRecipient(row.phone);
        if (to === undefined) continue;
        // One reminder per customer and day, however often the schedule fires.
        await options.queue().enqueue({
          name: sendWhatsappJobName,
          data: send.encode({
            to,
            template: config.templates.debtReminder,
            parameters: [row.name, row.balance],
          }),
          jobId: `whatsapp-debt-${row.id}-${day}`,
        });
        queued += 1;
      }
      logger.info({ customers: queued, day }, 'WhatsApp debt reminders queued');
    },
  });
  return { order, send, reminders };
};

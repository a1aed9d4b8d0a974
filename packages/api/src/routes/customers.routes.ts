import type { FastifyPluginAsync } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import {
  CustomerIdC,
  IdC,
  Money,
  NameC,
  PhoneC,
  customerDecider,
  customerEventC,
  paymentJournalEntryId,
  recordPayment,
  settingsStreamId,
  streamIds,
  type ChartState,
  type SettingsState,
  type CustomerState,
  type JournalState,
  type RecordPaymentOutcome,
} from '@erpcore/domain';
import { getCustomer } from '@erpcore/projections';
import * as t from 'io-ts';
import { BodyAmountC } from '../http/decimal-bounds.js';
import { decodeOr400, strictObject } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { awaitMinPosition } from '../http/min-position.js';
import { doc } from '../http/route-doc.js';
import { runCommand } from '../http/run-command.js';
import { runMultiStreamCommand } from '../sales/run-multi-stream.js';
import {
  chartModel,
  customerModel,
  journalModel,
  settingsModel,
} from '../sales/sales-stream-models.js';
import { withSystemAccounts } from '../sales/seed-sales-chart.js';
import { httpError } from '../http/http-error-codes.js';

const RegisterCustomerBodyC = strictObject(
  'RegisterCustomerBody',
  { id: CustomerIdC, name: NameC },
  { phone: t.union([PhoneC, t.null]) },
);
const PaymentBodyC = strictObject('PaymentBody', { id: IdC, amount: BodyAmountC });
const IdParamsC = strictObject('IdParams', { id: CustomerIdC });

/** Customers and their payments; a customer's balance is what they owe. */
export const customersRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/customers',
    { schema: doc('sales', 'Register a customer') },
    async (request, reply) => {
      const body = decodeBody(request, RegisterCustomerBodyC);
      return runCommand(request, reply, {
        decider: customerDecider,
        codec: customerEventC,
        streamId: streamIds.customer(body.id),
        command: {
          type: 'RegisterCustomer',
          id: body.id,
          name: body.name,
          phone: body.phone ?? null,
        },
        id: body.id,
        created: true,
      });
    },
  );

  app.post(
    '/customers/:id/payments',
    { schema: doc('sales', 'Record a payment: lowers the balance, posts cash against receivable') },
    async (request, reply) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      const body = decodeBody(request, PaymentBodyC);
      const customerStream = streamIds.customer(id);
      const journalStream = streamIds.journal(paymentJournalEntryId(body.id));
      const chartStream = streamIds.chart();
      const settingsStream = settingsStreamId();
      return runMultiStreamCommand(request, reply, {
        streams: {
          [customerStream]: customerModel,
          [chartStream]: chartModel(app.erp.client),
          [journalStream]: journalModel,
          [settingsStream]: settingsModel,
        },
        writes: [customerStream, chartStream, journalStream],
        decide: (states) => {
          const chart = withSystemAccounts(states[chartStream] as ChartState);
          return E.map((o: RecordPaymentOutcome) => [
            { streamId: customerStream, events: o.customer },
            { streamId: chartStream, events: [...chart.seed, ...o.chart] },
            { streamId: journalStream, events: o.journal },
          ])(
            recordPayment(
              {
                type: 'RecordPayment',
                customerId: id,
                paymentId: body.id,
                amount: body.amount,
                at: app.erp.now().toISOString(),
              },
              {
                customer: states[customerStream] as CustomerState,
                chart: chart.chart,
                journal: states[journalStream] as JournalState,
                settings: states[settingsStream] as SettingsState,
              },
            ),
          );
        },
        id: body.id,
        primaryStreamId: customerStream,
        extras: (outcome) => {
          const state = outcome.streams.find((s) => s.streamId === customerStream)?.state as
            CustomerState | undefined;
          return state?.status === 'active'
            ? { customerId: id, balance: Money.format(state.balance) }
            : {};
        },
      });
    },
  );

  app.get(
    '/customers/:id',
    { schema: doc('sales', 'A customer with what they owe') },
    async (request) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      await awaitMinPosition(request, ['customer_balances']);
      const customer = await getCustomer(app.erp.db, id);
      if (customer === undefined) throw httpError('not_found', `no customer ${id}`);
      return customer;
    },
  );
};

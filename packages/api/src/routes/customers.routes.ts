import type { FastifyPluginAsync } from 'fastify';
import { CustomerIdC, IdC, NameC, PhoneC } from '@erpcore/domain';
import { salesModule } from '@erpcore/application';
import { getCustomer } from '@erpcore/projections';
import * as t from 'io-ts';
import { BodyAmountC } from '../http/decimal-bounds.js';
import { decodeOr400, strictObject } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { awaitReads } from '../http/min-position.js';
import { commandDoc, doc } from '../http/route-doc.js';
import { executeCommand } from '../http/execute-command.js';
import { httpError } from '../http/http-error-codes.js';
import { readHeaders } from '../openapi/header-schemas.js';
import { commandAnswerSchema, decimalText, text } from '../openapi/response-schemas.js';
import { customerSchema } from '../openapi/sales-schemas.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

const RegisterCustomerBodyC = strictObject(
  'RegisterCustomerBody',
  { id: CustomerIdC, name: NameC },
  { phone: t.union([PhoneC, t.null]) },
);
const PaymentBodyC = strictObject('PaymentBody', { id: IdC, amount: BodyAmountC });
const IdParamsC = strictObject('IdParams', { id: CustomerIdC });

/** Customers and their payments; a customer's balance is what they owe. */
export const customersRoutes: FastifyPluginAsync = async (app) => {
  const useCases = salesModule.useCases(app.erp.client);

  app.post(
    '/customers',
    {
      schema: commandDoc('sales', 'Register a customer', {
        operationId: 'registerCustomer',
        body: RegisterCustomerBodyC,
        example: { id: 'C-1', name: 'Acme Ltd', phone: '+44 20 7946 0000' },
        responses: { 201: commandAnswerSchema() },
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, RegisterCustomerBodyC);
      return executeCommand(
        request,
        reply,
        useCases.registerCustomer,
        { type: 'RegisterCustomer', id: body.id, name: body.name, phone: body.phone ?? null },
        { created: true },
      );
    },
  );

  app.post(
    '/customers/:id/payments',
    {
      schema: commandDoc(
        'sales',
        'Record a payment: lowers the balance, posts cash against receivable',
        {
          operationId: 'recordPayment',
          description:
            "The answer's `id` is the payment's; `balance` is what the customer owes after it.",
          params: IdParamsC,
          body: PaymentBodyC,
          example: { id: 'PAY-1', amount: '120.00' },
          responses: {
            200: commandAnswerSchema({}, { customerId: text, balance: decimalText }),
          },
          errors: [
            'not_found',
            'unknown_customer',
            'unknown_account',
            'account_closed',
            'period_locked',
            'limit_exceeded',
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      const body = decodeBody(request, PaymentBodyC);
      return executeCommand(request, reply, useCases.recordPayment, {
        type: 'RecordPayment',
        customerId: id,
        paymentId: body.id,
        amount: body.amount,
        at: app.erp.now().toISOString(),
      });
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: doc('sales', 'A customer with what they owe', {
        operationId: 'getCustomer',
        role: 'auditor',
        headers: readHeaders,
        params: IdParamsC,
        responses: { 200: customerSchema },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      await awaitReads(request, getCustomer);
      const customer = await getCustomer(readDbOf(request), id);
      if (customer === undefined) throw httpError('not_found', `no customer ${id}`);
      return customer;
    },
  );
};

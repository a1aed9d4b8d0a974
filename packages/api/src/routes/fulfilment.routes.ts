import type { FastifyPluginAsync } from 'fastify';
import {
  deliverOrderLinesUseCase,
  returnOrderLinesUseCase,
  setCreditLimit,
} from '@erpcore/application';
import { decodeOr400 } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { commandDoc, postingErrors } from '../http/route-doc.js';
import { executeCommand } from '../http/execute-command.js';
import {
  CreditLimitBodyC,
  CustomerParamsC,
  FulfilmentBodyC,
  OrderParamsC,
} from '../purchasing/erp-bodies.js';
import { postingKindsFor } from '../purchasing/erp-chart-kinds.js';
import {
  commandAnswerSchema,
  decimalText,
  nullableText,
  text,
} from '../openapi/response-schemas.js';

/** What a delivery or a return answers beside id, revision and position. */
const fulfilmentExtras = {
  orderId: text,
  amount: decimalText,
  cost: decimalText,
  journalEntryId: text,
  orderDelivered: { type: 'boolean' },
};

/**
 * Partial deliveries, returns and credit limits (issue 14), on the application executor. A
 * delivery ships from the order's reservation at the moving average and posts revenue and COGS;
 * a return takes goods back at the cost they left at and reverses both.
 */
export const fulfilmentRoutes: FastifyPluginAsync = async (app) => {
  const kinds = postingKindsFor(app.erp.client);
  const now = () => app.erp.now().toISOString();

  app.post(
    '/orders/:id/deliveries',
    {
      schema: commandDoc(
        'sales',
        'Deliver part of a confirmed order (Dr receivable / Cr revenue, Dr COGS / Cr inventory)',
        {
          operationId: 'deliverOrderLines',
          description: "The answer's `id` is the delivery's.",
          params: OrderParamsC,
          body: FulfilmentBodyC,
          example: { id: 'DLV-1', lines: [{ productId: 'FAB-001', quantity: '1' }] },
          responses: { 201: commandAnswerSchema(fulfilmentExtras) },
          errors: [
            'not_found',
            'invalid_transition',
            'unknown_product',
            'exceeds_remaining',
            'insufficient_stock',
            ...postingErrors,
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(OrderParamsC, request.params, 'params');
      const body = decodeBody(request, FulfilmentBodyC);
      const command = {
        type: 'DeliverOrderLines',
        id,
        deliveryId: body.id,
        lines: body.lines,
        at: now(),
      } as const;
      const useCase = await deliverOrderLinesUseCase(app.erp.store, kinds, command);
      return executeCommand(request, reply, useCase, command, { created: true });
    },
  );

  app.post(
    '/orders/:id/returns',
    {
      schema: commandDoc(
        'sales',
        'Take delivered goods back (stock at cost, revenue and debt reversed)',
        {
          operationId: 'returnOrderLines',
          description: "The answer's `id` is the return's.",
          params: OrderParamsC,
          body: FulfilmentBodyC,
          example: { id: 'RET-1', lines: [{ productId: 'FAB-001', quantity: '1' }] },
          responses: { 201: commandAnswerSchema(fulfilmentExtras) },
          errors: [
            'not_found',
            'invalid_transition',
            'unknown_product',
            'exceeds_remaining',
            ...postingErrors,
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(OrderParamsC, request.params, 'params');
      const body = decodeBody(request, FulfilmentBodyC);
      const command = {
        type: 'ReturnOrderLines',
        id,
        returnId: body.id,
        lines: body.lines,
        at: now(),
      } as const;
      const useCase = await returnOrderLinesUseCase(app.erp.store, kinds, command);
      return executeCommand(request, reply, useCase, command, { created: true });
    },
  );

  app.post(
    '/customers/:id/credit-limit',
    {
      schema: commandDoc('sales', 'Set (or with null, lift) a customer’s credit limit', {
        operationId: 'setCreditLimit',
        params: CustomerParamsC,
        body: CreditLimitBodyC,
        example: { creditLimit: '5000.00' },
        responses: { 200: commandAnswerSchema({ creditLimit: nullableText }) },
        errors: ['not_found', 'unknown_customer'],
      }),
    },
    async (request, reply) => {
      const { id } = decodeOr400(CustomerParamsC, request.params, 'params');
      const body = decodeBody(request, CreditLimitBodyC);
      return executeCommand(request, reply, setCreditLimit, {
        type: 'SetCreditLimit',
        customerId: id,
        creditLimit: body.creditLimit,
      });
    },
  );
};

import * as E from 'fp-ts/lib/Either.js';
import { seedChart, streamIds } from '@erpcore/domain';
import type { SqlClient } from '@erpcore/eventstore';
import { salesProjections } from '@erpcore/projections';
import { chartModelFor, type ChartModel } from '../accounting/accounting-kinds.js';
import { contextModule, streamKind } from '../context-module.js';
import { useCase } from '../use-case.js';
import { recordCustomerPayment, registerCustomer } from './customer.use-cases.js';
import {
  cancelOrderUseCase,
  confirmOrderUseCase,
  deliverOrderUseCase,
  placeOrderUseCase,
} from './order.use-cases.js';
import { customerModel, orderModel } from './sales-kinds.js';
import { customerStateJson, orderStateJson } from './sales-state-json.js';

/** Opens the system accounts sales posts to (receivable, revenue, cash…) unless they exist. */
const seedSystemAccounts = (chart: ChartModel) =>
  useCase({
    name: 'seed-system-accounts',
    kinds: { chart },
    streams: () => ({ chart: streamIds.chart() }),
    decide: (states) => E.right({ chart: seedChart(states.chart) }),
    answer: (executed) => ({
      id: executed.roles.chart.streamId,
      revision: executed.roles.chart.revision,
      position: executed.position,
    }),
  });

const useCasesOver = (client: SqlClient) => {
  const chart = chartModelFor(client);
  return {
    registerCustomer,
    recordPayment: recordCustomerPayment(chart),
    placeOrder: placeOrderUseCase,
    confirmOrder: confirmOrderUseCase,
    deliverOrder: deliverOrderUseCase(chart),
    cancelOrder: cancelOrderUseCase,
    seedSystemAccounts: seedSystemAccounts(chart),
  };
};
export type SalesUseCases = ReturnType<typeof useCasesOver>;

const built = new WeakMap<SqlClient, SalesUseCases>();

/**
 * The sales context: customers (`customer-`) and orders (`order-`); its use cases also touch
 * stock, the chart, journal entries and the settings of the contexts they post to. Declared once
 * per client because deliveries and payments share that client's one chart snapshot store.
 */
export const salesModule = contextModule({
  name: 'sales',
  streamKinds: {
    customer: streamKind({
      prefix: 'customer-',
      model: customerModel,
      stateJson: customerStateJson,
    }),
    order: streamKind({ prefix: 'order-', model: orderModel, stateJson: orderStateJson }),
  },
  useCases: (client: SqlClient): SalesUseCases => {
    let found = built.get(client);
    if (found === undefined) {
      found = useCasesOver(client);
      built.set(client, found);
    }
    return found;
  },
  projections: salesProjections,
});

import { isLeft, right } from 'fp-ts/lib/Either.js';
import {
  customerDecider,
  deliverOrderLines,
  Money,
  partialDeliveryJournalEntryId,
  returnJournalEntryId,
  returnOrderLines,
  settingsStreamId,
  streamIds,
  type DeliverOrderLines,
  type ReturnOrderLines,
  type SetCreditLimit,
} from '@erpcore/domain';
import { loadStream, type EventStore } from '@erpcore/eventstore';
import { useCase, type UseCase } from '../use-case.js';
import {
  customerModel,
  journalModel,
  orderModel,
  settingsModel,
  type PostingKinds,
} from './erp-kinds.js';
import { moneyField } from './money-field.js';
import { seeded } from './posting-chart.js';
import { stockRole, stockRoles, stockStates, stockWrites, type StockRoles } from './stock-roles.js';

type FulfilmentKinds = {
  order: typeof orderModel;
  customer: typeof customerModel;
  chart: PostingKinds['chart'];
  journal: typeof journalModel;
  settings: typeof settingsModel;
} & StockRoles;

type FulfilmentCommand = DeliverOrderLines | ReturnOrderLines;

/**
 * The streams a delivery or a return touches: the order, each named product's stock at the
 * order's warehouse, the customer, the chart, its own entry and the settings. The warehouse and
 * customer are read from the order first: neither changes once the order is placed.
 */
const fulfilmentUseCase = async <C extends FulfilmentCommand>(
  store: EventStore,
  kinds: PostingKinds,
  command: C,
  spec: {
    readonly name: string;
    readonly id: (c: C) => string;
    readonly entryId: (c: C) => string;
    readonly decide: UseCase<C, FulfilmentKinds>['decide'];
  },
): Promise<UseCase<C, FulfilmentKinds>> => {
  const order = await loadStream(store, streamIds.order(command.id), orderModel);
  const placed = order.state.status === 'absent' ? undefined : order.state;
  const products = placed === undefined ? [] : command.lines.map((l) => l.productId);
  return useCase<C, FulfilmentKinds>({
    name: spec.name,
    kinds: {
      order: orderModel,
      customer: customerModel,
      chart: kinds.chart,
      journal: journalModel,
      settings: settingsModel,
      ...stockRoles(products),
    },
    streams: (c) => ({
      order: streamIds.order(c.id),
      // An absent order refuses before anything is written; its customer role is a stream of no one.
      customer: streamIds.customer(placed?.customerId ?? ''),
      chart: streamIds.chart(),
      journal: streamIds.journal(spec.entryId(c)),
      settings: settingsStreamId(),
      ...Object.fromEntries(
        products.map((p) => [stockRole(p), streamIds.stock(p, placed?.warehouseId ?? '')]),
      ),
    }),
    writes: ['order', 'customer', 'chart', 'journal', ...products.map(stockRole)],
    decide: spec.decide,
    answer: (executed, c) => {
      const events = executed.roles.order.events;
      const data = events[0]?.data;
      return {
        id: spec.id(c),
        revision: executed.roles.order.revision,
        position: executed.position,
        extras: {
          orderId: c.id,
          amount: moneyField(data, 'amount'),
          cost: moneyField(data, 'cost'),
          journalEntryId: spec.entryId(c),
          orderDelivered: events.some((e) => e.type === 'OrderDelivered'),
        },
      };
    },
  });
};

/** Deliver part of a confirmed order (`exceeds_remaining`, `insufficient_stock`, `period_locked`). */
export const deliverOrderLinesUseCase = (
  store: EventStore,
  kinds: PostingKinds,
  command: DeliverOrderLines,
) =>
  fulfilmentUseCase(store, kinds, command, {
    name: 'deliver-order-lines',
    id: (c) => c.deliveryId,
    entryId: (c) => partialDeliveryJournalEntryId(c.id, c.deliveryId),
    decide: (states, c) => {
      const products = c.lines.map((l) => l.productId);
      const s = seeded({ ...states, stock: stockStates(states, products) });
      const outcome = deliverOrderLines(c, s.states);
      if (isLeft(outcome)) return outcome;
      const { stock, chart, ...rest } = outcome.right;
      return right({ ...rest, chart: s.chartEvents(chart), ...stockWrites(stock) });
    },
  });

/** Take delivered goods back (stock at the cost they left at, revenue and debt reversed). */
export const returnOrderLinesUseCase = (
  store: EventStore,
  kinds: PostingKinds,
  command: ReturnOrderLines,
) =>
  fulfilmentUseCase(store, kinds, command, {
    name: 'return-order-lines',
    id: (c) => c.returnId,
    entryId: (c) => returnJournalEntryId(c.id, c.returnId),
    decide: (states, c) => {
      const products = c.lines.map((l) => l.productId);
      const s = seeded({ ...states, stock: stockStates(states, products) });
      const outcome = returnOrderLines(c, s.states);
      if (isLeft(outcome)) return outcome;
      const { stock, chart, ...rest } = outcome.right;
      return right({ ...rest, chart: s.chartEvents(chart), ...stockWrites(stock) });
    },
  });

/** Set (or lift, with null) a customer's credit limit. */
export const setCreditLimit = useCase({
  name: 'set-credit-limit',
  kinds: { customer: customerModel },
  streams: (c: SetCreditLimit) => ({ customer: streamIds.customer(c.customerId) }),
  decide: (states, c) => {
    const events = customerDecider.decide(c, states.customer);
    return isLeft(events) ? events : right({ customer: events.right });
  },
  answer: (executed, c) => ({
    id: c.customerId,
    revision: executed.roles.customer.revision,
    position: executed.position,
    extras: { creditLimit: c.creditLimit === null ? null : Money.format(c.creditLimit) },
  }),
});

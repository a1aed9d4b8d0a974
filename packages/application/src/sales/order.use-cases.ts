import * as E from 'fp-ts/lib/Either.js';
import {
  cancelOrder,
  confirmOrder,
  deliverOrder,
  deliveryJournalEntryId,
  Money,
  placeOrder,
  settingsStreamId,
  stockNeedsOf,
  streamIds,
  type CancelOrder,
  type CancelOrderOutcome,
  type ConfirmOrderOutcome,
  type DeliverOrderOutcome,
  type ConfirmOrder,
  type DeliverOrder,
  type OrderEvent,
  type OrderState,
  type PlaceOrder,
  type ProductState,
  type StockState,
  type StockWrite,
} from '@erpcore/domain';
import { loadStream, type EventStore } from '@erpcore/eventstore';
import { many, useCase, type CommandAnswer, type RoleOutcome } from '../use-case.js';
import { productModel, warehouseModel } from '../catalog/catalog-kinds.js';
import { stockModel } from '../inventory/inventory-kinds.js';
import { journalModel, settingsModel, type ChartModel } from '../accounting/accounting-kinds.js';
import { customerModel, orderModel, withSystemAccounts } from './sales-kinds.js';

/** What a transition needs to know of a placed order before loading: its stock streams and customer. */
export interface OrderRef {
  readonly customerId: string;
  readonly stock: readonly string[];
}

/** A transition of a placed order, with the streams its (never changing) lines name. */
export interface OrderTransitionOf<C> {
  readonly command: C;
  readonly order: OrderRef;
}

/** Reads the order's stream once for the streams a transition touches; undefined: no such order. */
export const orderRefOf = async (store: EventStore, id: string): Promise<OrderRef | undefined> => {
  const { state } = await loadStream(store, streamIds.order(id), orderModel);
  if (state.status === 'absent') return undefined;
  return {
    customerId: state.customerId,
    stock: stockNeedsOf(state).map((n) => streamIds.stock(n.productId, n.warehouseId)),
  };
};

/** The order's stock states by product id, as the domain's decisions take them. */
const stockByProduct = (
  order: OrderState,
  stock: ReadonlyMap<string, StockState>,
): ReadonlyMap<string, StockState> =>
  new Map(
    order.status === 'absent'
      ? []
      : stockNeedsOf(order).map((n) => [
          n.productId,
          stock.get(streamIds.stock(n.productId, n.warehouseId)) ?? stockModel.initialState,
        ]),
  );

const stockEvents = (writes: readonly StockWrite[]) =>
  new Map(writes.map((w) => [streamIds.stock(w.productId, w.warehouseId), w.events] as const));

/** What every order command answers beside id, revision and position: the status and total. */
const orderAnswer = (
  id: string,
  position: bigint,
  order: RoleOutcome<OrderState>,
): CommandAnswer => ({
  id,
  revision: order.revision,
  position,
  extras:
    order.state.status === 'absent'
      ? {}
      : { status: order.state.status, total: Money.format(order.state.total) },
});

/**
 * Place an order: reads the customer, warehouse and every named product to refuse unknown
 * references and copy names; writes only `order-<id>` (catalogue entries are never removed).
 */
export const placeOrderUseCase = useCase({
  name: 'place-order',
  kinds: {
    order: orderModel,
    customer: customerModel,
    warehouse: warehouseModel,
    products: many(productModel),
  },
  streams: (c: PlaceOrder) => ({
    order: streamIds.order(c.id),
    customer: streamIds.customer(c.customerId),
    warehouse: streamIds.warehouse(c.warehouseId),
    products: [...new Set(c.items.map((i) => streamIds.product(i.productId)))],
  }),
  writes: ['order'],
  decide: (states, command) =>
    E.map((order: readonly OrderEvent[]) => ({ order }))(
      placeOrder(command, {
        order: states.order,
        customer: states.customer,
        warehouse: states.warehouse,
        products: new Map(
          command.items.map((i): [string, ProductState] => [
            i.productId,
            states.products.get(streamIds.product(i.productId)) ?? productModel.initialState,
          ]),
        ),
      }),
    ),
  replayStates: ['order'],
  answer: (executed, command) => orderAnswer(command.id, executed.position, executed.roles.order),
});

/** Confirm: reserve every line or nothing, within the customer's credit limit. */
export const confirmOrderUseCase = useCase({
  name: 'confirm-order',
  kinds: { order: orderModel, stock: many(stockModel), customer: customerModel },
  streams: (c: OrderTransitionOf<ConfirmOrder>) => ({
    order: streamIds.order(c.command.id),
    stock: c.order.stock,
    customer: streamIds.customer(c.order.customerId),
  }),
  writes: ['order', 'stock'],
  decide: (states, { command }) =>
    E.map((o: ConfirmOrderOutcome) => ({ order: o.order, stock: stockEvents(o.stock) }))(
      confirmOrder(command, {
        order: states.order,
        stock: stockByProduct(states.order, states.stock),
        customer: states.customer,
      }),
    ),
  replayStates: ['order'],
  answer: (executed, { command }) =>
    orderAnswer(command.id, executed.position, executed.roles.order),
});

/** Cancel: release what a confirmation reserved (nothing for a pending order). */
export const cancelOrderUseCase = useCase({
  name: 'cancel-order',
  kinds: { order: orderModel, stock: many(stockModel) },
  streams: (c: OrderTransitionOf<CancelOrder>) => ({
    order: streamIds.order(c.command.id),
    stock: c.order.stock,
  }),
  decide: (states, { command }) =>
    E.map((o: CancelOrderOutcome) => ({ order: o.order, stock: stockEvents(o.stock) }))(
      cancelOrder(command, {
        order: states.order,
        stock: stockByProduct(states.order, states.stock),
      }),
    ),
  replayStates: ['order'],
  answer: (executed, { command }) =>
    orderAnswer(command.id, executed.position, executed.roles.order),
});

/**
 * Deliver: issue the reserved stock, post the sale and its cost on the delivery day (the posting
 * accounts and lock date of `settings-main`), raise the customer's balance; one append.
 */
export const deliverOrderUseCase = (chart: ChartModel) =>
  useCase({
    name: 'deliver-order',
    kinds: {
      order: orderModel,
      stock: many(stockModel),
      customer: customerModel,
      chart,
      journal: journalModel,
      settings: settingsModel,
    },
    streams: (c: OrderTransitionOf<DeliverOrder>) => ({
      order: streamIds.order(c.command.id),
      stock: c.order.stock,
      customer: streamIds.customer(c.order.customerId),
      chart: streamIds.chart(),
      journal: streamIds.journal(deliveryJournalEntryId(c.command.id)),
      settings: settingsStreamId(),
    }),
    writes: ['order', 'stock', 'customer', 'chart', 'journal'],
    decide: (states, { command }) => {
      const seeded = withSystemAccounts(states.chart);
      return E.map((o: DeliverOrderOutcome) => ({
        order: o.order,
        stock: stockEvents(o.stock),
        customer: o.customer,
        chart: [...seeded.seed, ...o.chart],
        journal: o.journal,
      }))(
        deliverOrder(command, {
          order: states.order,
          stock: stockByProduct(states.order, states.stock),
          customer: states.customer,
          chart: seeded.chart,
          journal: states.journal,
          settings: states.settings,
        }),
      );
    },
    replayStates: ['order'],
    answer: (executed, { command }) =>
      orderAnswer(command.id, executed.position, executed.roles.order),
  });

import { isLeft, right } from 'fp-ts/lib/Either.js';
import {
  billJournalEntryId,
  billPurchaseOrder,
  draftPurchaseOrder,
  goodsReceiptJournalEntryId,
  paySupplier,
  purchaseOrderDecider,
  purchasingStreamIds,
  receiveGoods,
  settingsStreamId,
  streamIds,
  supplierDecider,
  supplierPaymentJournalEntryId,
  type BillPurchaseOrder,
  type DraftPurchaseOrder,
  type PaySupplier,
  type PurchaseOrderTransition,
  type ReceiveGoods,
  type RegisterSupplier,
} from '@erpcore/domain';
import { loadStream, type EventStore } from '@erpcore/eventstore';
import { productModel, warehouseModel } from '../catalog/catalog-kinds.js';
import { useCase, type UseCase } from '../use-case.js';
import {
  journalModel,
  purchaseOrderModel,
  settingsModel,
  supplierModel,
  type PostingKinds,
} from './erp-kinds.js';
import { moneyField } from './money-field.js';
import { seeded } from './posting-chart.js';
import { stockRole, stockRoles, stockStates, stockWrites, type StockRoles } from './stock-roles.js';

/** Register a supplier (`supplier-<id>`, written `no_stream` in effect: a second one is 409). */
export const registerSupplier = useCase({
  name: 'register-supplier',
  kinds: { supplier: supplierModel },
  streams: (c: RegisterSupplier) => ({ supplier: purchasingStreamIds.supplier(c.id) }),
  decide: (states, c) => {
    const events = supplierDecider.decide(c, states.supplier);
    return isLeft(events) ? events : right({ supplier: events.right });
  },
  answer: (executed, c) => ({
    id: c.id,
    revision: executed.roles.supplier.revision,
    position: executed.position,
  }),
});

/**
 * Draft a purchase order: reads the supplier, the warehouse and every product it names, writes
 * only `purchase-order-<id>`. The products are roles of their own, one per line.
 */
export const draftPurchaseOrderUseCase = (command: DraftPurchaseOrder) => {
  const products = command.lines.map((l) => l.productId);
  const productKinds: ProductRoles = Object.fromEntries(
    products.map((p) => [`product:${p}`, productModel]),
  );
  return useCase<DraftPurchaseOrder, DraftKinds>({
    name: 'draft-purchase-order',
    kinds: {
      order: purchaseOrderModel,
      supplier: supplierModel,
      warehouse: warehouseModel,
      ...productKinds,
    },
    streams: (c: DraftPurchaseOrder) => ({
      order: purchasingStreamIds.purchaseOrder(c.id),
      supplier: purchasingStreamIds.supplier(c.supplierId),
      warehouse: streamIds.warehouse(c.warehouseId),
      ...Object.fromEntries(products.map((p) => [`product:${p}`, streamIds.product(p)])),
    }),
    writes: ['order'],
    decide: (states, c) => {
      const events = draftPurchaseOrder(c, {
        order: states.order,
        supplier: states.supplier,
        warehouse: states.warehouse,
        products: new Map(
          products.flatMap((p) => {
            const product = states[`product:${p}`];
            return product === undefined ? [] : [[p, product] as const];
          }),
        ),
      });
      return isLeft(events) ? events : right({ order: events.right });
    },
    answer: (executed, c) => ({
      id: c.id,
      revision: executed.roles.order.revision,
      position: executed.position,
    }),
  });
};

type ProductRoles = { readonly [role: `product:${string}`]: typeof productModel };
type DraftKinds = {
  order: typeof purchaseOrderModel;
  supplier: typeof supplierModel;
  warehouse: typeof warehouseModel;
} & ProductRoles;

/** Place (draft → ordered) or close a purchase order. */
export const transitionPurchaseOrder = useCase({
  name: 'transition-purchase-order',
  kinds: { order: purchaseOrderModel },
  streams: (c: PurchaseOrderTransition) => ({ order: purchasingStreamIds.purchaseOrder(c.id) }),
  decide: (states, c) => {
    const events = purchaseOrderDecider.decide(c, states.order);
    return isLeft(events) ? events : right({ order: events.right });
  },
  answer: (executed, c) => ({
    id: c.id,
    revision: executed.roles.order.revision,
    position: executed.position,
    extras: {
      status: executed.roles.order.state.status,
    },
  }),
  replayStates: ['order'],
});

/**
 * Receive goods: the order, each received product's stock at the order's warehouse, the chart,
 * the receipt's own entry `journal-grn-…` and the settings, in one append. The warehouse is read
 * from the order first: it never changes after drafting, so the stock streams named here are the
 * ones the decision would name under the lock too.
 */
export const receiveGoodsUseCase = async (
  store: EventStore,
  kinds: PostingKinds,
  command: ReceiveGoods,
): Promise<UseCase<ReceiveGoods, ReceiveKinds>> => {
  const order = await loadStream(
    store,
    purchasingStreamIds.purchaseOrder(command.orderId),
    purchaseOrderModel,
  );
  const warehouseId = order.state.status === 'absent' ? undefined : order.state.warehouseId;
  const products = warehouseId === undefined ? [] : command.lines.map((l) => l.productId);
  const entryId = goodsReceiptJournalEntryId(command.orderId, command.receiptId);
  return useCase<ReceiveGoods, ReceiveKinds>({
    name: 'receive-goods',
    kinds: {
      order: purchaseOrderModel,
      chart: kinds.chart,
      journal: journalModel,
      settings: settingsModel,
      ...stockRoles(products),
    },
    streams: (c) => ({
      order: purchasingStreamIds.purchaseOrder(c.orderId),
      chart: streamIds.chart(),
      journal: streamIds.journal(entryId),
      settings: settingsStreamId(),
      ...Object.fromEntries(
        products.map((p) => [stockRole(p), streamIds.stock(p, warehouseId ?? '')]),
      ),
    }),
    writes: ['order', 'chart', 'journal', ...products.map(stockRole)],
    decide: (states, c) => {
      const s = seeded({
        order: states.order,
        chart: states.chart,
        journal: states.journal,
        settings: states.settings,
        stock: stockStates(states, products),
      });
      const outcome = receiveGoods(c, s.states);
      if (isLeft(outcome)) return outcome;
      const { order: o, chart, journal, stock } = outcome.right;
      return right({ order: o, chart: s.chartEvents(chart), journal, ...stockWrites(stock) });
    },
    answer: (executed, c) => ({
      id: c.receiptId,
      revision: executed.roles.order.revision,
      position: executed.position,
      extras: receiptExtras(executed.roles.order.events, entryId),
    }),
  });
};

type ReceiveKinds = {
  order: typeof purchaseOrderModel;
  chart: PostingKinds['chart'];
  journal: typeof journalModel;
  settings: typeof settingsModel;
} & StockRoles;

const receiptExtras = (
  events: readonly { readonly type: string; readonly data: unknown }[],
  entryId: string,
): Record<string, unknown> => {
  const received = events.find((e) => e.type === 'GoodsReceived');
  const data = received?.data;
  return { orderId: orderIdOf(data), value: moneyField(data, 'value'), journalEntryId: entryId };
};

const orderIdOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string'
    ? data.id
    : undefined;

/** Bill a purchase order: order, supplier, chart, `journal-bill-<id>`, settings. */
export const billPurchaseOrderUseCase = (kinds: PostingKinds, supplierId: string) =>
  useCase({
    name: 'bill-purchase-order',
    kinds: {
      order: purchaseOrderModel,
      supplier: supplierModel,
      chart: kinds.chart,
      journal: journalModel,
      settings: settingsModel,
    },
    streams: (c: BillPurchaseOrder) => ({
      order: purchasingStreamIds.purchaseOrder(c.orderId),
      supplier: purchasingStreamIds.supplier(supplierId),
      chart: streamIds.chart(),
      journal: streamIds.journal(billJournalEntryId(c.billId)),
      settings: settingsStreamId(),
    }),
    writes: ['order', 'supplier', 'chart', 'journal'],
    decide: (states, c) => {
      const s = seeded(states);
      const outcome = billPurchaseOrder(c, s.states);
      return isLeft(outcome)
        ? outcome
        : right({ ...outcome.right, chart: s.chartEvents(outcome.right.chart) });
    },
    answer: (executed, c) => ({
      id: c.billId,
      revision: executed.roles.order.revision,
      position: executed.position,
      extras: { orderId: c.orderId, journalEntryId: billJournalEntryId(c.billId) },
    }),
  });

/** The supplier a purchase order names (its bill charges that supplier), or undefined. */
export const supplierOfPurchaseOrder = async (
  store: EventStore,
  orderId: string,
): Promise<string | undefined> => {
  const order = await loadStream(
    store,
    purchasingStreamIds.purchaseOrder(orderId),
    purchaseOrderModel,
  );
  return order.state.status === 'absent' ? undefined : order.state.supplierId;
};

/** Pay a supplier: supplier, chart, `journal-spay-<id>`, settings. */
export const paySupplierUseCase = (kinds: PostingKinds) =>
  useCase({
    name: 'pay-supplier',
    kinds: {
      supplier: supplierModel,
      chart: kinds.chart,
      journal: journalModel,
      settings: settingsModel,
    },
    streams: (c: PaySupplier) => ({
      supplier: purchasingStreamIds.supplier(c.supplierId),
      chart: streamIds.chart(),
      journal: streamIds.journal(supplierPaymentJournalEntryId(c.paymentId)),
      settings: settingsStreamId(),
    }),
    writes: ['supplier', 'chart', 'journal'],
    decide: (states, c) => {
      const s = seeded(states);
      const outcome = paySupplier(c, s.states);
      return isLeft(outcome)
        ? outcome
        : right({ ...outcome.right, chart: s.chartEvents(outcome.right.chart) });
    },
    answer: (executed, c) => ({
      id: c.paymentId,
      revision: executed.roles.supplier.revision,
      position: executed.position,
      extras: {
        supplierId: c.supplierId,
        journalEntryId: supplierPaymentJournalEntryId(c.paymentId),
      },
    }),
  });

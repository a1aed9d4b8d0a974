import * as E from 'fp-ts/lib/Either.js';
import type { CalendarDate } from '../accounting/account-values.js';
import { chartDecider } from '../accounting/chart.decider.js';
import type { ChartState } from '../accounting/chart.state.js';
import { journalDecider, type JournalState } from '../accounting/journal.decider.js';
import { seedChart } from '../accounting/system-accounts.js';
import type { Name, Unit } from '../catalog/names.js';
import type { ProductState } from '../catalog/product.decider.js';
import { knownToExist } from '../inventory/catalog-facts.js';
import { stockDecider, valueOf, type StockState } from '../inventory/stock.decider.js';
import {
  postStockMovement,
  stockMovementJournalEntryId,
} from '../inventory/post-stock-movement.decision.js';
import type { PostedStockCommand } from '../inventory/stock-posting.commands.js';
import { decideTransfer } from '../inventory/transfer.decision.js';
import { transferDecider, type TransferState } from '../inventory/transfer.decider.js';
import { transferStreamId } from '../inventory/transfer.events.js';
import { billPurchaseOrder } from '../purchasing/bill-purchase-order.decision.js';
import { draftPurchaseOrder } from '../purchasing/draft-purchase-order.decision.js';
import { paySupplier } from '../purchasing/pay-supplier.decision.js';
import {
  purchaseOrderDecider,
  type PurchaseOrderState,
} from '../purchasing/purchase-order.decider.js';
import type { PurchaseLine } from '../purchasing/purchase-order.events.js';
import {
  billJournalEntryId,
  goodsReceiptJournalEntryId,
  purchasingStreamIds,
  supplierPaymentJournalEntryId,
} from '../purchasing/purchasing-ids.js';
import { receiveGoods } from '../purchasing/receive-goods.decision.js';
import { supplierDecider, type SupplierState } from '../purchasing/supplier.decider.js';
import { cancelOrder } from '../sales/cancel-order.decision.js';
import { confirmOrder } from '../sales/confirm-order.decision.js';
import { customerDecider, type CustomerState } from '../sales/customer.decider.js';
import { deliverOrderLines } from '../sales/deliver-order-lines.decision.js';
import { deliverOrder } from '../sales/deliver-order.decision.js';
import type { OrderItem } from '../sales/order.commands.js';
import { orderDecider, type OrderState } from '../sales/order.decider.js';
import { placeOrder } from '../sales/place-order.decision.js';
import { recordPayment } from '../sales/record-payment.decision.js';
import { returnOrderLines } from '../sales/return-order-lines.decision.js';
import {
  deliveryJournalEntryId,
  partialDeliveryJournalEntryId,
  paymentJournalEntryId,
  returnJournalEntryId,
} from '../sales/sales-ids.js';
import type { StockWrite } from '../sales/order-stock.js';
import { seedPostingAccounts } from '../settings/posting-accounts.js';
import { settingsDecider, type SettingsState } from '../settings/settings.decider.js';
import { settingsStreamId } from '../settings/settings.events.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import type { DomainError } from '../shared/domain-error.js';
import {
  asId,
  type Id,
  type OrderId,
  type ProductId,
  type SupplierId,
  type WarehouseId,
} from '../shared/id.js';
import { Money } from '../shared/money.js';
import type { Quantity } from '../shared/quantity.js';
import { streamIds } from '../shared/stream-ids.js';

/** Events for one stream, as one command appends them. */
export interface WorldWrite {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
}

type Lines = ReadonlyArray<{ readonly productId: ProductId; readonly quantity: Quantity }>;
type Result = E.Either<DomainError, void>;

/**
 * An in-memory company driven through the domain's decisions exactly as the executor drives them
 * (load every state, decide once, append every stream's events or none). `log` keeps each
 * command's writes in order, so a test can replay the same history into a real event store.
 * Products and warehouses are taken as existing (the catalogue is not this world's subject).
 */
export class ErpWorld {
  readonly streams = new Map<string, DomainEvent[]>();
  readonly log: WorldWrite[][] = [];

  constructor() {
    const seed = seedChart(this.chart());
    this.commit([{ streamId: streamIds.chart(), events: seed }]);
    this.commit([{ streamId: streamIds.chart(), events: seedPostingAccounts(this.chart()) }]);
  }

  private load<S>(decider: Decider<never, never, S>, streamId: string): S {
    return fold(
      decider as unknown as Decider<never, DomainEvent, S>,
      this.streams.get(streamId) ?? [],
    );
  }

  /** Appends one command's writes atomically (empty writes dropped). */
  commit(writes: readonly WorldWrite[]): void {
    const kept = writes.filter((w) => w.events.length > 0);
    if (kept.length === 0) return;
    for (const w of kept)
      this.streams.set(w.streamId, [...(this.streams.get(w.streamId) ?? []), ...w.events]);
    this.log.push(kept);
  }

  private run<O>(
    decided: E.Either<DomainError, O>,
    writes: (o: O) => readonly WorldWrite[],
  ): Result {
    if (E.isLeft(decided)) return decided;
    this.commit(writes(decided.right));
    return E.right(undefined);
  }

  chart = (): ChartState => this.load(chartDecider as never, streamIds.chart());
  settings = (): SettingsState => this.load(settingsDecider as never, settingsStreamId());
  stock = (productId: string, warehouseId: string): StockState =>
    this.load(stockDecider as never, streamIds.stock(productId, warehouseId));
  customer = (id: string): CustomerState =>
    this.load(customerDecider as never, streamIds.customer(id));
  supplier = (id: string): SupplierState =>
    this.load(supplierDecider as never, purchasingStreamIds.supplier(id));
  order = (id: string): OrderState => this.load(orderDecider as never, streamIds.order(id));
  purchaseOrder = (id: string): PurchaseOrderState =>
    this.load(purchaseOrderDecider as never, purchasingStreamIds.purchaseOrder(id));
  private journal = (id: string): JournalState =>
    this.load(journalDecider as never, streamIds.journal(id));
  private posting = (entryId: string) => ({
    settings: this.settings(),
    chart: this.chart(),
    journal: this.journal(entryId),
  });

  /** An account's balance (debits − credits) in the chart. */
  balance = (accountId: string): Money =>
    this.chart().accounts.get(accountId)?.balance ?? Money.zero;

  /** Σ value of every stock stream. */
  stockValue(): Money {
    let total = Money.zero;
    for (const id of this.streams.keys())
      if (id.startsWith('stock-'))
        total = Money.add(total, valueOf(this.load(stockDecider as never, id)));
    return total;
  }

  private stockWrites = (writes: readonly StockWrite[]): WorldWrite[] =>
    writes.map((w) => ({
      streamId: streamIds.stock(w.productId, w.warehouseId),
      events: w.events,
    }));
  private stockOf(
    productIds: readonly string[],
    warehouseId: string,
  ): ReadonlyMap<string, StockState> {
    return new Map(productIds.map((p) => [p, this.stock(p, warehouseId)]));
  }

  setLockDate(lockDate: CalendarDate | null): Result {
    return this.run(
      settingsDecider.decide({ type: 'SetLockDate', lockDate }, this.settings()),
      (events) => [{ streamId: settingsStreamId(), events }],
    );
  }

  registerSupplier(id: string): Result {
    const cmd = {
      type: 'RegisterSupplier' as const,
      id: asId<SupplierId>(id),
      name: `Supplier ${id}` as Name,
    };
    return this.run(supplierDecider.decide(cmd, this.supplier(id)), (events) => [
      { streamId: purchasingStreamIds.supplier(id), events },
    ]);
  }

  registerCustomer(id: string, creditLimit: Money | null = null): Result {
    const registered = this.run(
      customerDecider.decide(
        { type: 'RegisterCustomer', id: asId(id), name: `Customer ${id}` as Name, phone: null },
        this.customer(id),
      ),
      (events) => [{ streamId: streamIds.customer(id), events }],
    );
    if (E.isLeft(registered) || creditLimit === null) return registered;
    return this.run(
      customerDecider.decide(
        { type: 'SetCreditLimit', customerId: asId(id), creditLimit },
        this.customer(id),
      ),
      (events) => [{ streamId: streamIds.customer(id), events }],
    );
  }

  /** Drafts and places a purchase order in two commands. */
  order_purchase(
    id: string,
    supplierId: string,
    warehouseId: string,
    lines: readonly PurchaseLine[],
    at: string,
  ): Result {
    const stream = purchasingStreamIds.purchaseOrder(id);
    const drafted = this.run(
      draftPurchaseOrder(
        {
          type: 'DraftPurchaseOrder',
          id: asId(id),
          supplierId: asId(supplierId),
          warehouseId: asId(warehouseId),
          lines,
          at,
        },
        {
          order: this.purchaseOrder(id),
          supplier: this.supplier(supplierId),
          warehouse: knownToExist,
          products: new Map(lines.map((l) => [l.productId, knownToExist])),
        },
      ),
      (events) => [{ streamId: stream, events }],
    );
    if (E.isLeft(drafted)) return drafted;
    return this.run(
      purchaseOrderDecider.decide(
        { type: 'PlacePurchaseOrder', id: asId(id), at },
        this.purchaseOrder(id),
      ),
      (events) => [{ streamId: stream, events }],
    );
  }

  receiveGoods(orderId: string, receiptId: string, date: CalendarDate, lines: Lines): Result {
    const po = this.purchaseOrder(orderId);
    const warehouseId = po.status === 'absent' ? 'none' : po.warehouseId;
    const entryId = goodsReceiptJournalEntryId(orderId, receiptId);
    return this.run(
      receiveGoods(
        { type: 'ReceiveGoods', orderId: asId(orderId), receiptId: asId(receiptId), date, lines },
        {
          ...this.posting(entryId),
          order: po,
          stock: this.stockOf(
            lines.map((l) => l.productId),
            warehouseId,
          ),
        },
      ),
      (o) => [
        { streamId: purchasingStreamIds.purchaseOrder(orderId), events: o.order },
        ...this.stockWrites(o.stock),
        { streamId: streamIds.chart(), events: o.chart },
        { streamId: streamIds.journal(entryId), events: o.journal },
      ],
    );
  }

  bill(orderId: string, billId: string, date: CalendarDate, lines: Lines): Result {
    const po = this.purchaseOrder(orderId);
    const supplierId = po.status === 'absent' ? 'none' : po.supplierId;
    const entryId = billJournalEntryId(billId);
    return this.run(
      billPurchaseOrder(
        { type: 'BillPurchaseOrder', orderId: asId(orderId), billId: asId(billId), date, lines },
        { ...this.posting(entryId), order: po, supplier: this.supplier(supplierId) },
      ),
      (o) => [
        { streamId: purchasingStreamIds.purchaseOrder(orderId), events: o.order },
        { streamId: purchasingStreamIds.supplier(supplierId), events: o.supplier },
        { streamId: streamIds.chart(), events: o.chart },
        { streamId: streamIds.journal(entryId), events: o.journal },
      ],
    );
  }

  paySupplier(supplierId: string, paymentId: string, amount: Money, date: CalendarDate): Result {
    const entryId = supplierPaymentJournalEntryId(paymentId);
    return this.run(
      paySupplier(
        {
          type: 'PaySupplier',
          supplierId: asId(supplierId),
          paymentId: asId(paymentId),
          amount,
          date,
        },
        { ...this.posting(entryId), supplier: this.supplier(supplierId) },
      ),
      (o) => [
        { streamId: purchasingStreamIds.supplier(supplierId), events: o.supplier },
        { streamId: streamIds.chart(), events: o.chart },
        { streamId: streamIds.journal(entryId), events: o.journal },
      ],
    );
  }

  /** A receipt, issue or count through the inventory routes: valued and posted. */
  postMovement(movementId: string, date: CalendarDate, movement: PostedStockCommand): Result {
    const entryId = stockMovementJournalEntryId(movementId);
    const stream = streamIds.stock(movement.productId, movement.warehouseId);
    return this.run(
      postStockMovement(
        { type: 'PostStockMovement', movementId: asId(movementId), date, movement },
        {
          ...this.posting(entryId),
          product: knownToExist,
          warehouse: knownToExist,
          stock: this.stock(movement.productId, movement.warehouseId),
        },
      ),
      (o) => [
        { streamId: stream, events: o.stock },
        { streamId: streamIds.chart(), events: o.chart },
        { streamId: streamIds.journal(entryId), events: o.journal },
      ],
    );
  }

  transfer(
    transferId: string,
    productId: string,
    from: string,
    to: string,
    quantity: Quantity,
  ): Result {
    return this.run(
      decideTransfer(
        {
          product: knownToExist,
          from: knownToExist,
          to: knownToExist,
          source: this.stock(productId, from),
          destination: this.stock(productId, to),
          transfer: this.load<TransferState>(
            transferDecider as never,
            transferStreamId(transferId),
          ),
        },
        {
          type: 'TransferStock',
          transferId: asId<Id>(transferId),
          productId: asId(productId),
          fromWarehouseId: asId(from),
          toWarehouseId: asId(to),
          quantity,
        },
      ),
      (o) => [
        { streamId: streamIds.stock(productId, from), events: o.source },
        { streamId: streamIds.stock(productId, to), events: o.destination },
        { streamId: transferStreamId(transferId), events: o.transfer },
      ],
    );
  }

  /** Places and confirms a sales order (two commands); the confirmation enforces the credit limit. */
  sell(
    id: string,
    customerId: string,
    warehouseId: string,
    items: readonly OrderItem[],
    at: string,
  ): Result {
    const products = new Map<string, ProductState>(
      items.map((i) => [
        i.productId,
        {
          status: 'active',
          id: i.productId,
          name: `Product ${i.productId}` as Name,
          unit: 'pcs' as Unit,
        },
      ]),
    );
    const placed = this.run(
      placeOrder(
        {
          type: 'PlaceOrder',
          id: asId(id),
          customerId: asId(customerId),
          branchId: asId('B1'),
          salespersonId: asId('S1'),
          warehouseId: asId<WarehouseId>(warehouseId),
          items,
          at,
        },
        {
          order: this.order(id),
          customer: this.customer(customerId),
          warehouse: { status: 'active', id: asId(warehouseId), name: 'W' as Name, branchId: null },
          products,
        },
      ),
      (events) => [{ streamId: streamIds.order(id), events }],
    );
    if (E.isLeft(placed)) return placed;
    const order = this.order(id);
    return this.run(
      confirmOrder(
        { type: 'ConfirmOrder', id: asId(id), at },
        {
          order,
          stock: this.stockOf(
            items.map((i) => i.productId),
            warehouseId,
          ),
          customer: this.customer(customerId),
        },
      ),
      (o) => [{ streamId: streamIds.order(id), events: o.order }, ...this.stockWrites(o.stock)],
    );
  }

  private salesStates(id: string, entryId: string) {
    const order = this.order(id);
    const products = order.status === 'absent' ? [] : order.items.map((i) => i.productId);
    const warehouseId = order.status === 'absent' ? 'none' : order.warehouseId;
    const customerId = order.status === 'absent' ? 'none' : order.customerId;
    return {
      customerId,
      states: {
        ...this.posting(entryId),
        order,
        stock: this.stockOf(products, warehouseId),
        customer: this.customer(customerId),
      },
    };
  }

  private salesWrites(id: string, customerId: string, entryId: string) {
    return (o: {
      order: readonly DomainEvent[];
      stock: readonly StockWrite[];
      customer: readonly DomainEvent[];
      chart: readonly DomainEvent[];
      journal: readonly DomainEvent[];
    }): WorldWrite[] => [
      { streamId: streamIds.order(id), events: o.order },
      ...this.stockWrites(o.stock),
      { streamId: streamIds.customer(customerId), events: o.customer },
      { streamId: streamIds.chart(), events: o.chart },
      { streamId: streamIds.journal(entryId), events: o.journal },
    ];
  }

  deliver(id: string, at: string): Result {
    const entryId = deliveryJournalEntryId(asId<OrderId>(id));
    const { customerId, states } = this.salesStates(id, entryId);
    return this.run(
      deliverOrder({ type: 'DeliverOrder', id: asId(id), at }, states),
      this.salesWrites(id, customerId, entryId),
    );
  }

  deliverLines(id: string, deliveryId: string, lines: Lines, at: string): Result {
    const entryId = partialDeliveryJournalEntryId(id, deliveryId);
    const { customerId, states } = this.salesStates(id, entryId);
    return this.run(
      deliverOrderLines(
        { type: 'DeliverOrderLines', id: asId(id), deliveryId: asId(deliveryId), lines, at },
        states,
      ),
      this.salesWrites(id, customerId, entryId),
    );
  }

  returnLines(id: string, returnId: string, lines: Lines, at: string): Result {
    const entryId = returnJournalEntryId(id, returnId);
    const { customerId, states } = this.salesStates(id, entryId);
    return this.run(
      returnOrderLines(
        { type: 'ReturnOrderLines', id: asId(id), returnId: asId(returnId), lines, at },
        states,
      ),
      this.salesWrites(id, customerId, entryId),
    );
  }

  cancel(id: string, at: string): Result {
    const { states } = this.salesStates(id, 'unused');
    return this.run(
      cancelOrder(
        { type: 'CancelOrder', id: asId(id), reason: null, at },
        { order: states.order, stock: states.stock },
      ),
      (o) => [{ streamId: streamIds.order(id), events: o.order }, ...this.stockWrites(o.stock)],
    );
  }

  pay(customerId: string, paymentId: string, amount: Money, at: string): Result {
    const entryId = paymentJournalEntryId(paymentId);
    return this.run(
      recordPayment(
        {
          type: 'RecordPayment',
          customerId: asId(customerId),
          paymentId: asId(paymentId),
          amount,
          at,
        },
        { ...this.posting(entryId), customer: this.customer(customerId) },
      ),
      (o) => [
        { streamId: streamIds.customer(customerId), events: o.customer },
        { streamId: streamIds.chart(), events: o.chart },
        { streamId: streamIds.journal(entryId), events: o.journal },
      ],
    );
  }
}

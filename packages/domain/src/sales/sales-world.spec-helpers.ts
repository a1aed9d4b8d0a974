import * as E from 'fp-ts/lib/Either.js';
import { chartDecider } from '../accounting/chart.decider.js';
import type { ChartState } from '../accounting/chart.state.js';
import { journalDecider, type JournalState } from '../accounting/journal.decider.js';
import { seedChart } from '../accounting/system-accounts.js';
import type { ProductState } from '../catalog/product.decider.js';
import { stockDecider, type StockState } from '../inventory/stock.decider.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import type { DomainError } from '../shared/domain-error.js';
import {
  asId,
  type CustomerId,
  type Id,
  type OrderId,
  type ProductId,
  type WarehouseId,
} from '../shared/id.js';
import type { Money } from '../shared/money.js';
import type { Quantity } from '../shared/quantity.js';
import { streamIds } from '../shared/stream-ids.js';
import { cancelOrder } from './cancel-order.decision.js';
import { confirmOrder } from './confirm-order.decision.js';
import { customerDecider, type CustomerState } from './customer.decider.js';
import { deliverOrder } from './deliver-order.decision.js';
import type { PlaceOrder } from './order.commands.js';
import { orderDecider, type OrderState, type PlacedOrder } from './order.decider.js';
import { placeOrder } from './place-order.decision.js';
import { recordPayment } from './record-payment.decision.js';
import { paymentJournalEntryId } from './sales-ids.js';
import { product, warehouse } from './sales.spec-helpers.js';
import type { Name } from '../catalog/names.js';
import type { StockWrite } from './order-stock.js';

/**
 * An in-memory world of streams driven through the sales decisions exactly as the command
 * handler drives them (load every state, decide once, append every stream's events or none), for
 * property tests over whole flows without I/O.
 */
export class SalesWorld {
  readonly streams = new Map<string, DomainEvent[]>();
  readonly warehouseId = asId<WarehouseId>('W1');
  private readonly products: ReadonlyMap<string, ProductState>;
  private tick = 0;

  constructor(productIds: readonly string[], customerIds: readonly string[]) {
    this.products = new Map(productIds.map((id) => [id, product(id)]));
    for (const id of customerIds) {
      const registered = customerDecider.decide(
        {
          type: 'RegisterCustomer',
          id: asId<CustomerId>(id),
          name: `Customer ${id}` as Name,
          phone: null,
        },
        customerDecider.initialState,
      );
      if (E.isRight(registered)) this.append(streamIds.customer(id), registered.right);
    }
    this.append(streamIds.chart(), seedChart(this.chart()));
  }

  private at(): string {
    this.tick++;
    return new Date(Date.UTC(2024, 0, 1) + this.tick * 60_000).toISOString();
  }

  private load<S>(decider: Decider<never, never, S>, streamId: string): S {
    return fold(
      decider as unknown as Decider<never, DomainEvent, S>,
      this.streams.get(streamId) ?? [],
    );
  }

  private append(streamId: string, events: readonly DomainEvent[]): void {
    if (events.length > 0)
      this.streams.set(streamId, [...(this.streams.get(streamId) ?? []), ...events]);
  }

  /** The chart's current state. */
  chart(): ChartState {
    return this.load(chartDecider as never, streamIds.chart());
  }
  /** A stock stream's current state at W1. */
  stock(productId: string): StockState {
    return this.load(stockDecider as never, streamIds.stock(productId, this.warehouseId));
  }
  /** A customer's current state. */
  customer(id: string): CustomerState {
    return this.load(customerDecider as never, streamIds.customer(id));
  }
  /** An order's current state. */
  order(id: string): OrderState {
    return this.load(orderDecider as never, streamIds.order(id));
  }
  private journal(id: string): JournalState {
    return this.load(journalDecider as never, streamIds.journal(id));
  }

  private stockStates(order: OrderState): ReadonlyMap<string, StockState> {
    return order.status === 'absent'
      ? new Map()
      : new Map(order.items.map((l) => [l.productId, this.stock(l.productId)]));
  }

  private writeStock(writes: readonly StockWrite[]): void {
    for (const w of writes) this.append(streamIds.stock(w.productId, w.warehouseId), w.events);
  }

  /** Receives stock at W1 (no decision involved beyond the stock decider). */
  receive(productId: string, quantity: Quantity): void {
    const decided = stockDecider.decide(
      {
        type: 'ReceiveStock',
        productId: asId<ProductId>(productId),
        warehouseId: this.warehouseId,
        quantity,
        reference: null,
      },
      this.stock(productId),
    );
    if (E.isRight(decided))
      this.append(streamIds.stock(productId, this.warehouseId), decided.right);
  }

  /** Places an order for `customerId`; returns the refusal's code or 'ok'. */
  place(id: string, customerId: string, items: PlaceOrder['items']): string {
    const command: PlaceOrder = {
      type: 'PlaceOrder',
      id: asId<OrderId>(id),
      customerId: asId<CustomerId>(customerId),
      branchId: asId<Id>('B1'),
      salespersonId: asId<Id>('S1'),
      warehouseId: this.warehouseId,
      items,
      at: this.at(),
    };
    return this.run(
      placeOrder(command, {
        order: this.order(id),
        customer: this.customer(customerId),
        warehouse: warehouse('W1'),
        products: this.products,
      }),
      (events) => this.append(streamIds.order(id), events),
    );
  }

  /** Confirms an order. */
  confirm(id: string): string {
    const order = this.order(id);
    return this.run(
      confirmOrder(
        { type: 'ConfirmOrder', id: asId<OrderId>(id), at: this.at() },
        { order, stock: this.stockStates(order) },
      ),
      (o) => {
        this.append(streamIds.order(id), o.order);
        this.writeStock(o.stock);
      },
    );
  }

  /** Delivers an order. */
  deliver(id: string): string {
    const order = this.order(id);
    const customerState =
      order.status === 'absent' ? ({ status: 'absent' } as const) : this.customer(order.customerId);
    const entryId = `order-${id}-delivery`;
    return this.run(
      deliverOrder(
        { type: 'DeliverOrder', id: asId<OrderId>(id), at: this.at() },
        {
          order,
          stock: this.stockStates(order),
          customer: customerState,
          chart: this.chart(),
          journal: this.journal(entryId),
        },
      ),
      (o) => {
        this.append(streamIds.order(id), o.order);
        this.writeStock(o.stock);
        if (order.status !== 'absent')
          this.append(streamIds.customer(order.customerId), o.customer);
        this.append(streamIds.chart(), o.chart);
        this.append(streamIds.journal(entryId), o.journal);
      },
    );
  }

  /** Cancels an order. */
  cancel(id: string): string {
    const order = this.order(id);
    return this.run(
      cancelOrder(
        { type: 'CancelOrder', id: asId<OrderId>(id), reason: null, at: this.at() },
        { order, stock: this.stockStates(order) },
      ),
      (o) => {
        this.append(streamIds.order(id), o.order);
        this.writeStock(o.stock);
      },
    );
  }

  /** Records a payment. */
  pay(customerId: string, paymentId: string, amount: Money): string {
    const entryId = paymentJournalEntryId(paymentId);
    const command = {
      type: 'RecordPayment' as const,
      customerId: asId<CustomerId>(customerId),
      paymentId: asId<Id>(paymentId),
      amount,
      at: this.at(),
    };
    return this.run(
      recordPayment(command, {
        customer: this.customer(customerId),
        chart: this.chart(),
        journal: this.journal(entryId),
      }),
      (o) => {
        this.append(streamIds.customer(customerId), o.customer);
        this.append(streamIds.chart(), o.chart);
        this.append(streamIds.journal(entryId), o.journal);
      },
    );
  }

  /** Every order placed so far, in its current state. */
  orders(): PlacedOrder[] {
    return [...this.streams.keys()]
      .filter((s) => s.startsWith('order-'))
      .map((s) => this.order(s.slice('order-'.length)))
      .filter((o): o is PlacedOrder => o.status !== 'absent');
  }

  private run<T>(decided: E.Either<DomainError, T>, write: (outcome: T) => void): string {
    if (E.isLeft(decided)) return decided.left.code;
    write(decided.right);
    return 'ok';
  }
}

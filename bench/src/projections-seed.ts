/**
 * A realistic event log for the projections benchmark, simulated in memory and appended through
 * the event store: a catalogue (products × warehouses), stock movements with running balances,
 * a chart of accounts with postings, customers, and orders through their life cycle (placed,
 * confirmed with reservations, delivered with stock issue, charge and posting, or cancelled).
 * Events are built in their stored (encoded) form; every balance is consistent, so each
 * projection sees what the command handlers would have written.
 */
import { randomUUID } from 'node:crypto';
import { Money, Quantity } from '@erpcore/domain';
import type { EventStore, EventToAppend, StreamAppend } from '@erpcore/eventstore';
import { accountId, chartShape, opened } from './accounting-seed.js';
import type { Progress } from './progress.js';
import { random } from './sales-seed.js';

export interface LogShape {
  readonly products: number;
  readonly warehouses: number;
  /** Stock events in all (receipts, issues, adjustments, transfers and the orders' moves). */
  readonly stockEvents: number;
  readonly accounts: number;
  /** `AccountsPosted` events in all (random entries and deliveries). */
  readonly postings: number;
  readonly orders: number;
  readonly customers: number;
}

/** One atomic append: the events of one command, per stream in order. */
type Command = ReadonlyArray<readonly [streamId: string, type: string, data: object]>;

const start = Date.UTC(2024, 0, 1);
const qty = (thousandths: number): string =>
  Quantity.format(Quantity.ofScaled(BigInt(thousandths)));
const money = (cents: number): string => Money.format(Money.ofCents(BigInt(cents)));
const pid = (p: number): string => `PRD-${String(p).padStart(4, '0')}`;
const wid = (w: number): string => `WH-${String(w).padStart(2, '0')}`;

interface Pair {
  readonly productId: string;
  readonly warehouseId: string;
  onHand: number;
  reserved: number;
}
interface Order {
  readonly id: string;
  readonly customer: number;
  readonly warehouse: number;
  readonly lines: ReadonlyArray<{ readonly product: number; readonly quantity: number }>;
  readonly total: number;
  status: 'pending' | 'confirmed';
}

/** Builds every command of the log, in the order they would have run. */
export const simulateLog = (shape: LogShape): Command[] => {
  const next = random(2024);
  const pick = (n: number): number => Math.floor(next() * n);
  const commands: Command[] = [];
  let clock = 0;
  const at = (): string => new Date(start + (clock += 1000)).toISOString();

  for (let w = 0; w < shape.warehouses; w++)
    commands.push([
      [
        `warehouse-${wid(w)}`,
        'WarehouseCreated',
        { id: wid(w), name: `Warehouse ${w}`, branchId: `BR-${w % 3}` },
      ],
    ]);
  for (let p = 0; p < shape.products; p++)
    commands.push([
      [
        `product-${pid(p)}`,
        'ProductCreated',
        { id: pid(p), name: `Product ${p} cotton fabric`, unit: 'm' },
      ],
    ]);
  const chart = chartShape(shape.accounts, 6, Math.min(50, shape.accounts - 10));
  for (const account of chart.accounts) {
    const { type, data } = opened(account);
    commands.push([['chart-main', type, data as object]]);
  }
  const balances: number[] = [];
  for (let c = 0; c < shape.customers; c++) {
    balances.push(0);
    commands.push([
      [`customer-C${c}`, 'CustomerRegistered', { id: `C${c}`, name: `Customer ${c}`, phone: null }],
    ]);
  }

  const pairs: Pair[] = [];
  for (let p = 0; p < shape.products; p++)
    for (let w = 0; w < shape.warehouses; w++)
      pairs.push({ productId: pid(p), warehouseId: wid(w), onHand: 0, reserved: 0 });
  const pairOf = (p: number, w: number): Pair => pairs[p * shape.warehouses + w] as Pair;
  const stream = (pair: Pair): string => `stock-${pair.productId}@${pair.warehouseId}`;
  const stock = (pair: Pair, type: string, extra: object): Command[number] => [
    stream(pair),
    type,
    {
      productId: pair.productId,
      warehouseId: pair.warehouseId,
      balanceAfter: qty(pair.onHand),
      reservedAfter: qty(pair.reserved),
      ...extra,
    },
  ];
  let stockEvents = 0;
  for (const pair of pairs) {
    pair.onHand = 500_000;
    commands.push([stock(pair, 'StockReceived', { quantity: qty(500_000), reference: 'opening' })]);
    stockEvents++;
  }

  const accountIds = chart.accounts.map((a) => a.id);
  let postings = 0;
  const posting = (entry: string, from: string, to: string, cents: number): Command[number] => {
    postings++;
    return [
      'chart-main',
      'AccountsPosted',
      {
        entryId: entry,
        reversal: false,
        postings: [
          { accountId: from, amount: money(cents) },
          { accountId: to, amount: money(-cents) },
        ],
      },
    ];
  };

  const open: Order[] = [];
  let placed = 0;
  let entries = 0;
  const orderStep = (): void => {
    // Advance an open order half the time (or when all are placed), else place a new one.
    const advance = open.length > 0 && (placed >= shape.orders || next() < 0.5);
    if (!advance) {
      const warehouse = pick(shape.warehouses);
      const lines = Array.from({ length: 1 + pick(5) }, () => ({
        product: pick(shape.products),
        quantity: 1000 * (1 + pick(20)),
      }));
      const priced = lines.map((l) => ({ ...l, price: 100 + pick(20_000) }));
      const total = priced.reduce((s, l) => s + (l.quantity / 1000) * l.price, 0);
      const id = `ORD-${String(placed++).padStart(6, '0')}`;
      const customer = pick(shape.customers);
      open.push({ id, customer, warehouse, lines, total, status: 'pending' });
      commands.push([
        [
          `order-${id}`,
          'OrderPlaced',
          {
            id,
            customerId: `C${customer}`,
            customerName: `Customer ${customer}`,
            branchId: `BR-${warehouse % 3}`,
            salespersonId: `SP-${pick(50)}`,
            warehouseId: wid(warehouse),
            items: priced.map((l) => ({
              productId: pid(l.product),
              productName: `Product ${l.product} cotton fabric`,
              quantity: qty(l.quantity),
              unitPrice: money(l.price),
              lineTotal: money((l.quantity / 1000) * l.price),
            })),
            total: money(total),
            at: at(),
          },
        ],
      ]);
      return;
    }
    const order = open.splice(pick(open.length), 1)[0] as Order;
    const moves = (type: string): Command[number][] =>
      order.lines.map((l) => {
        const pair = pairOf(l.product, order.warehouse);
        if (type === 'StockReserved') pair.reserved += l.quantity;
        else if (type === 'StockReleased') pair.reserved -= l.quantity;
        else {
          // A delivery takes the reserved goods out: both fall.
          pair.onHand -= l.quantity;
          pair.reserved -= l.quantity;
        }
        stockEvents++;
        return stock(pair, type, { quantity: qty(l.quantity), reference: order.id });
      });
    const orderEvent = (type: string, data: object): Command[number] => [
      `order-${order.id}`,
      type,
      { id: order.id, ...data, at: at() },
    ];
    const roll = next();
    if (order.status === 'pending' && roll < 0.9) {
      const enough = order.lines.every((l) => {
        const pair = pairOf(l.product, order.warehouse);
        return pair.onHand - pair.reserved >= 2 * l.quantity;
      });
      if (!enough) return;
      order.status = 'confirmed';
      open.push(order);
      commands.push([orderEvent('OrderConfirmed', {}), ...moves('StockReserved')]);
    } else if (order.status === 'confirmed' && roll < 0.85) {
      const entry = `JE-D${entries++}`;
      balances[order.customer] = (balances[order.customer] ?? 0) + order.total;
      commands.push([
        orderEvent('OrderDelivered', { total: money(order.total), journalEntryId: entry }),
        ...moves('StockDelivered'),
        [
          `customer-C${order.customer}`,
          'CustomerCharged',
          {
            customerId: `C${order.customer}`,
            orderId: order.id,
            amount: money(order.total),
            balanceAfter: money(balances[order.customer] ?? 0),
            at: at(),
          },
        ],
        posting(entry, accountId(0), accountId(1), order.total),
      ]);
    } else {
      commands.push([
        orderEvent('OrderCancelled', {
          reason: null,
          releasedReservations: order.status === 'confirmed',
        }),
        ...(order.status === 'confirmed' ? moves('StockReleased') : []),
      ]);
    }
  };

  const stockStep = (): void => {
    const product = pick(shape.products);
    const warehouse = pick(shape.warehouses);
    const pair = pairOf(product, warehouse);
    const roll = next();
    const amount = 1000 * (1 + pick(50));
    const available = pair.onHand - pair.reserved;
    if (roll < 0.4) {
      pair.onHand += amount;
      commands.push([
        stock(pair, 'StockReceived', { quantity: qty(amount), reference: `GRN-${clock}` }),
      ]);
      stockEvents++;
    } else if (roll < 0.75 && available >= amount) {
      pair.onHand -= amount;
      commands.push([stock(pair, 'StockIssued', { quantity: qty(amount), reference: null })]);
      stockEvents++;
    } else if (roll < 0.85) {
      const counted = Math.max(pair.reserved, pair.onHand + 1000 * (pick(11) - 5));
      const change = counted - pair.onHand;
      pair.onHand = counted;
      commands.push([
        stock(pair, 'StockAdjusted', {
          countedQuantity: qty(counted),
          quantity: qty(change),
          reason: 'count',
        }),
      ]);
      stockEvents++;
    } else if (available >= amount) {
      const to = pairOf(product, (warehouse + 1 + pick(shape.warehouses - 1)) % shape.warehouses);
      const transferId = `TR-${clock}`;
      pair.onHand -= amount;
      to.onHand += amount;
      commands.push([
        stock(pair, 'StockTransferredOut', {
          quantity: qty(amount),
          transferId,
          toWarehouseId: to.warehouseId,
        }),
        stock(to, 'StockTransferredIn', {
          quantity: qty(amount),
          transferId,
          fromWarehouseId: pair.warehouseId,
        }),
      ]);
      stockEvents += 2;
    }
  };

  const postingStep = (): void => {
    const from = accountIds[pick(accountIds.length)] ?? accountId(0);
    const to = accountIds[pick(accountIds.length)] ?? accountId(1);
    commands.push([posting(`JE-${entries++}`, from, to, 1 + pick(100_000))]);
  };

  // Roughly three stock events per order step; postings spread evenly over the same time line.
  while (
    placed < shape.orders ||
    open.length > 0 ||
    stockEvents < shape.stockEvents ||
    postings < shape.postings
  ) {
    clock += 1000;
    if (placed < shape.orders || open.length > 0) orderStep();
    if (stockEvents < shape.stockEvents && next() < 0.6) stockStep();
    if (postings < shape.postings && next() < 0.35) postingStep();
    if (placed >= shape.orders && open.length === 0) {
      while (stockEvents < shape.stockEvents) stockStep();
      while (postings < shape.postings) postingStep();
    }
  }
  return commands;
};

/** Counts the events of `commands`. */
export const countEvents = (commands: readonly Command[]): number =>
  commands.reduce((n, c) => n + c.length, 0);

/**
 * Appends `commands` through `store.appendMulti`, many commands per call (one transaction of about
 * `perCall` events, each stream's events in order), with `expectedRevision: 'any'`: the simulation
 * already decided them. Progress counts events.
 */
export const appendLog = async (
  store: EventStore,
  commands: readonly Command[],
  progress: Progress,
  // es_append grows its answer stream by stream, so very large calls get slower per event.
  perCall = 250,
): Promise<void> => {
  let done = 0;
  let byStream = new Map<string, EventToAppend[]>();
  let pending = 0;
  const metadata = { actor: 'bench', correlationId: 'bench', causationId: null, schemaVersion: 1 };
  const flush = async (): Promise<void> => {
    if (pending === 0) return;
    const appends: StreamAppend[] = [...byStream].map(([streamId, events]) => ({
      streamId,
      events,
      expectedRevision: 'any',
    }));
    await store.appendMulti(appends);
    done += pending;
    pending = 0;
    byStream = new Map();
    progress.update(done);
  };
  let n = 0;
  for (const command of commands) {
    n++;
    for (const [streamId, type, data] of command) {
      const events = byStream.get(streamId) ?? [];
      events.push({
        eventId: randomUUID(),
        type,
        data,
        metadata: { ...metadata, occurredAt: new Date(start + n * 1000).toISOString() },
      });
      byStream.set(streamId, events);
      pending++;
    }
    if (pending >= perCall) await flush();
  }
  await flush();
};

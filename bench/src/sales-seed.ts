/**
 * Deterministic order data for the sales benchmark: 100,000 orders × 5 items, written in bulk
 * (one multi-row INSERT … SELECT FROM unnest(arrays) per chunk) both into `order_list` (erpcore's
 * read model) and into a normalized `orders` + `order_items` pair (the naive baseline).
 */
import type { SqlClient } from '@erpcore/eventstore';
import type { Progress } from './progress.js';

export const branches = 20;
export const customers = 2_000;
export const salespeople = 100;
export const statuses = ['pending', 'confirmed', 'delivered', 'cancelled'] as const;
const products = 500;

/** mulberry32: a small seeded generator, so every run seeds the same data. */
export const random = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Item {
  readonly productId: string;
  readonly productName: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly lineTotal: string;
}
interface OrderRow {
  readonly id: string;
  readonly customer: number;
  readonly branch: number;
  readonly salesperson: number;
  readonly status: string;
  readonly createdAt: string;
  readonly total: string;
  readonly items: readonly Item[];
}

const start = Date.UTC(2024, 0, 1);
const money = (cents: number): string =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Order `i` (0-based), the same every run. */
const orderAt = (i: number, next: () => number): OrderRow => {
  const items: Item[] = [];
  let total = 0;
  for (let k = 0; k < 5; k++) {
    const p = Math.floor(next() * products);
    const qty = 1 + Math.floor(next() * 20);
    const price = 50 + Math.floor(next() * 20_000);
    total += qty * price;
    items.push({
      productId: `SKU-${p}`,
      productName: `Product ${p} cotton fabric`,
      quantity: String(qty),
      unitPrice: money(price),
      lineTotal: money(qty * price),
    });
  }
  return {
    id: `ORD-${String(i).padStart(7, '0')}`,
    customer: Math.floor(next() * customers),
    branch: Math.floor(next() * branches),
    salesperson: Math.floor(next() * salespeople),
    status: statuses[Math.floor(next() * statuses.length)] ?? 'pending',
    // About five minutes apart over a year, with some equal timestamps so ties by id matter.
    createdAt: new Date(start + Math.floor(i / 2) * 600_000).toISOString(),
    total: money(total),
    items,
  };
};

/** The naive baseline's tables: an order header table and one row per item, indexed as an ORM would index them. */
export const createNaiveTables = async (client: SqlClient): Promise<void> => {
  await client.query(`create table orders (
    id text primary key, customer_id text not null, customer_name text not null, branch_id text not null,
    salesperson_id text not null, warehouse_id text not null, status text not null, total numeric(20,2) not null,
    created_at timestamptz not null, updated_at timestamptz not null)`);
  await client.query(`create table order_items (
    order_id text not null references orders(id), line integer not null, product_id text not null, product_name text not null,
    quantity numeric(20,3) not null, unit_price numeric(20,2) not null, line_total numeric(20,2) not null, primary key (order_id, line))`);
  for (const [name, cols] of [
    ['orders_status', 'status'],
    ['orders_branch', 'branch_id, status'],
    ['orders_customer', 'customer_id, status'],
    ['orders_salesperson', 'salesperson_id, status'],
  ] as const)
    await client.query(`create index ${name} on orders (${cols}, created_at desc, id desc)`);
  await client.query('create index orders_created on orders (created_at desc, id desc)');
};

/** Seeds `count` orders into both shapes, `chunk` orders per statement. */
export const seedOrders = async (
  client: SqlClient,
  count: number,
  progress: Progress,
  chunk = 2_000,
): Promise<void> => {
  const next = random(42);
  for (let from = 0; from < count; from += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - from) }, (_x, k) =>
      orderAt(from + k, next),
    );
    const col = <T>(f: (r: OrderRow) => T): T[] => rows.map(f);
    await client.query(
      `insert into order_list (id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id, status, total, items, created_at, updated_at, position)
       select id, c, 'Customer ' || c, b, s, 'W1', st, t::numeric, i::jsonb, ca::timestamptz, ca::timestamptz, 0
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(id, c, b, s, st, t, i, ca)`,
      [
        col((r) => r.id),
        col((r) => `CUST-${r.customer}`),
        col((r) => `BR-${r.branch}`),
        col((r) => `SP-${r.salesperson}`),
        col((r) => r.status),
        col((r) => r.total),
        col((r) => JSON.stringify(r.items)),
        col((r) => r.createdAt),
      ],
    );
    await client.query(
      `insert into orders (id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id, status, total, created_at, updated_at)
       select id, c, 'Customer ' || c, b, s, 'W1', st, t::numeric, ca::timestamptz, ca::timestamptz
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(id, c, b, s, st, t, ca)`,
      [
        col((r) => r.id),
        col((r) => `CUST-${r.customer}`),
        col((r) => `BR-${r.branch}`),
        col((r) => `SP-${r.salesperson}`),
        col((r) => r.status),
        col((r) => r.total),
        col((r) => r.createdAt),
      ],
    );
    const items = rows.flatMap((r) => r.items.map((it, line) => ({ order: r.id, line, ...it })));
    await client.query(
      `insert into order_items (order_id, line, product_id, product_name, quantity, unit_price, line_total)
       select o, l, p, n, q::numeric, up::numeric, lt::numeric
       from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(o, l, p, n, q, up, lt)`,
      [
        items.map((i) => i.order),
        items.map((i) => i.line),
        items.map((i) => i.productId),
        items.map((i) => i.productName),
        items.map((i) => i.quantity),
        items.map((i) => i.unitPrice),
        items.map((i) => i.lineTotal),
      ],
    );
    progress.update(from + rows.length, 'order_list + orders + order_items');
  }
};

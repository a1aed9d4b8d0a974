/**
 * An account and a page of orders as a bare server reads them: the statements kysely compiles for
 * getAccount and listOrders (packages/projections) as text, named (prepared once per connection)
 * as erpcore's are, and erpcore's answer bytes.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';

export const accountSql = `select "t"."id", "t"."name", "t"."type", "t"."parent_id", "t"."path", "t"."depth", "t"."balance", "t"."rolled_up_balance", "t"."closed" from "account_tree" as "t" where "t"."id" = $1`;

// The branch-filtered page (`GET /v1/orders?branchId=…&limit=…`).
export const ordersByBranchSql = `select "id", "status", "customer_id", "customer_name", "branch_id", "salesperson_id", "warehouse_id", "total", "items", "created_at", "updated_at", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "created_at_key" from "order_list" where "branch_id" = $1 order by "created_at" desc, "id" desc limit $2`;

// erpcore's canonical decimal text: cents, no trailing zeros, no trailing point.
const money = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  const fraction = Number(abs % 100n);
  if (fraction === 0) return `${sign}${abs / 100n}`;
  const digits = String(fraction).padStart(2, '0');
  return `${sign}${abs / 100n}.${fraction % 10 === 0 ? digits[0] : digits}`;
};

// numeric text ("12.50") in the same canonical form.
const numericText = (text: string): string => {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end -= 1;
  if (text.charCodeAt(end - 1) === 46) end -= 1;
  return text.slice(0, end);
};

interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly parent_id: string | null;
  readonly path: string;
  readonly depth: number;
  readonly balance: string;
  readonly rolled_up_balance: string;
  readonly closed: boolean;
}

export interface OrderRow {
  readonly id: string;
  readonly status: string;
  readonly customer_id: string;
  readonly customer_name: string;
  readonly branch_id: string;
  readonly salesperson_id: string;
  readonly warehouse_id: string;
  readonly total: string;
  readonly items: unknown;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly created_at_key: string;
}

/** A page of orders as erpcore answers it, from `limit + 1` rows. */
export const orderPage = (rows: readonly OrderRow[], limit: number) => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.id,
      status: r.status,
      customer: { id: r.customer_id, name: r.customer_name },
      branchId: r.branch_id,
      salespersonId: r.salesperson_id,
      warehouseId: r.warehouse_id,
      total: numericText(r.total),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      items: r.items,
    })),
    nextCursor:
      rows.length > limit && last !== undefined
        ? Buffer.from(JSON.stringify([last.created_at_key, last.id])).toString('base64url')
        : null,
  };
};

/** Adds `GET /v1/accounts/:id` and `GET /v1/orders?branchId=&limit=` to a bare floor app. */
export const addFloorReads = (app: FastifyInstance, pool: pg.Pool): void => {
  app.get<{ Params: { id: string } }>('/v1/accounts/:id', async (request, reply) => {
    const { rows } = await pool.query<AccountRow>({
      name: 'floor_account',
      text: accountSql,
      values: [request.params.id],
    });
    const r = rows[0];
    if (r === undefined) return reply.code(404).send({ error: { code: 'not_found' } });
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      parentId: r.parent_id,
      path: r.path,
      depth: r.depth,
      balance: money(BigInt(r.balance)),
      rolledUpBalance: money(BigInt(r.rolled_up_balance)),
      closed: r.closed,
    };
  });
  app.get<{ Querystring: { branchId: string; limit?: string } }>('/v1/orders', async (request) => {
    const limit = Math.min(500, Math.max(1, Number(request.query.limit ?? 50)));
    const { rows } = await pool.query<OrderRow>({
      name: 'floor_orders_by_branch',
      text: ordersByBranchSql,
      values: [request.query.branchId, limit + 1],
    });
    return orderPage(rows, limit);
  });
};

/**
 * The floor for embedded reads: a bare Fastify server, no plugins, over PGlite opened on the data
 * directory `erpcore start` uses, with the same PGlite settings (16MB shared_buffers, WASM on
 * Liftoff only), running the SQL erpcore runs for the three reads the embedded bench sends (a
 * product's stock, a product, a page of 50 orders) and answering the same JSON. Its own process,
 * hit over the network like `erpcore start`, never at the same time (PGlite is one process's
 * database). Env: ERP_DATA_DIR, PORT. Prints `listening` when ready.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import Fastify from 'fastify';
import { orderPage, type OrderRow } from './floor-reads.js';
import { stockAnswer, stockSql, type StockRow } from './floor-stock.js';

const dataDir = process.env['ERP_DATA_DIR'];
if (dataDir === undefined) throw new Error('ERP_DATA_DIR is required');
// As `erpcore start` does (packages/cli/src/data-dir/wasm-baseline-only.ts), before PGlite's
// module is compiled: the import below is what compiles it.
setFlagsFromString('--liftoff-only');
const { createPgliteClient } = await import('@erpcore/eventstore');
const db = await createPgliteClient({ dataDir: join(dataDir, 'pglite') });

// The statements kysely compiles for getProduct and listOrders (packages/projections), as text.
const productSql = 'select "id", "name", "unit" from "products" where "id" = $1';
const ordersSql = `select "id", "status", "customer_id", "customer_name", "branch_id", "salesperson_id",
  "warehouse_id", "total", "items", "created_at", "updated_at",
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "created_at_key"
  from "order_list" order by "created_at" desc, "id" desc limit $1`;

const notFound = { error: { code: 'not_found', message: 'not found' } };

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/v1/products/:id/stock', async (request, reply) => {
  const { rows } = await db.query<StockRow>(stockSql, [request.params.id]);
  const row = rows[0];
  return row === undefined ? reply.code(404).send(notFound) : stockAnswer(row);
});
app.get<{ Params: { id: string } }>('/v1/products/:id', async (request, reply) => {
  const { rows } = await db.query<{ id: string; name: string; unit: string }>(productSql, [
    request.params.id,
  ]);
  return rows[0] ?? reply.code(404).send(notFound);
});
app.get<{ Querystring: { limit?: string } }>('/v1/orders', async (request) => {
  const limit = Math.min(500, Math.max(1, Number(request.query.limit ?? 50)));
  const { rows } = await db.query<OrderRow>(ordersSql, [limit + 1]);
  return orderPage(rows, limit);
});
app.get('/health/ready', () => ({ status: 'ready' }));

await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});

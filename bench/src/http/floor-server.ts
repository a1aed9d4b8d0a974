/**
 * The floor for HTTP reads: a bare Fastify server, no plugins, one pg pool of 10, running the
 * SQL erpcore's `GET /v1/products/:id/stock`, `GET /v1/accounts/:id` and a branch's page of
 * `GET /v1/orders` run (named statements, as erpcore's are), answering the same JSON shape. Its own
 * process, hit over the network like the API. It also serves the predecessor's N+1 stock read
 * (`/bench/naive-stock/:id`: the warehouses, then each one's latest ledger row) for the
 * inventory bench. Env: DATABASE_URL, PORT. Prints `listening` when ready.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { addFloorReads } from './floor-reads.js';
import { stockAnswer, stockSql, type StockRow } from './floor-stock.js';

const url = process.env['DATABASE_URL'];
if (url === undefined) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: 10 });

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/v1/products/:id/stock', async (request, reply) => {
  const { rows } = await pool.query<StockRow>({
    name: 'floor_stock',
    text: stockSql,
    values: [request.params.id],
  });
  const row = rows[0];
  if (row === undefined) return reply.code(404).send({ error: { code: 'not_found' } });
  return stockAnswer(row);
});
addFloorReads(app, pool);
app.get<{ Params: { id: string } }>('/bench/naive-stock/:id', async (request) => {
  const id = request.params.id;
  const { rows: list } = await pool.query<{ id: string }>('select id from warehouses order by id');
  const warehouses: Array<[string, string, string]> = [];
  let total = 0n;
  for (const w of list) {
    const { rows: latest } = await pool.query<{ balance_after: string }>(
      'select balance_after from stock_ledger where product_id = $1 and warehouse_id = $2 order by position desc limit 1',
      [id, w.id],
    );
    const onHand = latest[0]?.balance_after;
    if (onHand === undefined) continue;
    total += BigInt(onHand);
    warehouses.push([w.id, onHand, '0']);
  }
  return stockAnswer({ productId: id, onHand: total.toString(), reserved: '0', warehouses });
});
await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});

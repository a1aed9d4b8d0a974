/**
 * The floor for HTTP reads: a bare Fastify server, no plugins, one pg pool of 10, running the
 * SQL erpcore's `GET /v1/products/:id/stock` runs, answering the same JSON shape. Its own
 * process, hit over the network like the API. Env: DATABASE_URL, PORT. Prints `listening` when ready.
 */
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env['DATABASE_URL'];
if (url === undefined) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: 10 });
// The statement kysely compiles for getProductStock (packages/projections), as text.
const stockSql = `select "p"."id" as "productId", coalesce(sum(s.on_hand), 0)::text as "onHand",
  coalesce(sum(s.reserved), 0)::text as "reserved",
  coalesce(json_agg(json_build_array(s.warehouse_id, s.on_hand::text, s.reserved::text) order by s.warehouse_id) filter (where s.warehouse_id is not null), '[]'::json) as "warehouses"
  from "products" as "p" left join "stock_levels" as "s" on "s"."product_id" = "p"."id"
  where "p"."id" = $1 group by "p"."id"`;
const qty = (thousandths: bigint): string => {
  const sign = thousandths < 0n ? '-' : '';
  const abs = thousandths < 0n ? -thousandths : thousandths;
  return `${sign}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
};

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/v1/products/:id/stock', async (request, reply) => {
  const { rows } = await pool.query<{
    productId: string;
    onHand: string;
    reserved: string;
    warehouses: Array<[string, string, string]>;
  }>(stockSql, [request.params.id]);
  const row = rows[0];
  if (row === undefined) return reply.code(404).send({ error: { code: 'not_found' } });
  const onHand = BigInt(row.onHand);
  const reserved = BigInt(row.reserved);
  return {
    productId: row.productId,
    onHand: qty(onHand),
    reserved: qty(reserved),
    available: qty(onHand - reserved),
    warehouses: row.warehouses.map(([warehouseId, h, r]) => ({
      warehouseId,
      onHand: qty(BigInt(h)),
      reserved: qty(BigInt(r)),
      available: qty(BigInt(h) - BigInt(r)),
    })),
  };
});
await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});

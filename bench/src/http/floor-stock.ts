/** The stock read's SQL and answer shape as a bare server writes them (the floor's, shared). */

// The statement kysely compiles for getProductStock (packages/projections), as text.
export const stockSql = `select "p"."id" as "productId", coalesce(sum(s.on_hand), 0)::text as "onHand",
  coalesce(sum(s.reserved), 0)::text as "reserved",
  coalesce(json_agg(json_build_array(s.warehouse_id, s.on_hand::text, s.reserved::text) order by s.warehouse_id) filter (where s.warehouse_id is not null), '[]'::json) as "warehouses"
  from "products" as "p" left join "stock_levels" as "s" on "s"."product_id" = "p"."id"
  where "p"."id" = $1 group by "p"."id"`;

export interface StockRow {
  readonly productId: string;
  readonly onHand: string;
  readonly reserved: string;
  readonly warehouses: Array<[string, string, string]>;
}

// erpcore's canonical decimal text (no trailing zeros, no trailing point), so both send the same bytes.
const qty = (thousandths: bigint): string => {
  const sign = thousandths < 0n ? '-' : '';
  const abs = thousandths < 0n ? -thousandths : thousandths;
  const fraction = Number(abs % 1000n);
  if (fraction === 0) return `${sign}${abs / 1000n}`;
  const digits = String(fraction).padStart(3, '0');
  const kept = fraction % 100 === 0 ? 1 : fraction % 10 === 0 ? 2 : 3;
  return `${sign}${abs / 1000n}.${digits.slice(0, kept)}`;
};

/** The JSON erpcore answers for a stock row. */
export const stockAnswer = (row: StockRow) => {
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
};

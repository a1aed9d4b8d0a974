import { Money, Quantity, UnitCost } from '@erpcore/domain';
import type { AgingBuckets, AgingReport, StockValuationReport } from '@erpcore/projections';

/**
 * The aging and stock valuation answers as JSON text, written out directly: a page is 50 lines
 * of five decimals each, and building an object per line for `JSON.stringify` to walk again took
 * about as long as formatting the decimals. The text is byte for byte what `JSON.stringify` gives
 * for the documented object (report-page-json.unit.test.ts checks it): ids and the cursor go
 * through `JSON.stringify`, decimals are digits, a sign and a point, which need no escaping.
 */

const buckets = (b: AgingBuckets): string =>
  `"current":"${Money.format(b.current)}","days31To60":"${Money.format(b.days31To60)}",` +
  `"days61To90":"${Money.format(b.days61To90)}","over90":"${Money.format(b.over90)}",` +
  `"total":"${Money.format(b.total)}"`;

/** `GET /v1/reports/aging`'s answer. */
export const agingPageJson = (report: AgingReport): string => {
  let lines = '';
  for (const l of report.lines)
    lines += `${lines === '' ? '' : ','}{"partyId":${JSON.stringify(l.partyId)},${buckets(l)}}`;
  return (
    `{"party":${JSON.stringify(report.kind)},"at":${JSON.stringify(report.asOf)},` +
    `${buckets(report.totals)},"lines":[${lines}],"nextCursor":${JSON.stringify(report.nextCursor)}}`
  );
};

/** `GET /v1/reports/stock-valuation`'s answer. */
export const stockValuationPageJson = (report: StockValuationReport): string => {
  let lines = '';
  for (const l of report.lines)
    lines +=
      `${lines === '' ? '' : ','}{"productId":${JSON.stringify(l.productId)},` +
      `"warehouseId":${JSON.stringify(l.warehouseId)},"onHand":"${Quantity.format(l.onHand)}",` +
      `"value":"${Money.format(l.value)}","unitCost":"${UnitCost.format(l.unitCost)}"}`;
  return (
    `{"lines":[${lines}],"nextCursor":${JSON.stringify(report.nextCursor)},` +
    `"totalValue":"${Money.format(report.totalValue)}"}`
  );
};

import { Quantity } from '@erpcore/domain';
import type { LedgerEntry, Page, ProductStock, StockLevel } from '@erpcore/projections';

/** Response shapes of API.md: quantities as canonical decimal strings, positions as strings. */

const levelJson = (l: { onHand: Quantity; reserved: Quantity; available: Quantity }) => ({
  onHand: Quantity.format(l.onHand),
  reserved: Quantity.format(l.reserved),
  available: Quantity.format(l.available),
});

/** `GET /v1/products/:id/stock`: a hot read, so each object is built once, without spreads. */
export const productStockJson = (s: ProductStock) => ({
  productId: s.productId,
  onHand: Quantity.format(s.onHand),
  reserved: Quantity.format(s.reserved),
  available: Quantity.format(s.available),
  warehouses: s.warehouses.map((w) => ({
    warehouseId: w.warehouseId,
    onHand: Quantity.format(w.onHand),
    reserved: Quantity.format(w.reserved),
    available: Quantity.format(w.available),
  })),
});

/** `GET /v1/stock`. */
export const stockListJson = (page: Page<StockLevel>) => ({
  items: page.items.map((l) => ({
    productId: l.productId,
    warehouseId: l.warehouseId,
    ...levelJson(l),
  })),
  nextCursor: page.nextCursor,
});

/** `GET /v1/products/:id/ledger`. */
export const ledgerJson = (page: Page<LedgerEntry>) => ({
  items: page.items.map((e) => ({
    position: e.position.toString(),
    warehouseId: e.warehouseId,
    kind: e.kind,
    quantity: Quantity.format(e.quantity),
    balanceAfter: Quantity.format(e.balanceAfter),
    reference: e.reference,
    bookQuantity: e.bookQuantity === null ? null : Quantity.format(e.bookQuantity),
    occurredAt: e.occurredAt.toISOString(),
  })),
  nextCursor: page.nextCursor,
});

import * as t from 'io-ts';
import {
  CalendarDateC,
  IdC,
  ProductIdC,
  ReferenceC,
  UnitCostC,
  WarehouseIdC,
} from '@erpcore/domain';
import { BodyCountedQuantityC, BodyQuantityC } from '../http/decimal-bounds.js';
import { strictObject } from '../http/decode.js';
import { listQueryProps } from '../http/list-query.js';

/**
 * Request codecs of the inventory routes. Quantities decode from decimal strings only (a JSON
 * number is refused), > 0 everywhere but `countedQuantity` (≥ 0), at most 3 decimals.
 */

/**
 * What every posted movement may add: `id` names its journal entry (`stock-<id>`; the server picks
 * one when absent), `date` is the day it happened (default: today, UTC), refused on or before the
 * lock date.
 */
const postedProps = { id: IdC, date: CalendarDateC };

/** `POST /v1/stock/issues`. */
export const MovementBodyC = strictObject(
  'StockMovementBody',
  { productId: ProductIdC, warehouseId: WarehouseIdC, quantity: BodyQuantityC },
  { reference: t.union([ReferenceC, t.null]), ...postedProps },
);

/** `POST /v1/stock/receipts`: an issue's body, and `unitCost` (default: the moving average). */
export const ReceiptMovementBodyC = strictObject(
  'StockReceiptBody',
  { productId: ProductIdC, warehouseId: WarehouseIdC, quantity: BodyQuantityC },
  { reference: t.union([ReferenceC, t.null]), unitCost: UnitCostC, ...postedProps },
);

/** `POST /v1/stock/transfers`. */
export const TransferBodyC = strictObject(
  'StockTransferBody',
  {
    id: IdC,
    productId: ProductIdC,
    fromWarehouseId: WarehouseIdC,
    toWarehouseId: WarehouseIdC,
    quantity: BodyQuantityC,
  },
  { date: CalendarDateC },
);

/** `POST /v1/stock/adjustments`. */
export const AdjustmentBodyC = strictObject(
  'StockAdjustmentBody',
  {
    productId: ProductIdC,
    warehouseId: WarehouseIdC,
    countedQuantity: BodyCountedQuantityC,
    reason: ReferenceC,
  },
  postedProps,
);

/** `:id` of `/v1/products/:id/stock` and `/ledger`. */
export const ProductParamsC = strictObject('ProductParams', { id: ProductIdC });

/** `GET /v1/stock`. */
export const StockListQueryC = strictObject(
  'StockListQuery',
  {},
  { warehouseId: WarehouseIdC, productId: ProductIdC, ...listQueryProps },
);

/** `GET /v1/products/:id/ledger`. */
export const LedgerQueryC = strictObject(
  'LedgerQuery',
  {},
  { warehouseId: WarehouseIdC, ...listQueryProps },
);

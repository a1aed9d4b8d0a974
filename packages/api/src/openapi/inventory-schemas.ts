import {
  closedObject,
  decimalText,
  nullableText,
  pageSchema,
  positionText,
  text,
  timeText,
} from './response-schemas.js';

const level = { onHand: decimalText, reserved: decimalText, available: decimalText };

/** `GET /v1/products/:id/stock`. */
export const productStockSchema = closedObject({
  productId: text,
  ...level,
  warehouses: { type: 'array', items: closedObject({ warehouseId: text, ...level }) },
});

/** `GET /v1/stock`. */
export const stockPageSchema = pageSchema(
  closedObject({ productId: text, warehouseId: text, ...level }),
);

/** `GET /v1/products/:id/ledger`. */
export const ledgerPageSchema = pageSchema(
  closedObject({
    position: positionText,
    warehouseId: text,
    kind: {
      type: 'string',
      enum: ['receipt', 'issue', 'adjustment', 'transfer_out', 'transfer_in', 'delivery'],
    },
    quantity: decimalText,
    balanceAfter: decimalText,
    reference: nullableText,
    // What the books showed before a count (adjustments only; StockAdjusted v2, upcast from v1).
    bookQuantity: { anyOf: [decimalText, { type: 'null' }] },
    occurredAt: timeText,
  }),
);

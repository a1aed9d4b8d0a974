import { closedObject, decimalText, text } from './response-schemas.js';

/** `GET /v1/suppliers/:id`. */
export const supplierSchema = closedObject({ id: text, name: text, balance: decimalText });

const ids = { type: 'array', items: text };

/** A purchase order's statuses, draft → ordered → received → closed. */
export const purchaseOrderStatusSchema = {
  type: 'string',
  enum: ['draft', 'ordered', 'partially_received', 'received', 'closed'],
};

/** `GET /v1/purchase-orders/:id`. */
export const purchaseOrderSchema = closedObject({
  id: text,
  status: purchaseOrderStatusSchema,
  supplierId: text,
  warehouseId: text,
  lines: {
    type: 'array',
    items: closedObject({
      productId: text,
      quantity: decimalText,
      unitCost: decimalText,
      received: decimalText,
      billed: decimalText,
    }),
  },
  receiptIds: ids,
  billIds: ids,
});

/** A purchase order as `GET /v1/purchase-orders` lists it: what was ordered, received and billed. */
export const purchaseOrderListItemSchema = closedObject({
  id: text,
  status: purchaseOrderStatusSchema,
  supplierId: text,
  warehouseId: text,
  lines: {
    type: 'array',
    items: closedObject({ productId: text, quantity: decimalText, unitCost: decimalText }),
  },
  total: decimalText,
  receivedValue: decimalText,
  billedAmount: decimalText,
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
});

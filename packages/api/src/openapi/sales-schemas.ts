import { closedObject, decimalText, nullableText, text, timeText } from './response-schemas.js';
import type { JsonSchema } from './json-schema.js';

/** The statuses an order moves through. */
export const orderStatusSchema: JsonSchema = {
  type: 'string',
  enum: ['pending', 'confirmed', 'delivered', 'cancelled'],
};

/** `GET /v1/customers/:id`. */
export const customerSchema = closedObject({
  id: text,
  name: text,
  phone: nullableText,
  balance: decimalText,
});

/** `GET /v1/orders/:id` and each item of `GET /v1/orders`. */
export const orderSchema = closedObject({
  id: text,
  status: orderStatusSchema,
  customer: closedObject({ id: text, name: text }),
  branchId: text,
  salespersonId: text,
  warehouseId: text,
  total: decimalText,
  createdAt: timeText,
  updatedAt: timeText,
  items: {
    type: 'array',
    items: closedObject({
      productId: text,
      productName: text,
      quantity: decimalText,
      unitPrice: decimalText,
      lineTotal: decimalText,
    }),
  },
});

/** What an order command answers beside id, revision and position. */
export const orderAnswerExtras = { status: orderStatusSchema, total: decimalText };

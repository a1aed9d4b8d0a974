import { describe, it } from 'vitest';
import { given } from '../shared/decider-spec.js';
import {
  asId,
  type ProductId,
  type PurchaseOrderId,
  type SupplierId,
  type WarehouseId,
} from '../shared/id.js';
import { Quantity } from '../shared/quantity.js';
import { UnitCost } from '../shared/unit-cost.js';
import { purchaseOrderDecider } from './purchase-order.decider.js';
import type { PurchaseOrderEvent } from './purchase-order.events.js';

const id = asId<PurchaseOrderId>('PO-1');
const drafted: PurchaseOrderEvent = {
  type: 'PurchaseOrderDrafted',
  data: {
    id,
    supplierId: asId<SupplierId>('S1'),
    warehouseId: asId<WarehouseId>('W1'),
    lines: [
      {
        productId: asId<ProductId>('P1'),
        quantity: Quantity.ofScaled(1000n),
        unitCost: UnitCost.ofScaled(1n),
      },
    ],
    at: 't0',
  },
};
const placed: PurchaseOrderEvent = { type: 'PurchaseOrderPlaced', data: { id, at: 't1' } };

describe('purchase order decider', () => {
  it('places a draft once', () => {
    given(purchaseOrderDecider, [drafted])
      .when({ type: 'PlacePurchaseOrder', id, at: 't1' })
      .then([placed]);
    given(purchaseOrderDecider, [drafted, placed])
      .when({ type: 'PlacePurchaseOrder', id, at: 't2' })
      .then('invalid_transition');
    given(purchaseOrderDecider, [])
      .when({ type: 'PlacePurchaseOrder', id, at: 't1' })
      .then('not_found');
  });

  it('closes an ordered order, never a draft or a closed one', () => {
    const closed: PurchaseOrderEvent = { type: 'PurchaseOrderClosed', data: { id, at: 't2' } };
    given(purchaseOrderDecider, [drafted, placed])
      .when({ type: 'ClosePurchaseOrder', id, at: 't2' })
      .then([closed]);
    given(purchaseOrderDecider, [drafted])
      .when({ type: 'ClosePurchaseOrder', id, at: 't2' })
      .then('invalid_transition');
    given(purchaseOrderDecider, [drafted, placed, closed])
      .when({ type: 'ClosePurchaseOrder', id, at: 't3' })
      .then('invalid_transition');
  });
});

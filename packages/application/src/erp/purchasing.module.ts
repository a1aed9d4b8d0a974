import { purchasingProjections } from '@erpcore/projections';
import { contextModule, streamKind } from '../context-module.js';
import { purchaseOrderModel, supplierModel } from './erp-kinds.js';
import {
  billPurchaseOrderUseCase,
  draftPurchaseOrderUseCase,
  paySupplierUseCase,
  receiveGoodsUseCase,
  registerSupplier,
  transitionPurchaseOrder,
} from './purchasing.use-cases.js';
import { purchaseOrderStateJson, supplierStateJson } from './purchasing-state-json.js';

/**
 * Purchasing: suppliers (`supplier-`) and purchase orders (`purchase-order-`; it does not start
 * with `order-`, prefixes match from the start). Receipts, bills and payments also write stock,
 * journal entries and the chart; their read side is the reporting context's.
 */
export const purchasingModule = contextModule({
  name: 'purchasing',
  streamKinds: {
    supplier: streamKind({
      prefix: 'supplier-',
      model: supplierModel,
      stateJson: supplierStateJson,
    }),
    purchaseOrder: streamKind({
      prefix: 'purchase-order-',
      model: purchaseOrderModel,
      stateJson: purchaseOrderStateJson,
    }),
  },
  useCases: {
    registerSupplier,
    draftPurchaseOrder: draftPurchaseOrderUseCase,
    transitionPurchaseOrder,
    receiveGoods: receiveGoodsUseCase,
    billPurchaseOrder: billPurchaseOrderUseCase,
    paySupplier: paySupplierUseCase,
  },
  projections: purchasingProjections,
});

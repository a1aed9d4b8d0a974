import {
  Money,
  Quantity,
  UnitCost,
  type PurchaseOrderState,
  type SupplierState,
} from '@erpcore/domain';

/** A supplier for the audit's replay: its balance as a decimal. */
export const supplierStateJson = (s: SupplierState): unknown =>
  s.status === 'absent' ? s : { ...s, balance: Money.format(s.balance) };

/** A purchase order for the audit's replay: quantities and unit costs as decimals. */
export const purchaseOrderStateJson = (s: PurchaseOrderState): unknown =>
  s.status === 'absent'
    ? s
    : {
        ...s,
        lines: s.lines.map((l) => ({
          productId: l.productId,
          quantity: Quantity.format(l.quantity),
          unitCost: UnitCost.format(l.unitCost),
          received: Quantity.format(l.received),
          billed: Quantity.format(l.billed),
        })),
      };

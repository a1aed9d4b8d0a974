import type { JournalEntryId } from '../shared/id.js';
import { derivedId } from '../sales/sales-ids.js';

/** Stream ids of the purchasing context. */
export const purchasingStreamIds = {
  supplier: (id: string): string => `supplier-${id}`,
  purchaseOrder: (id: string): string => `purchase-order-${id}`,
} as const;

/**
 * Two ids as one, without ambiguity: ids may contain `.` and `-`, so `A.B` + `C` and `A` + `B.C`
 * must not meet; the first id's length in front says where it ends (`3.A.B.C` vs `1.A.B.C`).
 */
export const pairKey = (a: string, b: string): string => `${a.length}.${a}.${b}`;

/**
 * The entry a goods receipt posts: `grn-<pairKey(order, receipt)>`. Receipt ids are unique within their
 * order (the order stream refuses a reused one), so the pair is unique system-wide.
 */
export const goodsReceiptJournalEntryId = (orderId: string, receiptId: string): JournalEntryId =>
  derivedId('grn', pairKey(orderId, receiptId), '');

/** The entry a supplier bill posts: `bill-<id>`; its existence makes a bill id unique system-wide (409). */
export const billJournalEntryId = (billId: string): JournalEntryId => derivedId('bill', billId, '');

/** The entry a supplier payment posts: `spay-<id>`; unique system-wide like a customer payment's. */
export const supplierPaymentJournalEntryId = (paymentId: string): JournalEntryId =>
  derivedId('spay', paymentId, '');

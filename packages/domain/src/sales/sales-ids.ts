import { JournalEntryIdC, type JournalEntryId, type OrderId } from '../shared/id.js';
import { checked } from '../shared/checked.js';

const MAX_ID = 64;

/** 64-bit FNV-1a of a string, as 16 hex digits: a stable, pure fingerprint (no crypto needed, ids are not secrets). */
const fingerprint = (text: string): string => {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
};

/**
 * `<prefix>-<id><suffix>` when that fits the 64-character id alphabet, else
 * `<prefix>.<first characters of id>.<fingerprint of id><suffix>`. The long form has a `.` where
 * the short one has a `-`, so the two forms never collide, and both stay valid ids.
 */
export const derivedId = (prefix: string, id: string, suffix: string): JournalEntryId => {
  const short = `${prefix}-${id}${suffix}`;
  if (short.length <= MAX_ID) return checked(JournalEntryIdC, short);
  const keep = MAX_ID - prefix.length - suffix.length - 2 - 16;
  return checked(JournalEntryIdC, `${prefix}.${id.slice(0, keep)}.${fingerprint(id)}${suffix}`);
};

/**
 * The journal entry a delivery posts: `order-<id>-delivery` (stream `journal-order-<id>-delivery`).
 * Deterministic, so a retried delivery finds the entry it already wrote instead of posting twice.
 */
export const deliveryJournalEntryId = (orderId: OrderId): JournalEntryId =>
  derivedId('order', orderId, '-delivery');

/**
 * The journal entry a payment posts: `payment-<id>`. Written with the payment in one atomic
 * append and refused when it exists, it is what makes a payment id unique system-wide (409 on reuse).
 */
export const paymentJournalEntryId = (paymentId: string): JournalEntryId =>
  derivedId('payment', paymentId, '');

/**
 * Whether a journal entry id belongs to the system's own namespace (deliveries, payments,
 * receipts, bills, returns, warehouse movements).
 * Clients may not post such ids: a client entry named `payment-P1` would make payment P1 a 409
 * forever, and one named `order-O1-delivery` would block that order's delivery.
 */
export const isSystemJournalEntryId = (id: string): boolean =>
  /^(order|payment|grn|bill|spay|delivery|return|stock)[-.]/.test(id);

/**
 * The entry a partial delivery posts: `delivery-<pairKey(order, delivery)>`; the length prefix of
 * `pairKey` keeps (A.B, C) and (A, B.C) apart.
 */
export const partialDeliveryJournalEntryId = (
  orderId: string,
  deliveryId: string,
): JournalEntryId => derivedId('delivery', `${orderId.length}.${orderId}.${deliveryId}`, '');

/** The entry a return posts: `return-<pairKey(order, return)>`. */
export const returnJournalEntryId = (orderId: string, returnId: string): JournalEntryId =>
  derivedId('return', `${orderId.length}.${orderId}.${returnId}`, '');

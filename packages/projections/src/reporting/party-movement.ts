import {
  Money,
  customerEventC,
  supplierEventC,
  type CustomerEvent,
  type SupplierEvent,
} from '@erpcore/domain';
import type { StoredEvent } from '@erpcore/eventstore';
import { decodedEvent } from '../decoded-event.js';

/** One change to a party's debt: cents (> 0 a document raising it, < 0 a payment or return). */
export interface PartyMovement {
  readonly party_kind: 'customer' | 'supplier';
  readonly party_id: string;
  /** The order, bill, payment or return id. */
  readonly document_id: string;
  readonly day: string;
  readonly amount: bigint;
  readonly position: string;
}
type Row = PartyMovement;

const customerTypes = ['CustomerCharged', 'PaymentRecorded', 'CustomerCredited'] as const;
const supplierTypes = ['SupplierBilled', 'SupplierPaid'] as const;

const customerRow = (e: CustomerEvent, position: string): Row | undefined => {
  switch (e.type) {
    case 'CustomerCharged':
      return row('customer', e.data.customerId, e.data.orderId, e.data.at, e.data.amount, position);
    case 'PaymentRecorded':
      return row(
        'customer',
        e.data.customerId,
        e.data.paymentId,
        e.data.at,
        Money.negate(e.data.amount),
        position,
      );
    case 'CustomerCredited':
      return row(
        'customer',
        e.data.customerId,
        e.data.returnId,
        e.data.at,
        Money.negate(e.data.amount),
        position,
      );
    default:
      return undefined;
  }
};

const supplierRow = (e: SupplierEvent, position: string): Row | undefined => {
  switch (e.type) {
    case 'SupplierBilled':
      return row(
        'supplier',
        e.data.supplierId,
        e.data.billId,
        e.data.date,
        e.data.amount,
        position,
      );
    case 'SupplierPaid':
      return row(
        'supplier',
        e.data.supplierId,
        e.data.paymentId,
        e.data.date,
        Money.negate(e.data.amount),
        position,
      );
    default:
      return undefined;
  }
};

const row = (
  kind: Row['party_kind'],
  party: string,
  document: string,
  at: string,
  amount: bigint,
  position: string,
): Row => ({
  party_kind: kind,
  party_id: party,
  document_id: document,
  day: at.slice(0, 10),
  amount,
  position,
});

/**
 * The change an event makes to what a customer owes us (deliveries +, payments and returns −) or
 * we owe a supplier (bills +, payments −), dated; undefined for events that change no debt.
 */
export const partyMovementOf = (stored: StoredEvent): PartyMovement | undefined => {
  const position = stored.position.toString();
  return (supplierTypes as readonly string[]).includes(stored.type)
    ? supplierRow(decodedEvent(supplierEventC, stored), position)
    : customerRow(decodedEvent(customerEventC, stored), position);
};

/** The event types that move a party's debt. */
export const partyMovementTypes: readonly string[] = [...customerTypes, ...supplierTypes];

import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { given } from '../shared/decider-spec.js';
import { asId, type OrderId } from '../shared/id.js';
import { placeOrder, type PlaceOrderStates } from './place-order.decision.js';
import { orderDecider, type OrderState } from './order.decider.js';
import { orderEventC, type OrderEvent } from './order.events.js';
import { customer, money, placeCommand, product, warehouse } from './sales.spec-helpers.js';
import { deliveryJournalEntryId, paymentJournalEntryId } from './sales-ids.js';
import { fold } from '../shared/decider.js';

const O1 = asId<OrderId>('O1');
const known: PlaceOrderStates = {
  order: { status: 'absent' },
  customer: customer('C1'),
  warehouse: warehouse('W1'),
  products: new Map([
    ['P1', product('P1')],
    ['P2', product('P2')],
  ]),
};
const placedEvents = (): readonly OrderEvent[] => {
  const decided = placeOrder(
    placeCommand('O1', [
      ['P1', '1.5', '0.01'],
      ['P2', '3', '19.99'],
    ]),
    known,
  );
  if (E.isLeft(decided)) throw new Error(decided.left.message);
  return decided.right;
};
const confirmed: OrderEvent = { type: 'OrderConfirmed', data: { id: O1, at: 't1' } };
const delivered: OrderEvent = {
  type: 'OrderDelivered',
  data: { id: O1, total: money('59.99'), journalEntryId: deliveryJournalEntryId(O1), at: 't2' },
};
const cancelled = (releasedReservations: boolean): OrderEvent => ({
  type: 'OrderCancelled',
  data: { id: O1, reason: null, releasedReservations, at: 't2' },
});

describe('placing an order', () => {
  it('copies names in and totals lines half-even to the cent', () => {
    const [event] = placedEvents();
    expect(event?.type).toBe('OrderPlaced');
    if (event?.type !== 'OrderPlaced') return;
    expect(event.data.customerName).toBe('Customer C1');
    expect(event.data.items.map((l) => [l.productName, l.lineTotal])).toEqual([
      ['Product P1', 2n], // 1.5 × 0.01 = 0.015 → 0.02
      ['Product P2', 5997n],
    ]);
    expect(event.data.total).toBe(5999n);
  });

  it('refuses an existing id, then unknown customer, warehouse and products with their codes', () => {
    const command = placeCommand('O1', [['P1', '1', '1']]);
    const code = (states: PlaceOrderStates) =>
      E.getOrElseW((e: { code: string }) => e.code)(E.map(() => 'ok')(placeOrder(command, states)));
    const existing = fold(orderDecider, placedEvents());
    expect(code({ ...known, order: existing })).toBe('already_exists');
    expect(code({ ...known, customer: { status: 'absent' } })).toBe('unknown_customer');
    expect(code({ ...known, warehouse: { status: 'absent' } })).toBe('unknown_warehouse');
    const unknown = placeOrder(
      placeCommand('O1', [
        ['P1', '1', '1'],
        ['NOPE', '1', '1'],
        ['NOPE', '2', '1'],
      ]),
      known,
    );
    expect(unknown).toEqual(
      E.left(
        expect.objectContaining({ code: 'unknown_product', details: [{ productId: 'NOPE' }] }),
      ),
    );
  });
});

describe('order transitions', () => {
  const placed = placedEvents();
  const confirm = { type: 'ConfirmOrder' as const, id: O1, at: 't1' };
  const deliver = { type: 'DeliverOrder' as const, id: O1, at: 't2' };
  const cancel = { type: 'CancelOrder' as const, id: O1, reason: null, at: 't2' };

  it('pending → confirmed → delivered', () => {
    given(orderDecider, placed).when(confirm).then([confirmed]);
    given(orderDecider, [...placed, confirmed])
      .when(deliver)
      .then([delivered]);
  });

  it('cancels from pending (nothing to release) and from confirmed (releases)', () => {
    given(orderDecider, placed)
      .when(cancel)
      .then([cancelled(false)]);
    given(orderDecider, [...placed, confirmed])
      .when(cancel)
      .then([cancelled(true)]);
  });

  it('refuses every illegal move with invalid_transition', () => {
    given(orderDecider, placed).when(deliver).then('invalid_transition');
    given(orderDecider, [...placed, confirmed])
      .when(confirm)
      .then('invalid_transition');
    given(orderDecider, [...placed, confirmed, delivered])
      .when(cancel)
      .then('invalid_transition');
    given(orderDecider, [...placed, confirmed, delivered])
      .when(deliver)
      .then('invalid_transition');
    given(orderDecider, [...placed, cancelled(false)])
      .when(confirm)
      .then('invalid_transition');
    given(orderDecider, [...placed, cancelled(false)])
      .when(cancel)
      .then('invalid_transition');
  });

  it('refuses a transition on an unknown order with not_found', () => {
    given(orderDecider, []).when(confirm).then('not_found');
  });

  it('evolves status and timestamps', () => {
    const state: OrderState = fold(orderDecider, [...placed, confirmed]);
    expect(state).toMatchObject({
      status: 'confirmed',
      placedAt: '2024-05-01T10:00:00.000Z',
      updatedAt: 't1',
    });
  });

  it('codec round-trips every event', () => {
    for (const event of [...placed, confirmed, delivered, cancelled(true)])
      expect(orderEventC.decode(orderEventC.encode(event))).toEqual(E.right(event));
  });
});

describe('derived journal entry ids', () => {
  it('are the documented names when they fit, and valid distinct ids when they do not', () => {
    expect(deliveryJournalEntryId(O1)).toBe('order-O1-delivery');
    expect(paymentJournalEntryId('P-7')).toBe('payment-P-7');
    const long = asId<OrderId>('x'.repeat(64));
    const other = asId<OrderId>(`${'x'.repeat(63)}y`);
    for (const id of [deliveryJournalEntryId(long), paymentJournalEntryId(long)])
      expect(id).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(deliveryJournalEntryId(long)).not.toBe(deliveryJournalEntryId(other));
  });
});

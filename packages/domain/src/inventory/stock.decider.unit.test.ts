import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { asId, given, Quantity, type ProductId, type WarehouseId } from '../index.js';
import {
  stockDecider,
  stockEventC,
  type Reference,
  type StockCommand,
  type StockEvent,
} from './index.js';

const q = (text: string): Quantity => Quantity.parse(text) ?? Quantity.zero;
const at = { productId: asId<ProductId>('SKU-1'), warehouseId: asId<WarehouseId>('WH-1') };
const ref = (s: string) => s as Reference;

const received = (quantity: string, balanceAfter: string, reservedAfter = '0'): StockEvent => ({
  type: 'StockReceived',
  data: {
    ...at,
    quantity: q(quantity),
    reference: null,
    balanceAfter: q(balanceAfter),
    reservedAfter: q(reservedAfter),
  },
});
const reserved = (
  quantity: string,
  balanceAfter: string,
  reservedAfter: string,
  reference = 'O-1',
): StockEvent => ({
  type: 'StockReserved',
  data: {
    ...at,
    quantity: q(quantity),
    reference: ref(reference),
    balanceAfter: q(balanceAfter),
    reservedAfter: q(reservedAfter),
  },
});

const receive = (quantity: string): StockCommand => ({
  type: 'ReceiveStock',
  ...at,
  quantity: q(quantity),
  reference: null,
});
const issue = (quantity: string, reference: string | null = null): StockCommand => ({
  type: 'IssueStock',
  ...at,
  quantity: q(quantity),
  reference: reference === null ? null : ref(reference),
});
const reserve = (quantity: string): StockCommand => ({
  type: 'ReserveStock',
  ...at,
  quantity: q(quantity),
  reference: ref('O-1'),
});
const release = (quantity: string): StockCommand => ({
  type: 'ReleaseStock',
  ...at,
  quantity: q(quantity),
  reference: ref('O-1'),
});
const deliver = (quantity: string): StockCommand => ({
  type: 'DeliverStock',
  ...at,
  quantity: q(quantity),
  reference: ref('O-1'),
});
const adjust = (counted: string): StockCommand => ({
  type: 'AdjustStock',
  ...at,
  countedQuantity: q(counted),
  reason: ref('count'),
});

describe('stock decider', () => {
  it('receives onto an empty stream with the running balance', () => {
    given(stockDecider, [])
      .when(receive('12.5'))
      .then([received('12.5', '12.5')]);
    given(stockDecider, [received('12.5', '12.5')])
      .when(receive('0.001'))
      .then([received('0.001', '12.501')]);
  });

  it('issues up to what is available and no further', () => {
    given(stockDecider, [received('10', '10')])
      .when(issue('10', 'INV-9'))
      .then([
        {
          type: 'StockIssued',
          data: {
            ...at,
            quantity: q('10'),
            reference: ref('INV-9'),
            balanceAfter: q('0'),
            reservedAfter: q('0'),
          },
        },
      ]);
    given(stockDecider, [received('10', '10')])
      .when(issue('10.001'))
      .then('insufficient_stock');
    given(stockDecider, []).when(issue('1')).then('insufficient_stock');
  });

  it('counts reservations against what may be issued or reserved', () => {
    const history = [received('10', '10'), reserved('7', '10', '7')];
    given(stockDecider, history).when(issue('4')).then('insufficient_stock');
    given(stockDecider, history).when(reserve('4')).then('insufficient_stock');
    given(stockDecider, history)
      .when(reserve('3'))
      .then([reserved('3', '10', '10')]);
  });

  it('releases and delivers reserved stock only', () => {
    const history = [received('10', '10'), reserved('7', '10', '7')];
    given(stockDecider, history)
      .when(release('7'))
      .then([
        {
          type: 'StockReleased',
          data: {
            ...at,
            quantity: q('7'),
            reference: ref('O-1'),
            balanceAfter: q('10'),
            reservedAfter: q('0'),
          },
        },
      ]);
    given(stockDecider, history).when(release('7.5')).then('invalid_transition');
    given(stockDecider, history)
      .when(deliver('7'))
      .then([
        {
          type: 'StockDelivered',
          data: {
            ...at,
            quantity: q('7'),
            reference: ref('O-1'),
            balanceAfter: q('3'),
            reservedAfter: q('0'),
          },
        },
      ]);
    given(stockDecider, history).when(deliver('8')).then('invalid_transition');
  });

  it('adjusts to a counted quantity with the book quantity and the signed change, never below what is reserved', () => {
    const history = [received('10', '10'), reserved('4', '10', '4')];
    given(stockDecider, history)
      .when(adjust('6.5'))
      .then([
        {
          type: 'StockAdjusted',
          data: {
            ...at,
            countedQuantity: q('6.5'),
            bookQuantity: q('10'),
            quantity: q('-3.5'),
            reason: ref('count'),
            balanceAfter: q('6.5'),
            reservedAfter: q('4'),
          },
        },
      ]);
    given(stockDecider, history).when(adjust('3.999')).then('insufficient_stock');
    given(stockDecider, [received('2', '2')])
      .when(adjust('0'))
      .then([
        {
          type: 'StockAdjusted',
          data: {
            ...at,
            countedQuantity: q('0'),
            bookQuantity: q('2'),
            quantity: q('-2'),
            reason: ref('count'),
            balanceAfter: q('0'),
            reservedAfter: q('0'),
          },
        },
      ]);
  });

  it('refuses zero and negative quantities even without the codecs', () => {
    for (const command of [
      receive('0'),
      issue('-1'),
      reserve('0'),
      release('0'),
      deliver('0'),
      adjust('-0.001'),
    ]) {
      given(stockDecider, [received('5', '5')])
        .when(command)
        .then('validation_failed');
    }
  });

  it('codecs read and write decimal strings and refuse numbers', () => {
    const event = received('12.5', '12.5');
    const encoded = stockEventC.encode(event);
    expect(encoded.data).toMatchObject({
      quantity: '12.5',
      balanceAfter: '12.5',
      reservedAfter: '0',
    });
    expect(stockEventC.decode(encoded)).toEqual({ _tag: 'Right', right: event });
    expect(
      isRight(stockEventC.decode({ ...encoded, data: { ...encoded.data, quantity: 12.5 } })),
    ).toBe(false);
    expect(
      isRight(stockEventC.decode({ ...encoded, data: { ...encoded.data, balanceAfter: '-1' } })),
    ).toBe(false);
  });
});

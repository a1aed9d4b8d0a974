import { describe, expect, it } from 'vitest';
import { systemAccounts } from '../accounting/system-accounts.js';
import { Money } from '../shared/money.js';
import { asId, type ProductId } from '../shared/id.js';
import { qty, money } from './sales.spec-helpers.js';
import { SalesWorld } from './sales-world.spec-helpers.js';

const line = (productId: string, quantity: string, unitPrice: string) => ({
  productId: asId<ProductId>(productId),
  quantity: qty(quantity),
  unitPrice: money(unitPrice),
});

const world = () => {
  const w = new SalesWorld(['P1', 'P2'], ['C1', 'C2']);
  w.receive('P1', qty('10'));
  w.receive('P2', qty('5'));
  return w;
};

const balanceOf = (w: SalesWorld, accountId: string) => w.chart().accounts.get(accountId)?.balance;

describe('confirm', () => {
  it('reserves every line, summing lines of the same product', () => {
    const w = world();
    expect(
      w.place('O1', 'C1', [line('P1', '2', '1'), line('P1', '3', '1'), line('P2', '1', '1')]),
    ).toBe('ok');
    expect(w.confirm('O1')).toBe('ok');
    expect(w.stock('P1')).toEqual({ onHand: qty('10'), reserved: qty('5') });
    expect(w.stock('P2')).toEqual({ onHand: qty('5'), reserved: qty('1') });
    expect(w.streams.get('stock-P1@W1')?.filter((e) => e.type === 'StockReserved')).toHaveLength(1);
  });

  it('reserves nothing when one product is short, and names every short product', () => {
    const w = world();
    w.place('O1', 'C1', [line('P1', '6', '1'), line('P1', '6', '1'), line('P2', '1', '1')]);
    expect(w.confirm('O1')).toBe('insufficient_stock');
    expect(w.stock('P1').reserved).toBe(0n);
    expect(w.stock('P2').reserved).toBe(0n);
    expect(w.order('O1').status).toBe('pending');
  });

  it('counts stock reserved by other orders', () => {
    const w = world();
    w.place('O1', 'C1', [line('P2', '4', '1')]);
    w.place('O2', 'C1', [line('P2', '2', '1')]);
    expect(w.confirm('O1')).toBe('ok');
    expect(w.confirm('O2')).toBe('insufficient_stock');
    expect(w.cancel('O1')).toBe('ok');
    expect(w.confirm('O2')).toBe('ok');
    expect(w.stock('P2').reserved).toBe(qty('2'));
  });
});

describe('deliver', () => {
  it('ships the reservation, posts receivable against revenue and charges the customer', () => {
    const w = world();
    w.place('O1', 'C1', [line('P1', '1.5', '0.01'), line('P2', '3', '19.99')]);
    expect(w.deliver('O1')).toBe('invalid_transition');
    w.confirm('O1');
    expect(w.deliver('O1')).toBe('ok');
    expect(w.stock('P1')).toEqual({ onHand: qty('8.5'), reserved: 0n });
    expect(w.streams.get('stock-P2@W1')?.at(-1)?.type).toBe('StockDelivered');
    expect(w.customer('C1')).toMatchObject({ balance: money('59.99') });
    expect(balanceOf(w, systemAccounts.receivable)).toBe(money('59.99'));
    expect(balanceOf(w, systemAccounts.revenue)).toBe(Money.negate(money('59.99')));
    expect(w.streams.get('journal-order-O1-delivery')?.[0]?.type).toBe('JournalEntryPosted');
    expect(w.cancel('O1')).toBe('invalid_transition');
  });

  it('is refused with unknown_account when the chart was never seeded', () => {
    const w = world();
    w.streams.delete('chart-main');
    w.place('O1', 'C1', [line('P1', '1', '1')]);
    w.confirm('O1');
    expect(w.deliver('O1')).toBe('unknown_account');
    expect(w.stock('P1').onHand).toBe(qty('10'));
  });

  it('posts nothing for a zero total but still ships', () => {
    const w = world();
    w.place('O1', 'C1', [line('P1', '1', '0')]);
    w.confirm('O1');
    expect(w.deliver('O1')).toBe('ok');
    expect(w.stock('P1').onHand).toBe(qty('9'));
    expect(w.customer('C1')).toMatchObject({ balance: 0n });
    expect([...w.streams.keys()].some((s) => s.startsWith('journal-'))).toBe(false);
  });
});

describe('cancel', () => {
  it('releases only what a confirmation reserved', () => {
    const w = world();
    w.place('O1', 'C1', [line('P1', '4', '1')]);
    w.place('O2', 'C1', [line('P1', '3', '1')]);
    w.confirm('O1');
    expect(w.cancel('O2')).toBe('ok');
    expect(w.stock('P1').reserved).toBe(qty('4'));
    expect(w.cancel('O1')).toBe('ok');
    expect(w.stock('P1').reserved).toBe(0n);
    expect(w.cancel('O1')).toBe('invalid_transition');
    expect(w.cancel('NOPE')).toBe('not_found');
  });
});

describe('payments', () => {
  it('lower the balance, post cash against receivable, and refuse a reused id for any customer', () => {
    const w = world();
    w.place('O1', 'C1', [line('P1', '2', '50')]);
    w.confirm('O1');
    w.deliver('O1');
    expect(w.pay('C1', 'PAY-1', money('30'))).toBe('ok');
    expect(w.customer('C1')).toMatchObject({ balance: money('70') });
    expect(balanceOf(w, systemAccounts.cash)).toBe(money('30'));
    expect(balanceOf(w, systemAccounts.receivable)).toBe(money('70'));
    expect(w.pay('C1', 'PAY-1', money('30'))).toBe('already_exists');
    expect(w.pay('C2', 'PAY-1', money('1'))).toBe('already_exists');
    expect(w.pay('NOPE', 'PAY-2', money('1'))).toBe('not_found');
  });
});

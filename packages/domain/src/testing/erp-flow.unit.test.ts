import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../accounting/account-values.js';
import { defaultPostingAccounts as acc } from '../settings/posting-accounts.js';
import { asId, type ProductId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { buySellFlow } from './buy-sell-flow.js';
import type { ErpWorld } from './erp-world.js';

const q = (s: string) => Quantity.parse(s) ?? Quantity.zero;
const m = (s: string) => Money.parse(s) ?? Money.zero;
const P1 = asId<ProductId>('P1');
const P2 = asId<ProductId>('P2');
const day = (d: string) => d as CalendarDate;
const ok = (r: E.Either<{ code: string; message: string }, void>) => {
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`);
};
const code = (r: E.Either<{ code: string }, void>) => (E.isLeft(r) ? r.left.code : 'ok');
const fmt = (w: ErpWorld, id: string) => Money.format(w.balance(id));

describe('a whole buy-and-sell flow, figures checked to the cent', () => {
  it('values stock at moving average and posts every step', () => {
    const w = buySellFlow();
    expect(w.purchaseOrder('PO-1').status).toBe('received');
    expect(w.order('O1').status).toBe('delivered');
    expect(fmt(w, acc.inventory)).toBe('42.5'); // 65 in, 7.50 and 25 out, 10 back
    expect(Money.format(w.stockValue())).toBe('42.5');
    expect(fmt(w, acc.grni)).toBe('0'); // received 65, billed 65
    expect(fmt(w, acc.payable)).toBe('-25'); // billed 65, paid 40
    expect(fmt(w, acc.receivable)).toBe('25'); // 18 + 62 delivered, 25 returned, 30 paid
    expect(fmt(w, acc.revenue)).toBe('-55');
    expect(fmt(w, acc.cogs)).toBe('22.5'); // 7.50 + 25 − 10
    expect(fmt(w, acc.cash)).toBe('-10');
    const c1 = w.customer('C1');
    expect(c1.status === 'active' && Money.format(c1.balance)).toBe('25');
    const s1 = w.supplier('S1');
    expect(s1.status === 'active' && Money.format(s1.balance)).toBe('25');
    const p2 = w.stock('P2', 'W1');
    expect([Quantity.format(p2.onHand), Money.format(p2.value ?? Money.zero)]).toEqual(['3', '30']);
  });

  it('refuses what the rules forbid, with stable codes', () => {
    const w = buySellFlow();
    expect(
      code(w.receiveGoods('PO-1', 'R3', day('2026-02-01'), [{ productId: P1, quantity: q('1') }])),
    ).toBe(
      'invalid_transition', // fully received
    );
    expect(
      code(
        w.returnLines(
          'O1',
          'RT2',
          [{ productId: P2, quantity: q('1.001') }],
          '2026-02-01T00:00:00Z',
        ),
      ),
    ).toBe('exceeds_remaining');
    expect(
      code(
        w.returnLines('O1', 'RT1', [{ productId: P2, quantity: q('1') }], '2026-02-01T00:00:00Z'),
      ),
    ).toBe('already_exists');
    expect(
      code(w.bill('PO-1', 'B2', day('2026-02-01'), [{ productId: P1, quantity: q('1') }])),
    ).toBe('exceeds_remaining');
    ok(w.registerCustomer('C2', m('100')));
    expect(
      code(
        w.sell(
          'O2',
          'C2',
          'W1',
          [{ productId: P1, quantity: q('1'), unitPrice: m('100.01') }],
          '2026-02-01T00:00:00Z',
        ),
      ),
    ).toBe('credit_limit_exceeded');
    ok(w.setLockDate(day('2026-01-31')));
    expect(code(w.pay('C1', 'PAY-2', m('1'), '2026-01-31T23:00:00.000Z'))).toBe('period_locked');
    expect(code(w.paySupplier('S1', 'SP-2', m('1'), day('2026-01-20')))).toBe('period_locked');
    expect(code(w.pay('C1', 'PAY-3', m('1'), '2026-02-01T00:00:00.000Z'))).toBe('ok');
  });
});

import * as E from 'fp-ts/lib/Either.js';
import type { CalendarDate } from '../accounting/account-values.js';
import { asId, type ProductId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { UnitCost } from '../shared/unit-cost.js';
import { ErpWorld } from './erp-world.js';

const q = (s: string) => Quantity.parse(s) ?? Quantity.zero;
const m = (s: string) => Money.parse(s) ?? Money.zero;
const P1 = asId<ProductId>('P1');
const P2 = asId<ProductId>('P2');
const day = (d: string) => d as CalendarDate;
const ok = (r: E.Either<{ code: string; message: string }, void>) => {
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`);
};

/**
 * Buy, receive in two parts, bill, sell, deliver in two parts, take some back, get paid, pay:
 * the history the worked-example tests (domain and read models) check to the cent. Inventory ends
 * at 42.50, receivable 25, payable 25, revenue 55, COGS 22.50, cash −10.
 */
export const buySellFlow = (): ErpWorld => {
  const w = new ErpWorld();
  ok(w.registerSupplier('S1'));
  ok(w.registerCustomer('C1', m('1000')));
  ok(
    w.order_purchase(
      'PO-1',
      'S1',
      'W1',
      [
        { productId: P1, quantity: q('10'), unitCost: UnitCost.parse('2.5') ?? UnitCost.zero },
        { productId: P2, quantity: q('4'), unitCost: UnitCost.parse('10') ?? UnitCost.zero },
      ],
      '2026-01-02T09:00:00.000Z',
    ),
  );
  ok(w.receiveGoods('PO-1', 'R1', day('2026-01-05'), [{ productId: P1, quantity: q('6') }]));
  ok(
    w.receiveGoods('PO-1', 'R2', day('2026-01-10'), [
      { productId: P1, quantity: q('4') },
      { productId: P2, quantity: q('4') },
    ]),
  );
  ok(
    w.bill('PO-1', 'B1', day('2026-01-12'), [
      { productId: P1, quantity: q('10') },
      { productId: P2, quantity: q('4') },
    ]),
  );
  ok(
    w.sell(
      'O1',
      'C1',
      'W1',
      [
        { productId: P1, quantity: q('5'), unitPrice: m('6') },
        { productId: P2, quantity: q('2'), unitPrice: m('25') },
      ],
      '2026-01-15T10:00:00.000Z',
    ),
  );
  ok(w.deliverLines('O1', 'D1', [{ productId: P1, quantity: q('3') }], '2026-01-20T10:00:00.000Z'));
  ok(
    w.deliverLines(
      'O1',
      'D2',
      [
        { productId: P1, quantity: q('2') },
        { productId: P2, quantity: q('2') },
      ],
      '2026-01-21T10:00:00.000Z',
    ),
  );
  ok(w.returnLines('O1', 'RT1', [{ productId: P2, quantity: q('1') }], '2026-01-25T10:00:00.000Z'));
  ok(w.pay('C1', 'PAY-1', m('30'), '2026-01-28T10:00:00.000Z'));
  ok(w.paySupplier('S1', 'SP-1', m('40'), day('2026-01-30')));
  return w;
};

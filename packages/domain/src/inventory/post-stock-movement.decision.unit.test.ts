import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../accounting/account-values.js';
import { chartDecider } from '../accounting/chart.decider.js';
import { journalDecider } from '../accounting/journal.decider.js';
import { seedChart } from '../accounting/system-accounts.js';
import {
  defaultPostingAccounts as acc,
  seedPostingAccounts,
} from '../settings/posting-accounts.js';
import { defaultSettings } from '../settings/settings.decider.js';
import { fold } from '../shared/decider.js';
import { asId, type Id, type ProductId, type WarehouseId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import type { Reference } from './reference.js';
import { knownToExist } from './catalog-facts.js';
import { postStockMovement, stockMovementJournalEntryId } from './post-stock-movement.decision.js';
import type { PostedStockCommand } from './stock-posting.commands.js';
import type { StockState } from './stock.decider.js';

const seeded = fold(chartDecider, seedChart(chartDecider.initialState));
const chart = fold(chartDecider, seedPostingAccounts(seeded), seeded);
const at = { productId: asId<ProductId>('P'), warehouseId: asId<WarehouseId>('W') };
// 10 on hand worth 25.00: the average is 2.50.
const valued: StockState = {
  onHand: Quantity.ofScaled(10_000n),
  reserved: Quantity.zero,
  value: Money.ofCents(2_500n),
};
const states = (stock: StockState, lockDate: CalendarDate | null = null) => ({
  settings: { ...defaultSettings, lockDate },
  chart,
  journal: journalDecider.initialState,
  product: knownToExist,
  warehouse: knownToExist,
  stock,
});
const command = (movement: PostedStockCommand, date = '2026-04-01') => ({
  type: 'PostStockMovement' as const,
  movementId: asId<Id>('M1'),
  date: date as CalendarDate,
  movement,
});
const issue: PostedStockCommand = {
  type: 'IssueStock',
  ...at,
  quantity: Quantity.ofScaled(3_000n),
  reference: null,
};

describe('posting a warehouse movement', () => {
  it('issues at the average and posts Dr stock adjustments / Cr inventory for that value', () => {
    const outcome = postStockMovement(command(issue), states(valued));
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
    expect(outcome.right.stock[0]?.data).toMatchObject({ cost: 750n, valueAfter: 1_750n });
    expect(outcome.right.journal[0]).toMatchObject({
      type: 'JournalEntryPosted',
      data: {
        id: stockMovementJournalEntryId('M1'),
        date: '2026-04-01',
        lines: [
          { accountId: acc.stockAdjustment, side: 'debit', amount: 750n },
          { accountId: acc.inventory, side: 'credit', amount: 750n },
        ],
      },
    });
  });

  it('posts a count up as Dr inventory / Cr stock adjustments at the average', () => {
    const count: PostedStockCommand = {
      type: 'AdjustStock',
      ...at,
      countedQuantity: Quantity.ofScaled(12_000n),
      reason: 'count' as Reference,
    };
    const outcome = postStockMovement(command(count), states(valued));
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
    expect(outcome.right.journal[0]?.data).toMatchObject({
      lines: [
        { accountId: acc.inventory, side: 'debit', amount: 500n },
        { accountId: acc.stockAdjustment, side: 'credit', amount: 500n },
      ],
    });
  });

  it('posts nothing for a stream without value, and moves its stock all the same', () => {
    const unvalued: StockState = { onHand: Quantity.ofScaled(5_000n), reserved: Quantity.zero };
    const outcome = postStockMovement(command(issue), states(unvalued));
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
    expect([outcome.right.stock.length, outcome.right.journal, outcome.right.chart]).toEqual([
      1,
      [],
      [],
    ]);
  });

  it('refuses a date on or before the lock date, whatever the movement', () => {
    for (const date of ['2026-03-31', '2026-01-01']) {
      const outcome = postStockMovement(
        command(issue, date),
        states(valued, '2026-03-31' as CalendarDate),
      );
      expect(E.isLeft(outcome) && outcome.left.code).toBe('period_locked');
    }
    expect(
      E.isRight(postStockMovement(command(issue), states(valued, '2026-03-31' as CalendarDate))),
    ).toBe(true);
  });
});

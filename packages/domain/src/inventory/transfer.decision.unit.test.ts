import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  asId,
  defaultSettings,
  Money,
  Quantity,
  type CalendarDate,
  type Id,
  type ProductId,
  type WarehouseId,
} from '../index.js';
import {
  decideStockMovement,
  decideTransfer,
  knownToExist,
  transferDecider,
  type StockState,
  type TransferInput,
  type TransferStock,
} from './index.js';

const q = (text: string): Quantity => Quantity.parse(text) ?? Quantity.zero;
const stock = (onHand: string, reserved = '0'): StockState => ({
  onHand: q(onHand),
  reserved: q(reserved),
});
const absent = { status: 'absent' } as const;
const command: TransferStock = {
  type: 'TransferStock',
  transferId: asId<Id>('T-1'),
  productId: asId<ProductId>('SKU-1'),
  fromWarehouseId: asId<WarehouseId>('A'),
  toWarehouseId: asId<WarehouseId>('B'),
  quantity: q('4'),
};
const input: TransferInput = {
  product: knownToExist,
  from: knownToExist,
  to: knownToExist,
  source: stock('10', '5'),
  destination: stock('1', '1'),
  transfer: transferDecider.initialState,
};
const code = <A>(r: E.Either<{ code: string }, A>): string | undefined =>
  E.isLeft(r) ? r.left.code : undefined;

describe('transfer decision', () => {
  it('refuses a transfer dated on or before the lock date; an undated one is not checked', () => {
    const settings = { ...defaultSettings, lockDate: '2026-03-31' as CalendarDate };
    const locked = { ...input, settings };
    expect(code(decideTransfer(locked, { ...command, date: '2026-03-31' as CalendarDate }))).toBe(
      'period_locked',
    );
    expect(code(decideTransfer(locked, { ...command, date: '2026-04-01' as CalendarDate }))).toBe(
      undefined,
    );
    expect(code(decideTransfer(locked, command))).toBe(undefined);
  });

  it('issues at the source and receives at the destination, linked by the transfer id', () => {
    const result = decideTransfer(input, command);
    if (E.isLeft(result)) throw new Error(result.left.message);
    const { source, destination, transfer } = result.right;
    expect(source[0].data).toMatchObject({
      warehouseId: 'A',
      toWarehouseId: 'B',
      transferId: 'T-1',
      quantity: q('4'),
      balanceAfter: q('6'),
      reservedAfter: q('5'),
    });
    expect(destination[0].data).toMatchObject({
      warehouseId: 'B',
      fromWarehouseId: 'A',
      transferId: 'T-1',
      quantity: q('4'),
      balanceAfter: q('5'),
      reservedAfter: q('1'),
    });
    expect(transfer).toEqual([
      {
        type: 'TransferRecorded',
        data: {
          id: 'T-1',
          productId: 'SKU-1',
          fromWarehouseId: 'A',
          toWarehouseId: 'B',
          quantity: q('4'),
        },
      },
    ]);
  });

  it('moves cost: the destination absorbs the value that left the source at its average', () => {
    const valued = { ...input, source: { ...stock('10', '5'), value: Money.ofCents(3000n) } };
    const result = decideTransfer(valued, command);
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right.source[0].data).toMatchObject({ cost: 1200n, valueAfter: 1800n });
    expect(result.right.destination[0].data).toMatchObject({
      cost: 1200n,
      valueAfter: 1200n,
      unitCostAfter: 2_400_000n,
    });
  });

  it('refuses what is not available at the source (reservations count)', () => {
    expect(code(decideTransfer(input, { ...command, quantity: q('5.001') }))).toBe(
      'insufficient_stock',
    );
    expect(code(decideTransfer(input, { ...command, quantity: q('5') }))).toBeUndefined();
  });

  it('refuses the same warehouse, a reused id, and unknown catalogue entries', () => {
    expect(
      code(decideTransfer(input, { ...command, toWarehouseId: command.fromWarehouseId })),
    ).toBe('validation_failed');
    expect(code(decideTransfer(input, { ...command, quantity: q('0') }))).toBe('validation_failed');
    const used = transferDecider.evolve(transferDecider.initialState, {
      type: 'TransferRecorded',
      data: {
        id: command.transferId,
        productId: command.productId,
        fromWarehouseId: command.fromWarehouseId,
        toWarehouseId: command.toWarehouseId,
        quantity: q('1'),
      },
    });
    expect(code(decideTransfer({ ...input, transfer: used }, command))).toBe('conflict');
    expect(code(decideTransfer({ ...input, product: absent }, command))).toBe('unknown_product');
    expect(code(decideTransfer({ ...input, from: absent }, command))).toBe('unknown_warehouse');
    expect(code(decideTransfer({ ...input, to: absent }, command))).toBe('unknown_warehouse');
  });
});

describe('stock movement decision', () => {
  const receive = {
    type: 'ReceiveStock',
    productId: command.productId,
    warehouseId: command.fromWarehouseId,
    quantity: q('1'),
    reference: null,
  } as const;
  it('refuses unknown products and warehouses before anything else', () => {
    expect(
      code(
        decideStockMovement(
          { product: absent, warehouse: knownToExist, stock: stock('0') },
          receive,
        ),
      ),
    ).toBe('unknown_product');
    expect(
      code(
        decideStockMovement(
          { product: knownToExist, warehouse: absent, stock: stock('0') },
          receive,
        ),
      ),
    ).toBe('unknown_warehouse');
    expect(
      code(
        decideStockMovement(
          { product: knownToExist, warehouse: knownToExist, stock: stock('0') },
          receive,
        ),
      ),
    ).toBeUndefined();
  });
});

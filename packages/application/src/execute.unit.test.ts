import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLeft, isRight, right } from 'fp-ts/lib/Either.js';
import {
  asId,
  productEventC,
  Quantity,
  stockEventC,
  warehouseEventC,
  type ProductId,
  type TransferStock,
  type WarehouseId,
} from '@erpcore/domain';
import {
  createInMemoryEventStore,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
} from '@erpcore/eventstore';
import { execute, type ExecuteOptions } from './execute.js';
import type { Idempotency } from './idempotency.js';
import { stockModel, transferStock } from './inventory/index.js';
import { useCase } from './use-case.js';

const metadata = {
  actor: 't',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2024-01-01T00:00:00.000Z',
  schemaVersion: 1,
};
const encoded = (e: { type: string; data: unknown }): EventToAppend => ({
  eventId: randomUUID(),
  type: e.type,
  data: e.data,
  metadata,
});
const P = asId<ProductId>('P');
const [A, B] = [asId<WarehouseId>('A'), asId<WarehouseId>('B')];

/** Product P, warehouses A and B, 5 units of P at A. */
const seeded = async (): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  const once = (id: string, e: { type: string; data: unknown }) =>
    store.appendToStream(id, [encoded(e)], { expectedRevision: 'no_stream' });
  await once(
    'product-P',
    productEventC.encode({
      type: 'ProductCreated',
      data: { id: P, name: 'P' as never, unit: 'pcs' as never },
    }),
  );
  for (const w of [A, B])
    await once(
      `warehouse-${w}`,
      warehouseEventC.encode({
        type: 'WarehouseCreated',
        data: { id: w, name: w as never, branchId: null },
      }),
    );
  await once(
    'stock-P@A',
    stockEventC.encode({
      type: 'StockReceived',
      data: {
        productId: P,
        warehouseId: A,
        quantity: Quantity.ofScaled(5000n),
        reference: null,
        balanceAfter: Quantity.ofScaled(5000n),
        reservedAfter: Quantity.zero,
      },
    }),
  );
  return store;
};

const options = (idempotency?: Idempotency): ExecuteOptions => ({
  context: { actor: 't', correlationId: 'c', now: new Date(0), newEventId: randomUUID },
  ...(idempotency === undefined ? {} : { idempotency }),
  random: () => 0,
});
const keyed = (key: string, request: string): Idempotency => ({
  idAt: (n) => {
    const h = createHash('sha256').update(`${key}/${n}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  },
  requestHash: request,
});
const transfer = (id: string, units: bigint): TransferStock => ({
  type: 'TransferStock',
  transferId: asId(id),
  productId: P,
  fromWarehouseId: A,
  toWarehouseId: B,
  quantity: Quantity.ofScaled(units * 1000n),
});

describe('execute', () => {
  it('runs a multi-stream use case: one append over its roles, answered as declared', async () => {
    const store = await seeded();
    const result = await execute(store, transferStock, transfer('T1', 2n), options());
    expect(isRight(result)).toBe(true);
    if (isLeft(result)) return;
    const written = await store.readAll({ fromPosition: 4n });
    expect(written.map((e) => e.streamId)).toEqual(['transfer-T1', 'stock-P@A', 'stock-P@B']);
    expect(result.right).toMatchObject({ id: 'T1', revision: 0n, position: 7n, replayed: false });
    const [last] = await store.readStream('stock-P@A', { direction: 'backwards', maxCount: 1 });
    expect(last?.data).toMatchObject({ balanceAfter: '3' });
  });

  it('returns the refusal and writes nothing', async () => {
    const store = await seeded();
    const result = await execute(store, transferStock, transfer('T1', 9n), options());
    expect(isLeft(result) && result.left.code).toBe('insufficient_stock');
    expect(await store.headPosition()).toBe(4n);
    const same = await execute(
      store,
      transferStock,
      { ...transfer('T2', 1n), toWarehouseId: A },
      options(),
    );
    expect(isLeft(same) && same.left.code).toBe('validation_failed');
  });

  it('replays an identical retry from its events; a different request under the key is refused', async () => {
    const store = await seeded();
    const first = await execute(
      store,
      transferStock,
      transfer('T1', 2n),
      options(keyed('k', 'h1')),
    );
    const again = await execute(
      store,
      transferStock,
      transfer('T1', 2n),
      options(keyed('k', 'h1')),
    );
    expect(isRight(first) && isRight(again)).toBe(true);
    if (isLeft(first) || isLeft(again)) return;
    expect(again.right).toEqual({ ...first.right, replayed: true });
    expect(await store.headPosition()).toBe(7n);
    const other = await execute(
      store,
      transferStock,
      transfer('T9', 1n),
      options(keyed('k', 'h2')),
    );
    expect(isLeft(other) && other.left.code).toBe('idempotency_key_reused');
    // A refused retry (the id is taken now) is still answered like the first.
    const late = await execute(store, transferStock, transfer('T1', 2n), options(keyed('k', 'h1')));
    expect(isRight(late) && late.right.position).toBe(first.right.position);
  });

  // Ids restart at idAt(0) on every attempt, and the lookup follows them in chunks: a command of
  // hundreds of events, committed after lost races, is found and replayed whole.
  it('replays a retry of a 300-event command that committed on its third attempt', async () => {
    const inner = createInMemoryEventStore();
    let failures = 2;
    const racing: EventStore = {
      ...inner,
      appendMulti: async (appends) => {
        if (failures-- > 0) throw new WrongExpectedRevisionError('stock-P@A', 0n, 1n);
        return inner.appendMulti(appends);
      },
    };
    const receiveMany = useCase({
      name: 'receive-many',
      kinds: { stock: stockModel },
      streams: () => ({ stock: 'stock-P@A' }),
      decide: () =>
        right({
          stock: Array.from({ length: 300 }, (_x, i) => ({
            type: 'StockReceived' as const,
            data: {
              productId: P,
              warehouseId: A,
              quantity: Quantity.ofScaled(1000n),
              reference: null,
              balanceAfter: Quantity.ofScaled(BigInt(i + 1) * 1000n),
              reservedAfter: Quantity.zero,
            },
          })),
        }),
      answer: (executed) => ({
        id: executed.roles.stock.streamId,
        revision: executed.roles.stock.revision,
        position: executed.position,
      }),
    });
    const first = await execute(racing, receiveMany, {}, options(keyed('many', 'h')));
    const again = await execute(racing, receiveMany, {}, options(keyed('many', 'h')));
    expect(isRight(first) && first.right).toMatchObject({ revision: 299n, replayed: false });
    expect(isRight(again) && again.right).toMatchObject({ revision: 299n, replayed: true });
    expect(await inner.headPosition()).toBe(300n);
  });

  it('retries a lost race with a fresh load, and gives up after maxRetries', async () => {
    const inner = await seeded();
    let failures = 2;
    const racing: EventStore = {
      ...inner,
      appendMulti: async (appends) => {
        if (failures-- > 0) throw new WrongExpectedRevisionError('stock-P@A', 0n, 1n);
        return inner.appendMulti(appends);
      },
    };
    const result = await execute(racing, transferStock, transfer('T1', 1n), options());
    expect(isRight(result)).toBe(true);
    failures = 100;
    await expect(
      execute(racing, transferStock, transfer('T2', 1n), { ...options(), maxRetries: 1 }),
    ).rejects.toMatchObject({ name: 'ConcurrencyError' });
  });

  it('types each role by its kind: a decide over a role the use case lacks does not compile', () => {
    const receipt = useCase({
      name: 'noop',
      kinds: { stock: stockModel },
      streams: (_c: null) => ({ stock: 'stock-P@A' }),
      decide: (states) => {
        // @ts-expect-error -- no role `source` here
        void states.source;
        const onHand: Quantity = states.stock.onHand;
        void onHand;
        return right({});
      },
      answer: (executed) => ({ id: 'x', revision: executed.roles.stock.revision, position: 0n }),
    });
    expect(receipt.name).toBe('noop');
  });
});

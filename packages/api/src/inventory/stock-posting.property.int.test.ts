import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  asId,
  defaultPostingAccounts,
  Money,
  Quantity,
  UnitCost,
  type CalendarDate,
  type Id,
  type Name,
  type PostedStockCommand,
  type ProductId,
  type Reference,
  type Unit,
  type WarehouseId,
} from '@erpcore/domain';
import {
  createPgClient,
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import {
  accountingProjections,
  catalogProjections,
  catchUpProjection,
  createReadDb,
  inventoryProjections,
  migrateReadModels,
  reportingProjections,
  stockValuationReport,
  trialBalance,
  type ReadDb,
} from '@erpcore/projections';
import {
  catalogModule,
  chartModelFor,
  execute,
  postStockMovementUseCase,
  transferStock,
  type ExecuteOptions,
} from '@erpcore/application';

/**
 * Random receipts (at a cost or at the average), issues, counts and transfers through the
 * executor, the event store and the projections: after every history, the stock valuation read
 * model's total equals the inventory account's balance in the trial balance, to the cent.
 */
const projections = [
  ...catalogProjections,
  ...inventoryProjections,
  ...accountingProjections,
  ...reportingProjections,
];
const warehouses = ['W1', 'W2'] as const;
const context = (): ExecuteOptions['context'] => ({
  actor: 'property',
  correlationId: randomUUID(),
  now: new Date(),
  newEventId: randomUUID,
});

type Op =
  | { kind: 'receipt'; product: number; warehouse: number; quantity: bigint; cost: bigint | null }
  | { kind: 'issue'; product: number; warehouse: number; quantity: bigint }
  | { kind: 'count'; product: number; warehouse: number; quantity: bigint }
  | { kind: 'transfer'; product: number; warehouse: number; quantity: bigint };

const product = fc.constantFrom(0, 1);
const warehouse = fc.constantFrom(0, 1);
// Odd quantities and unit costs with 6 decimals, so averages round.
const quantity = fc.bigInt({ min: 1n, max: 9_000n });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receipt' as const),
      product,
      warehouse,
      quantity,
      cost: fc.option(fc.bigInt({ min: 0n, max: 9_999_999n }), { nil: null }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('issue' as const), product, warehouse, quantity }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      product,
      warehouse,
      quantity: fc.bigInt({ min: 0n, max: 12_000n }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), product, warehouse, quantity }),
  },
);

const up = await postgresAvailable();

describe('stock valuation equals the inventory account over random warehouse movements', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;
  let run = 0;

  const catchUp = async (last: bigint): Promise<void> => {
    for (const projection of projections)
      for (let round = 0; ; round++) {
        const result = await catchUpProjection({ store, db, projection });
        expect(result.failed).toBe(false);
        if (result.position >= last) break;
        if (round > 400) throw new Error(`${projection.name} stuck at ${result.position}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
  };

  beforeAll(async () => {
    schema = up ? await createTestSchema('stock_posting_property') : undefined;
    client =
      schema === undefined
        ? await createPgliteClient()
        : createPgClient({ connectionString: schema.url, max: 4 });
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
    db = createReadDb(client);
    await migrateReadModels(db, projections);
    for (const id of warehouses) {
      const created = await execute(
        store,
        catalogModule.useCases.createWarehouse,
        { type: 'CreateWarehouse', id: asId<WarehouseId>(id), name: id as Name, branchId: null },
        { context: context() },
      );
      expect(isRight(created)).toBe(true);
    }
  });
  afterAll(async () => {
    await db?.destroy();
    await client?.close();
    await schema?.drop();
  });

  it('after every history, to the cent', async () => {
    const posted = postStockMovementUseCase({ chart: chartModelFor(client) });
    // Guards against a vacuous pass: some runs must post value out as well as in.
    let valuedIssues = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        run += 1;
        const products = [`R${run}-A`, `R${run}-B`];
        let last = 0n;
        for (const id of products) {
          const created = await execute(
            store,
            catalogModule.useCases.createProduct,
            { type: 'CreateProduct', id: asId<ProductId>(id), name: id as Name, unit: 'm' as Unit },
            { context: context() },
          );
          if (isRight(created)) last = created.right.position;
        }
        for (const [n, o] of ops.entries()) {
          const productId = asId<ProductId>(products[o.product] ?? '');
          const warehouseId = asId<WarehouseId>(warehouses[o.warehouse] ?? '');
          const q = Quantity.ofScaled(o.quantity);
          const result =
            o.kind === 'transfer'
              ? await execute(
                  store,
                  transferStock,
                  {
                    type: 'TransferStock',
                    transferId: asId<Id>(`R${run}-T${n}`),
                    productId,
                    fromWarehouseId: warehouseId,
                    toWarehouseId: asId<WarehouseId>(warehouses[1 - o.warehouse] ?? ''),
                    quantity: q,
                  },
                  { context: context() },
                )
              : await execute(
                  store,
                  posted,
                  {
                    type: 'PostStockMovement',
                    movementId: asId<Id>(`R${run}-M${n}`),
                    date: '2026-03-01' as CalendarDate,
                    movement: movementOf(o, productId, warehouseId, q),
                  },
                  { context: context() },
                );
          if (isLeft(result)) expect(result.left.code).toBe('insufficient_stock');
          else {
            last = result.right.position;
            if (o.kind === 'issue' && result.right.extras?.journalEntryId !== null) valuedIssues++;
          }
        }
        await catchUp(last);
        const valuation = await stockValuationReport(db);
        const inventory = (await trialBalance(db)).accounts.find(
          (a) => a.accountId === defaultPostingAccounts.inventory,
        );
        expect(Money.format(valuation.totalValue)).toBe(
          Money.format(inventory?.balance ?? Money.zero),
        );
      }),
      { numRuns: 25 },
    );
    expect(valuedIssues).toBeGreaterThan(0);
  }, 300_000);
});

const movementOf = (
  o: Exclude<Op, { kind: 'transfer' }>,
  productId: ProductId,
  warehouseId: WarehouseId,
  quantity: Quantity,
): PostedStockCommand => {
  const at = { productId, warehouseId };
  switch (o.kind) {
    case 'receipt':
      return {
        type: 'ReceiveStock',
        ...at,
        quantity,
        reference: null,
        ...(o.cost === null ? {} : { unitCost: UnitCost.ofScaled(o.cost) }),
      };
    case 'issue':
      return { type: 'IssueStock', ...at, quantity, reference: null };
    case 'count':
      return {
        type: 'AdjustStock',
        ...at,
        countedQuantity: quantity,
        reason: 'count' as Reference,
      };
  }
};

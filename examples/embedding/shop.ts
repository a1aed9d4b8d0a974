/**
 * A small shop embedding erpcore in its own program: two warehouses and a product, a receipt,
 * a transfer and two sales, then the stock per warehouse from the read models. Everything runs
 * in this process on PGlite (embedded PostgreSQL): no server to start.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import {
  CreateProductC,
  CreateWarehouseC,
  IssueStockC,
  Quantity,
  ReceiveStockC,
  TransferStockC,
  parseProductId,
} from '@erpcore/domain';
import {
  createProduct,
  createWarehouse,
  execute,
  moveStock,
  transferStock,
  type ExecuteOptions,
} from '@erpcore/application';
import {
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
} from '@erpcore/eventstore';
import {
  catalogProjections,
  catchUpProjection,
  createReadDb,
  getProductStock,
  inventoryProjections,
  migrateReadModels,
} from '@erpcore/projections';

/** Commands arrive as plain data (a form, a file, a message) and are validated once, here. */
const decode = <A>(codec: t.Type<A, unknown>, input: unknown): A => {
  const result = codec.decode(input);
  if (E.isLeft(result)) throw new Error(`not a valid ${codec.name}: ${JSON.stringify(input)}`);
  return result.right;
};

/** The program, not the domain, owns the clock and the ids. */
const options = (): ExecuteOptions => ({
  context: {
    actor: 'shop-example',
    correlationId: randomUUID(),
    now: new Date(),
    newEventId: () => randomUUID(),
  },
});

const client = await createPgliteClient(); // in memory; `{ dataDir }` keeps the data on disk
await migrateEventStore(client);
const store = createPostgresEventStore(client);
const db = createReadDb(client);
const projections = [...catalogProjections, ...inventoryProjections];
await migrateReadModels(db, projections);

const report = (label: string, result: E.Either<{ readonly code: string }, unknown>): void =>
  console.log(E.isLeft(result) ? `${label}: refused (${result.left.code})` : `${label}: ok`);

// The catalogue: one stream per warehouse and per product. Each use case is declared once in
// @erpcore/application (streams by role, typed decision, answer); `execute` runs any of them:
// loads, decides, appends in one call, retries a lost race.
for (const id of ['north', 'south'])
  report(
    `create warehouse ${id}`,
    await execute(
      store,
      createWarehouse,
      decode(CreateWarehouseC, { type: 'CreateWarehouse', id, name: id, branchId: null }),
      options(),
    ),
  );
const tea = decode(CreateProductC, {
  type: 'CreateProduct',
  id: 'TEA-1',
  name: 'Green tea',
  unit: 'box',
});
report('create product TEA-1', await execute(store, createProduct, tea, options()));

// Receive 100 boxes in the north, move 30 south, sell 12 in the south and 5 in the north.
const line = { productId: 'TEA-1', reference: null };
const receive = (warehouseId: string, quantity: string) =>
  execute(
    store,
    moveStock,
    decode(ReceiveStockC, { type: 'ReceiveStock', ...line, warehouseId, quantity }),
    options(),
  );
const sell = (warehouseId: string, quantity: string) =>
  execute(
    store,
    moveStock,
    decode(IssueStockC, { type: 'IssueStock', ...line, warehouseId, quantity }),
    options(),
  );
const move = { type: 'TransferStock', transferId: 'T-1', productId: 'TEA-1' };
report('receive 100 north', await receive('north', '100'));
report(
  'transfer 30 north to south',
  await execute(
    store,
    transferStock,
    decode(TransferStockC, {
      ...move,
      fromWarehouseId: 'north',
      toWarehouseId: 'south',
      quantity: '30',
    }),
    options(),
  ),
);
report('sell 12 south', await sell('south', '12'));
report('sell 5 north', await sell('north', '5'));
// Refusals are values with a stable code, not exceptions.
report('sell 50 south', await sell('south', '50'));
report('product id "green tea"', parseProductId('green tea'));

// The read side: project what was written, then ask the read model (one SQL statement).
for (const projection of projections) await catchUpProjection({ store, db, projection });
const productId = parseProductId('TEA-1');
const stock = E.isRight(productId) ? await getProductStock(db, productId.right) : undefined;
for (const w of stock?.warehouses ?? [])
  console.log(
    `stock ${w.warehouseId}: on hand ${Quantity.format(w.onHand)}, available ${Quantity.format(w.available)}`,
  );
console.log(`stock total: on hand ${Quantity.format(stock?.onHand ?? Quantity.zero)}`);

await db.destroy();
await store.close();
await client.close();

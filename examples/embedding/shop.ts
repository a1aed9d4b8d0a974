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
  decideStockMovement,
  decideTransfer,
  parseProductId,
  productDecider,
  productEventC,
  stockDecider,
  stockEventC,
  stockStateOf,
  streamIds,
  transferDecider,
  transferEventC,
  transferStreamId,
  warehouseDecider,
  warehouseEventC,
  type DomainError,
  type IssueStock,
  type ProductState,
  type ReceiveStock,
  type StockEvent,
  type StockState,
  type TransferDecision,
  type TransferState,
  type TransferStock,
  type WarehouseState,
} from '@erpcore/domain';
import {
  createPgliteClient,
  createPostgresEventStore,
  handleCommand,
  handleMultiStreamCommand,
  migrateEventStore,
  type CommandContext,
  type StreamModel,
  type StreamModels,
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
const context = (): CommandContext => ({
  actor: 'shop-example',
  correlationId: randomUUID(),
  now: new Date(),
  newEventId: () => randomUUID(),
});

/** How each stream is loaded before a decision: a stock stream from its last event alone. */
const stockModel: StreamModel<StockEvent, StockState> = {
  ...stockDecider,
  codec: stockEventC,
  load: { kind: 'lastEvent', fromLastEvent: stockStateOf },
};
const productModel = { ...productDecider, codec: productEventC };
const warehouseModel = { ...warehouseDecider, codec: warehouseEventC };
const transferModel = { ...transferDecider, codec: transferEventC };

const client = await createPgliteClient(); // in memory; `{ dataDir }` keeps the data on disk
await migrateEventStore(client);
const store = createPostgresEventStore(client);
const db = createReadDb(client);
const projections = [...catalogProjections, ...inventoryProjections];
await migrateReadModels(db, projections);

const report = (label: string, result: E.Either<DomainError, unknown>): void =>
  console.log(E.isLeft(result) ? `${label}: refused (${result.left.code})` : `${label}: ok`);

/** A receipt or an issue: decided over the product, the warehouse and that stock stream. */
const moveStock = (command: ReceiveStock | IssueStock) => {
  const product = streamIds.product(command.productId);
  const warehouse = streamIds.warehouse(command.warehouseId);
  const stock = streamIds.stock(command.productId, command.warehouseId);
  const streams: StreamModels = {
    [product]: productModel,
    [warehouse]: warehouseModel,
    [stock]: stockModel,
  };
  return handleMultiStreamCommand(store, {
    streams,
    context: context(),
    decide: (states) => {
      const input = {
        product: states[product] as ProductState,
        warehouse: states[warehouse] as WarehouseState,
        stock: states[stock] as StockState,
      };
      return E.map((events: readonly StockEvent[]) => [{ streamId: stock, events }])(
        decideStockMovement(input, command),
      );
    },
  });
};

/** A transfer: both stock streams and the transfer's own stream, appended together or not at all. */
const transfer = (command: TransferStock) => {
  const ids = {
    product: streamIds.product(command.productId),
    from: streamIds.warehouse(command.fromWarehouseId),
    to: streamIds.warehouse(command.toWarehouseId),
    source: streamIds.stock(command.productId, command.fromWarehouseId),
    destination: streamIds.stock(command.productId, command.toWarehouseId),
    transfer: transferStreamId(command.transferId),
  };
  const streams: StreamModels = {
    [ids.product]: productModel,
    [ids.from]: warehouseModel,
    [ids.to]: warehouseModel,
    [ids.source]: stockModel,
    [ids.destination]: stockModel,
    [ids.transfer]: transferModel,
  };
  return handleMultiStreamCommand(store, {
    streams,
    context: context(),
    decide: (states) => {
      const input = {
        product: states[ids.product] as ProductState,
        from: states[ids.from] as WarehouseState,
        to: states[ids.to] as WarehouseState,
        source: states[ids.source] as StockState,
        destination: states[ids.destination] as StockState,
        transfer: states[ids.transfer] as TransferState,
      };
      return E.map((decided: TransferDecision) => [
        { streamId: ids.transfer, events: decided.transfer },
        { streamId: ids.source, events: decided.source },
        { streamId: ids.destination, events: decided.destination },
      ])(decideTransfer(input, command));
    },
  });
};

// The catalogue: one stream per warehouse and per product.
for (const id of ['north', 'south']) {
  const command = decode(CreateWarehouseC, {
    type: 'CreateWarehouse',
    id,
    name: id,
    branchId: null,
  });
  const streamId = streamIds.warehouse(command.id);
  report(
    `create warehouse ${id}`,
    await handleCommand(store, {
      decider: warehouseDecider,
      codec: warehouseEventC,
      streamId,
      command,
      context: context(),
    }),
  );
}
const tea = decode(CreateProductC, {
  type: 'CreateProduct',
  id: 'TEA-1',
  name: 'Green tea',
  unit: 'box',
});
report(
  'create product TEA-1',
  await handleCommand(store, {
    decider: productDecider,
    codec: productEventC,
    streamId: streamIds.product(tea.id),
    command: tea,
    context: context(),
  }),
);

// Receive 100 boxes in the north, move 30 south, sell 12 in the south and 5 in the north.
const line = { productId: 'TEA-1', reference: null };
const receive = (warehouseId: string, quantity: string) =>
  moveStock(decode(ReceiveStockC, { type: 'ReceiveStock', ...line, warehouseId, quantity }));
const sell = (warehouseId: string, quantity: string) =>
  moveStock(decode(IssueStockC, { type: 'IssueStock', ...line, warehouseId, quantity }));
const move = { type: 'TransferStock', transferId: 'T-1', productId: 'TEA-1' };
report('receive 100 north', await receive('north', '100'));
report(
  'transfer 30 north to south',
  await transfer(
    decode(TransferStockC, {
      ...move,
      fromWarehouseId: 'north',
      toWarehouseId: 'south',
      quantity: '30',
    }),
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

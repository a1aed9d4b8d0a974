import {
  knownToExist,
  stockDecider,
  stockEventC,
  stockStateOf,
  transferDecider,
  transferEventC,
  type CatalogFact,
  type ProductEvent,
  type StockEvent,
  type StockState,
  type TransferEvent,
  type TransferState,
  type WarehouseEvent,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';
import { productModel, warehouseModel } from '../catalog/catalog-kinds.js';

/**
 * A stock stream loads from its LAST event: every stock event carries `balanceAfter` and
 * `reservedAfter`, the whole state, so a SKU with a million movements loads by reading one row.
 * The one definition of the stock kind: commands, sales and the audit all use it.
 */
export const stockModel: StreamModel<StockEvent, StockState> = {
  initialState: stockDecider.initialState,
  evolve: stockDecider.evolve,
  codec: stockEventC,
  load: { kind: 'lastEvent', fromLastEvent: stockStateOf },
};

/** `transfer-<id>` only records that an id was used. */
export const transferModel: StreamModel<TransferEvent, TransferState> = {
  initialState: transferDecider.initialState,
  evolve: transferDecider.evolve,
  codec: transferEventC,
};

/**
 * What a stock decision needs of a catalogue stream: whether the entry exists. Every catalogue
 * event creates its entry (there is no removal), so any event means `active`.
 */
const factOf = <E extends ProductEvent | WarehouseEvent>(
  m: StreamModel<E, unknown>,
): StreamModel<E, CatalogFact> => ({
  initialState: { status: 'absent' },
  evolve: () => knownToExist,
  codec: m.codec,
});

export const productFactModel: StreamModel<ProductEvent, CatalogFact> = factOf(productModel);
export const warehouseFactModel: StreamModel<WarehouseEvent, CatalogFact> = factOf(warehouseModel);

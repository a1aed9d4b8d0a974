import { settingsDecider, settingsEventC, type DomainEvent } from '@erpcore/domain';
import type { SqlClient, StreamModel } from '@erpcore/eventstore';
import { chartLoad, createChartSnapshots } from '../accounting/chart-snapshots.js';
import { foldingModel, streamKinds } from '../stream-kinds.js';

/** Any stream's model, as `handleMultiStreamCommand` takes them in one record. */
export type AnyStreamModel = StreamModel<DomainEvent, unknown>;

const model = <E extends DomainEvent, S>(m: StreamModel<E, S>): AnyStreamModel =>
  m as unknown as AnyStreamModel;

/** The order stream: folded (a handful of events per order). */
export const orderModel = model(foldingModel(streamKinds.order));
/** A customer stream: folded (one event per delivery or payment of that customer). */
export const customerModel = model(foldingModel(streamKinds.customer));
/** A stock stream: every event carries the whole state after it, so only the last one is read. */
export const stockModel = model({
  ...foldingModel(streamKinds.stock),
  load: { kind: 'lastEvent' },
});
/** A journal entry stream (one or two events). */
export const journalModel = model(foldingModel(streamKinds.journal));
/** A product stream, read to refuse `unknown_product` and copy the name. */
export const productModel = model(foldingModel(streamKinds.product));
/** A warehouse stream, read to refuse `unknown_warehouse`. */
export const warehouseModel = model(foldingModel(streamKinds.warehouse));

/** `settings-main`: which accounts a delivery or payment posts to, and the lock date. Read, not written. */
export const settingsModel = model({
  initialState: settingsDecider.initialState,
  evolve: settingsDecider.evolve,
  codec: settingsEventC,
});

const chartModels = new WeakMap<SqlClient, AnyStreamModel>();

/**
 * The chart stream grows with every posting (each delivery and payment appends its balance
 * deltas), so it loads as the accounting routes load it: from the newest snapshot (kept in
 * memory, durably every 100 events), folding only the events after it. One model per client.
 */
export const chartModel = (client: SqlClient): AnyStreamModel => {
  let found = chartModels.get(client);
  if (found === undefined) {
    found = model({
      ...foldingModel(streamKinds.chart),
      load: chartLoad(createChartSnapshots(client)),
    });
    chartModels.set(client, found);
  }
  return found;
};

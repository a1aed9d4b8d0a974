import {
  chartDecider,
  chartEventC,
  customerDecider,
  customerEventC,
  journalDecider,
  journalEventC,
  orderDecider,
  orderEventC,
  productDecider,
  productEventC,
  stockDecider,
  stockEventC,
  warehouseDecider,
  warehouseEventC,
  type ChartState,
  type DomainEvent,
} from '@erpcore/domain';
import type { SqlClient, StreamModel } from '@erpcore/eventstore';
import { chartLoad, createChartSnapshots } from '../accounting/chart-snapshots.js';

/** Any stream's model, as `handleMultiStreamCommand` takes them in one record. */
export type AnyStreamModel = StreamModel<DomainEvent, unknown>;

const model = <E extends DomainEvent, S>(m: StreamModel<E, S>): AnyStreamModel =>
  m as unknown as AnyStreamModel;

/** The order stream: folded (a handful of events per order). */
export const orderModel = model({
  initialState: orderDecider.initialState,
  evolve: orderDecider.evolve,
  codec: orderEventC,
});
/** A customer stream: folded (one event per delivery or payment of that customer). */
export const customerModel = model({
  initialState: customerDecider.initialState,
  evolve: customerDecider.evolve,
  codec: customerEventC,
});
/** A stock stream: every event carries the whole state after it, so only the last one is read. */
export const stockModel = model({
  initialState: stockDecider.initialState,
  evolve: stockDecider.evolve,
  codec: stockEventC,
  load: { kind: 'lastEvent' },
});
/** A journal entry stream (one or two events). */
export const journalModel = model({
  initialState: journalDecider.initialState,
  evolve: journalDecider.evolve,
  codec: journalEventC,
});
/** A product stream, read to refuse `unknown_product` and copy the name. */
export const productModel = model({
  initialState: productDecider.initialState,
  evolve: productDecider.evolve,
  codec: productEventC,
});
/** A warehouse stream, read to refuse `unknown_warehouse`. */
export const warehouseModel = model({
  initialState: warehouseDecider.initialState,
  evolve: warehouseDecider.evolve,
  codec: warehouseEventC,
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
    found = model<DomainEvent, ChartState>({
      initialState: chartDecider.initialState,
      evolve: chartDecider.evolve as (s: ChartState, e: DomainEvent) => ChartState,
      codec: chartEventC as never,
      load: chartLoad(createChartSnapshots(client)) as never,
    });
    chartModels.set(client, found);
  }
  return found;
};

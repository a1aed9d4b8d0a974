import {
  chartDecider,
  customerDecider,
  customerEventC,
  fold,
  orderDecider,
  orderEventC,
  seedChart,
  type ChartEvent,
  type ChartState,
  type CustomerEvent,
  type CustomerState,
  type OrderEvent,
  type OrderState,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';

/** The order stream: folded (a handful of events per order). */
export const orderModel: StreamModel<OrderEvent, OrderState> = {
  initialState: orderDecider.initialState,
  evolve: orderDecider.evolve,
  codec: orderEventC,
};

/** A customer stream: folded (one event per delivery or payment of that customer). */
export const customerModel: StreamModel<CustomerEvent, CustomerState> = {
  initialState: customerDecider.initialState,
  evolve: customerDecider.evolve,
  codec: customerEventC,
};

/**
 * The chart as a sales decision should see it: with the system accounts opened if they are not
 * yet (a store that skipped start-up seeding). The seed events go in the same atomic append as
 * the decision, so a delivery or payment never fails for want of its accounts.
 */
export const withSystemAccounts = (
  chart: ChartState,
): { readonly chart: ChartState; readonly seed: readonly ChartEvent[] } => {
  const seed = seedChart(chart);
  return { chart: seed.length === 0 ? chart : fold(chartDecider, seed, chart), seed };
};

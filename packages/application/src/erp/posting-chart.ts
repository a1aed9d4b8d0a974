import {
  chartDecider,
  fold,
  seedChart,
  seedPostingAccounts,
  type ChartEvent,
  type ChartState,
} from '@erpcore/domain';

/**
 * The chart as a posting decision should see it: with the system accounts (sales' three and the
 * posting accounts' five) opened if they are not yet. The caller appends `seed` in the same
 * atomic append as its decision, so a receipt or bill never fails for want of its accounts.
 */
export const withPostingAccounts = (
  chart: ChartState,
): { readonly chart: ChartState; readonly seed: readonly ChartEvent[] } => {
  const sales = seedChart(chart);
  const afterSales = sales.length === 0 ? chart : fold(chartDecider, sales, chart);
  const posting = seedPostingAccounts(afterSales);
  const seed = [...sales, ...posting];
  return {
    chart: posting.length === 0 ? afterSales : fold(chartDecider, posting, afterSales),
    seed,
  };
};

/** A decision's states with the chart seeded, and a function putting the seed before its chart events. */
export const seeded = <S extends { readonly chart: ChartState }>(
  states: S,
): { readonly states: S; readonly chartEvents: (e: readonly ChartEvent[]) => ChartEvent[] } => {
  const { chart, seed } = withPostingAccounts(states.chart);
  return { states: { ...states, chart }, chartEvents: (e) => [...seed, ...e] };
};

import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import {
  chartDecider,
  fold,
  seedChart,
  streamIds,
  type ChartEvent,
  type ChartState,
} from '@erpcore/domain';
import { handleMultiStreamCommand, type EventStore, type SqlClient } from '@erpcore/eventstore';
import { chartModel } from './sales-stream-models.js';

/**
 * Opens the system accounts sales posts to (receivable, revenue, cash) unless they exist.
 * Idempotent: a second run, or a concurrent one that lost the race, appends nothing.
 */
export const seedSalesChart = async (
  store: EventStore,
  client: SqlClient,
  now: Date = new Date(),
): Promise<void> => {
  const chartStream = streamIds.chart();
  const result = await handleMultiStreamCommand(store, {
    streams: { [chartStream]: chartModel(client) },
    decide: (states) =>
      E.right([{ streamId: chartStream, events: seedChart(states[chartStream] as ChartState) }]),
    context: {
      actor: 'system',
      correlationId: 'seed-sales-chart',
      causationId: null,
      now,
      newEventId: randomUUID,
    },
  });
  if (E.isLeft(result)) throw new Error(`seeding the chart failed: ${result.left.message}`);
};

/**
 * The chart as a sales decision should see it: with the system accounts opened if they are not
 * yet (a store that skipped start-up seeding). The seed events are appended in the same atomic
 * append as the decision, so a delivery or payment never fails for want of its accounts.
 */
export const withSystemAccounts = (
  chart: ChartState,
): { readonly chart: ChartState; readonly seed: readonly ChartEvent[] } => {
  const seed = seedChart(chart);
  return { chart: seed.length === 0 ? chart : fold(chartDecider, seed, chart), seed };
};

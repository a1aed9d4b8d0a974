import { describe, expect, it } from 'vitest';
import type { ProjectionProgress, ProjectionStatus } from '@erpcore/projections';
import { createInProcessJobRunner } from '../in-process/in-process-job-runner.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { projectionLagCheckJob, projectionLagCheckSchedule } from './projection-lag-check.job.js';

const status = (
  name: string,
  lagEvents: number,
  state: ProjectionStatus['status'] = 'running',
): ProjectionStatus => ({
  name,
  position: '10',
  lagEvents,
  lagSeconds: lagEvents > 0 ? 3 : 0,
  status: state,
  ...(state === 'failed' ? { error: { position: '11', message: 'boom' } } : {}),
});

// The port the job reads; only `statuses` matters here.
const progressOf = (statuses: ProjectionStatus[]): ProjectionProgress => ({
  statuses: async () => statuses,
  waitFor: async () => true,
  heldBack: async () => undefined,
  oldestOpenTransactionSeconds: async () => 0,
  close: async () => undefined,
});

describe('projection-lag-check', () => {
  it('warns about projections past the threshold and reports failed ones', async () => {
    const warned: object[] = [];
    const failed: object[] = [];
    const job = projectionLagCheckJob(
      progressOf([
        status('stock_levels', 5),
        status('order_list', 500),
        status('account_tree', 0, 'failed'),
      ]),
    );
    const runner = createInProcessJobRunner({
      jobs: [job],
      logger: { info: () => undefined, warn: (o) => warned.push(o), error: (o) => failed.push(o) },
    });
    await runner.start();
    await enqueueJob(runner, job, { thresholdEvents: 100 }, { jobId: 'check-1' });
    expect(await runner.settled('check-1', 5_000)).toMatchObject({ state: 'completed' });
    await runner.close();
    expect(warned).toEqual([
      { projection: 'order_list', lagEvents: 500, lagSeconds: 3, thresholdEvents: 100 },
    ]);
    expect(failed).toEqual([
      { projection: 'account_tree', position: '10', error: { position: '11', message: 'boom' } },
    ]);
  });

  it('runs on its schedule in process', async () => {
    let calls = 0;
    let reached: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => (reached = resolve));
    const job = projectionLagCheckJob({
      ...progressOf([]),
      statuses: async () => {
        if (++calls === 2) reached();
        return [];
      },
    });
    const runner = createInProcessJobRunner({
      jobs: [job],
      schedules: [projectionLagCheckSchedule(job, 10, 20)],
    });
    await runner.start();
    await twice;
    await runner.close();
    const done = await runner.list('completed', { limit: 10 });
    expect(done.items.length).toBeGreaterThanOrEqual(2);
    expect(
      done.items.every(
        (j) => j.name === 'projection-lag-check' && j.id.startsWith('projection-lag-check-'),
      ),
    ).toBe(true);
  });
});

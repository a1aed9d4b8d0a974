/**
 * A projector in its own process, for the crash and takeover tests. Env: DATABASE_URL (its
 * search_path picks the schema), BATCH_SIZE, HANG_AT (hang forever inside the batch that applies
 * the n-th event, after writing `mid-batch`, so the test can SIGKILL it with a transaction open).
 * Writes one JSON line per log record to stdout.
 */
import { createPgClient, createPostgresEventStore } from '@erpcore/eventstore';
import {
  createProjector,
  createReadDb,
  productsProjection,
  warehousesProjection,
  type ProjectionDefinition,
} from '../index.js';
import { tallyProjection } from './tally.projection.js';

const url = process.env['DATABASE_URL'];
if (url === undefined) throw new Error('DATABASE_URL is required');
const hangAt = process.env['HANG_AT'] === undefined ? undefined : Number(process.env['HANG_AT']);
const line = (level: string) => (o: object, msg?: string) =>
  process.stdout.write(`${JSON.stringify({ level, msg, ...o })}\n`);
const logger = { info: line('info'), warn: line('warn'), error: line('error') };

const client = createPgClient({ connectionString: url, max: 6 });
const store = createPostgresEventStore(client, { pollIntervalMs: 100 });
const db = createReadDb(client);
const tally = tallyProjection();
let applied = 0;
const hanging: ProjectionDefinition = {
  ...tally,
  apply: async (trx, event) => {
    await tally.apply(trx, event);
    applied += 1;
    if (applied === hangAt) {
      logger.info({ position: event.position.toString() }, 'mid-batch');
      // The test SIGKILLs us here; should it never (it failed first), give up the open
      // transaction after a while rather than hold back every reader on the cluster.
      setTimeout(() => process.exit(3), 120_000).unref();
      await new Promise<never>(() => undefined);
    }
  },
};
const projector = createProjector({
  store,
  db,
  client,
  projections: [warehousesProjection, productsProjection, hanging],
  batchSize: Number(process.env['BATCH_SIZE'] ?? '100'),
  logger,
});
await projector.start();
logger.info({}, 'started');

const shutdown = async (): Promise<void> => {
  await projector.stop();
  await client.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());

/**
 * The projector as its own process, for the catch-up bench: every projection, one pool, the
 * projector's defaults unless BENCH_PROJECTOR_BATCH is set. Env: DATABASE_URL (search_path picks
 * the schema). Prints `{"rss":<bytes>,"cpu":<seconds>}` lines every 500 ms; stops cleanly on
 * SIGTERM.
 */
import { createPgClient, createPostgresEventStore } from '@erpcore/eventstore';
import { createProjector, createReadDb } from '@erpcore/projections';
import { allProjections } from '../all-projections.js';

const url = process.env['DATABASE_URL'];
if (url === undefined) throw new Error('DATABASE_URL is required');
const batch = process.env['BENCH_PROJECTOR_BATCH'];
const client = createPgClient({ connectionString: url, max: 10 });
const store = createPostgresEventStore(client);
const db = createReadDb(client);
const projector = createProjector({
  store,
  db,
  client,
  projections: allProjections,
  ...(batch === undefined ? {} : { batchSize: Number(batch) }),
});
await projector.start();
const report = (): void => {
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ rss: process.memoryUsage().rss, cpu: (cpu.user + cpu.system) / 1e6 })}\n`,
  );
};
report();
const timer = setInterval(report, 500);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void projector
    .stop()
    .then(() => db.destroy())
    .then(() => client.close())
    .then(() => process.exit(0));
});

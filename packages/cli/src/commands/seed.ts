import type { ErpConfig } from '@erpcore/api';
import { createProjectionProgress } from '@erpcore/projections';
import { allProjections } from '../projections.js';
import { formatRebuildProgress } from '../rebuild-progress.js';
import { demoRequests } from '../seed/demo-company.js';
import { runSeed } from '../seed/run-seed.js';
import { migrateAll, openStorage } from '../storage.js';
import { UsageError } from '../usage-error.js';
import { commandHelp } from '../command-help.js';

/** `erpcore seed` needs `--demo`: there is one data set, and seeding must never be an accident. */
export const parseSeedArgs = (args: readonly string[]): { readonly demo: true } => {
  const [flag, ...extra] = args;
  if (flag !== '--demo' || extra.length > 0)
    throw new UsageError(
      flag === undefined
        ? 'say --demo (the only data set)'
        : `unknown argument ${JSON.stringify(flag === '--demo' ? extra[0] : flag)}`,
      commandHelp.seed,
    );
  return { demo: true };
};

/**
 * `erpcore seed --demo`: the demo company written through the API's routes and use cases in this
 * process, against the configured storage (embedded PGlite under ERP_DATA_DIR unless
 * DATABASE_URL). Progress goes to stderr (done/total, rate, time left); the summary to stdout.
 */
export const seed = async (config: ErpConfig): Promise<void> => {
  const storage = await openStorage(config, 'seed');
  const tty = process.stderr.isTTY;
  const unit = { name: 'requests', abbrev: 'req' };
  const started = performance.now();
  let lastPrinted = 0;
  try {
    await migrateAll(storage, allProjections);
    const progress = createProjectionProgress({
      db: storage.db,
      client: storage.client,
      store: storage.store,
      projections: allProjections,
    });
    try {
      const outcome = await runSeed({ ...storage, progress }, demoRequests(), (done, total) => {
        const now = performance.now();
        if (now - lastPrinted < (tty ? 100 : 1000) && done < total) return;
        lastPrinted = now;
        const line = formatRebuildProgress({ done, total, elapsedMs: now - started }, unit);
        process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
      });
      process.stdout.write(
        `${tty ? '\n' : ''}seeded the demo company into ${storage.location}: ${outcome.requests} requests in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s, ` +
          `${outcome.advanced === 0n ? 'nothing new (already seeded)' : 'new events appended'}\n`,
      );
    } finally {
      await progress.close();
    }
  } finally {
    await storage.close();
  }
};

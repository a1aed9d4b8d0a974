import type { ErpConfig } from '@erpcore/api';
import { rebuildProjection } from '@erpcore/projections';
import { allProjections } from '../projections.js';
import { formatRebuildProgress } from '../rebuild-progress.js';
import { migrateAll, openStorage } from '../storage.js';

/** A name `rebuild` does not know; the message lists the ones it does. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(readonly projection: string) {
    super(
      `unknown projection ${JSON.stringify(projection)}; known: ${allProjections.map((p) => p.name).join(', ')}`,
    );
  }
}

/**
 * `erpcore rebuild <projection>`: rebuilds beside the live tables and swaps (no downtime), showing
 * done/total, rate and time left. On a terminal the line redraws in place; otherwise one line
 * per second, so logs stay readable.
 */
export const rebuild = async (config: ErpConfig, name: string): Promise<void> => {
  const projection = allProjections.find((p) => p.name === name);
  if (projection === undefined) throw new UnknownProjectionError(name);
  const storage = await openStorage(config, 'rebuild');
  const tty = process.stdout.isTTY;
  const started = performance.now();
  // The rate counts from the first report, so opening and migrating do not drag it down.
  let firstReport: number | undefined;
  let lastPrinted = 0;
  try {
    await migrateAll(storage, allProjections);
    await rebuildProjection({
      store: storage.store,
      db: storage.db,
      client: storage.client,
      projection,
      onProgress: ({ done, total }) => {
        const now = performance.now();
        firstReport ??= now;
        if (!tty && now - lastPrinted < 1000 && done < total) return;
        lastPrinted = now;
        const line = formatRebuildProgress({ done, total, elapsedMs: now - firstReport });
        process.stdout.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
      },
    });
    process.stdout.write(
      `${tty ? '\n' : ''}rebuilt ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await storage.close();
  }
};

import type { ErpConfig } from '@erpcore/api';
import { allProjections } from '../projections.js';
import { migrateAll, openStorage } from '../storage.js';

/** `erpcore migrate`: bring the event store and read-model tables up to date, then exit. */
export const migrate = async (config: ErpConfig): Promise<void> => {
  const storage = await openStorage(config, 'migrate');
  try {
    await migrateAll(storage, allProjections);
    process.stdout.write(`migrated (${storage.mode}: ${storage.location})\n`);
  } finally {
    await storage.close();
  }
};

import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ErpConfig } from '@erpcore/api';
import { CliRefusal } from '../cli-refusal.js';
import { lockDataDir } from '../data-dir/data-dir-lock.js';
import { prepareDataDir, preparingDir, swapInto } from '../data-dir/prepare-data-dir.js';

const embeddedOnly = (config: ErpConfig, command: string): void => {
  if (config.databaseUrl !== null)
    throw new CliRefusal(
      `erpcore ${command} copies the embedded database (ERP_DATA_DIR); with DATABASE_URL use pg_dump / pg_restore`,
      2,
    );
};

/**
 * `erpcore backup <file>`: the whole embedded database as one gzipped tar (PGlite's
 * dumpDataDir), taken with the data directory locked, so no writer runs meanwhile. Written to
 * `<file>.partial` first and renamed: a file named `<file>` is always whole.
 */
export const backup = async (config: ErpConfig, file: string): Promise<string> => {
  embeddedOnly(config, 'backup');
  const dataDir = resolve(config.dataDir);
  const lock = await lockDataDir(dataDir, 'backup');
  try {
    if (
      !(await stat(resolve(dataDir, 'pglite')).then(
        () => true,
        () => false,
      ))
    )
      throw new CliRefusal(`no embedded database in ${dataDir} to back up`, 2);
    const db = await PGlite.create({ dataDir: await prepareDataDir(dataDir) });
    try {
      const dump = await db.dumpDataDir('gzip');
      const partial = `${file}.partial`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
    } finally {
      await db.close();
    }
  } finally {
    await lock.release();
  }
  return `backed up ${dataDir} to ${file} (${(await stat(file)).size} bytes)`;
};

/**
 * `erpcore restore <file>`: loads a backup into a directory beside the database, checks that it
 * opens and holds an event log, then swaps it in; the database it replaces is kept beside it
 * (`pglite.before-restore-<time>`). Refused while another process has the data directory.
 */
export const restore = async (config: ErpConfig, file: string): Promise<string> => {
  embeddedOnly(config, 'restore');
  const dataDir = resolve(config.dataDir);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new CliRefusal(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      2,
    );
  });
  const lock = await lockDataDir(dataDir, 'restore');
  try {
    await prepareDataDir(dataDir);
    const preparing = preparingDir(dataDir);
    try {
      const db = await PGlite.create({ dataDir: preparing, loadDataDir: new Blob([bytes]) });
      try {
        await db.query('select count(*) from events');
      } finally {
        await db.close();
      }
    } catch (error) {
      await rm(preparing, { recursive: true, force: true });
      throw new CliRefusal(
        `${file} is not an erpcore backup: ${error instanceof Error ? error.message : String(error)}`,
        2,
      );
    }
    const kept = await swapInto(preparing, resolve(dataDir, 'pglite'));
    return `restored ${file} into ${dataDir}${kept === undefined ? '' : `; the previous database is kept in ${kept}`}`;
  } finally {
    await lock.release();
  }
};

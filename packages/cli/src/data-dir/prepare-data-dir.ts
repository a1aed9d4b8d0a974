import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Where the embedded database lives inside ERP_DATA_DIR. */
export const pgliteDirName = 'pglite';
const preparingPrefix = 'pglite.preparing-';

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Makes sure `<dataDir>/pglite` holds a database, atomically: a first start creates the cluster
 * in a directory beside it and renames it into place only once it opens, so a kill during the
 * first start leaves either nothing or a whole database (never a half-made one that cannot open).
 * Leftovers of such a kill are removed. Call with the data directory's lock held.
 */
export const prepareDataDir = async (dataDir: string): Promise<string> => {
  await mkdir(dataDir, { recursive: true });
  for (const entry of await readdir(dataDir))
    if (entry.startsWith(preparingPrefix))
      await rm(join(dataDir, entry), { recursive: true, force: true });
  const target = join(dataDir, pgliteDirName);
  if (await exists(target)) return target;
  const preparing = preparingDir(dataDir);
  const db = await PGlite.create({ dataDir: preparing });
  await db.query('select 1');
  await db.close();
  await rename(preparing, target);
  return target;
};

/**
 * Puts a database prepared beside `target` in its place: the current one (if any) is kept as
 * `<target>.before-restore-<time>`, then the new one renamed in.
 */
export const swapInto = async (prepared: string, target: string): Promise<string | undefined> => {
  let kept: string | undefined;
  if (await exists(target)) {
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(target, kept);
  }
  await rename(prepared, target);
  return kept;
};

/** A fresh sibling directory name for preparing a database beside `<dataDir>/pglite`. */
export const preparingDir = (dataDir: string): string =>
  join(dataDir, `${preparingPrefix}${randomBytes(4).toString('hex')}`);

import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CliRefusal } from '../cli-refusal.js';
import { isRecord } from '@erpcore/domain';

/** The lock file inside ERP_DATA_DIR: who has the embedded database open. */
export const lockFileName = 'erpcore.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly command: string;
}

/** Another process has the data directory open: what a second process is told. */
export class DataDirLockedError extends CliRefusal {
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `ERP_DATA_DIR ${dataDir} is in use by erpcore ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}). ` +
        'PGlite allows one process at a time: stop that process first, or send the request to its HTTP API.',
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
};

const readOwner = async (path: string): Promise<LockOwner | undefined> => {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(parsed)) return undefined;
    const o = parsed;
    return typeof o['pid'] === 'number' && typeof o['host'] === 'string'
      ? {
          pid: o['pid'],
          host: o['host'],
          startedAt: typeof o['startedAt'] === 'string' ? o['startedAt'] : '?',
          command: typeof o['command'] === 'string' ? o['command'] : '?',
        }
      : undefined;
  } catch {
    return undefined;
  }
};

/** Held until `release()`: the data directory is this process's alone. */
export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the data directory for this process: creates `erpcore.lock` exclusively (O_EXCL), with
 * the pid, host, time and command in it. A lock whose process is gone (same host, pid not
 * running) or that cannot be read is stale and taken over; a live one is a DataDirLockedError.
 */
export const lockDataDir = async (dataDir: string, command: string): Promise<DataDirLock> => {
  const path = join(dataDir, lockFileName);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          // Only our own lock: never remove one a later process took after a stale-lock takeover.
          if ((await readOwner(path))?.pid === process.pid)
            await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const owner = await readOwner(path);
    // Another host's lock cannot be checked from here: treat it as live.
    if (owner !== undefined && (owner.host !== me.host || alive(owner.pid)))
      throw new DataDirLockedError(dataDir, owner);
    // Stale (its process is gone, or a half-written file from a kill): take it over.
    await unlink(path).catch(() => undefined);
  }
  throw new CliRefusal(`cannot take the lock ${path}: it keeps coming back`);
};

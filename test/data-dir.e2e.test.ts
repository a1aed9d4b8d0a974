import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '@erpcore/api';
import { DataDirLockedError, lockDataDir, lockFileName, main, openStorage } from '@erpcore/cli';
import { migrateEventStore } from '@erpcore/eventstore';

/**
 * Issue 10, finding 5: `erpcore rebuild` run while `npm start` served the same ERP_DATA_DIR
 * destroyed the database, and a kill during the very first start left a directory that never
 * opened again. Now the data directory has one process at a time (an exclusive lock file with
 * the pid; a stale one is taken over; a second process is told who holds it), first-time setup
 * is prepared aside and renamed into place, and `erpcore backup` / `restore` copy it whole.
 */
const stderrOf = async (run: () => Promise<number>): Promise<{ code: number; text: string }> => {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await run(), text: lines.join('') };
  } finally {
    spy.mockRestore();
    stdout.mockRestore();
  }
};

const writeLock = (dir: string, pid: number): Promise<void> =>
  writeFile(
    join(dir, lockFileName),
    JSON.stringify({
      pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      command: 'start',
    }),
  );

describe('embedded data directory', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'erp-datadir-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const env = () => ({ ERP_DATA_DIR: dir, LOG_LEVEL: 'silent' });

  it('a second process is refused with who holds it; a stale lock is taken over', async () => {
    const holder = spawn('sleep', ['60']);
    try {
      await writeLock(dir, holder.pid ?? 0);
      const refused = await stderrOf(() => main(['migrate'], env()));
      expect(refused.code).toBe(1);
      expect(refused.text).toContain(`is in use by erpcore start (pid ${holder.pid}`);
      expect(refused.text.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(await readdir(dir)).toEqual([lockFileName]);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // Its process is gone: the lock is stale, taken over (with this pid), and released.
    const lock = await lockDataDir(dir, 'migrate');
    expect(JSON.parse(await readFile(join(dir, lockFileName), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'migrate',
    });
    await lock.release();
    expect(await readdir(dir)).not.toContain(lockFileName);
  });

  it('first-time setup is atomic (a killed one leaves nothing that blocks), and a second open is refused meanwhile', async () => {
    // What a kill during the first start leaves now: a half-made directory beside the database.
    await mkdir(join(dir, 'pglite.preparing-dead'), { recursive: true });
    await writeFile(join(dir, 'pglite.preparing-dead', 'PG_VERSION'), 'garbage');
    const config = { ...defaultConfig, dataDir: dir };
    const first = await openStorage(config, 'start');
    try {
      expect((await readdir(dir)).sort()).toEqual([lockFileName, 'pglite']);
      // One process at a time, inside one process too.
      await expect(openStorage(config, 'rebuild')).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
    expect(await readdir(dir)).toEqual(['pglite']);
  }, 60_000);

  it('backup and restore: the restored database is the one backed up; the replaced one is kept', async () => {
    const config = { ...defaultConfig, dataDir: dir };
    const append = async (): Promise<void> => {
      const storage = await openStorage(config, 'start');
      try {
        await migrateEventStore(storage.client);
        await storage.store.appendToStream(
          `thing-${randomUUID()}`,
          [
            {
              eventId: randomUUID(),
              type: 'Happened',
              data: {},
              metadata: {
                actor: 't',
                correlationId: 'c',
                causationId: null,
                occurredAt: new Date().toISOString(),
                schemaVersion: 1,
              },
            },
          ],
          { expectedRevision: 'no_stream' },
        );
      } finally {
        await storage.close();
      }
    };
    const count = async (): Promise<number> => {
      const storage = await openStorage(config, 'audit');
      try {
        return (await storage.store.readAll()).length;
      } finally {
        await storage.close();
      }
    };
    await append();
    const file = join(dir, '..', `${dir.split('/').pop() ?? 'x'}.backup.tar.gz`);
    try {
      expect((await stderrOf(() => main(['backup', file], env()))).code).toBe(0);
      await append();
      expect(await count()).toBe(2);
      expect((await stderrOf(() => main(['restore', file], env()))).code).toBe(0);
      expect(await count()).toBe(1);
      expect(
        (await readdir(dir)).filter((e) => e.startsWith('pglite.before-restore-')),
      ).toHaveLength(1);
      const bad = await stderrOf(() => main(['restore', join(dir, 'missing.tar.gz')], env()));
      expect(bad.code).toBe(2);
      expect(bad.text).toContain('cannot read');
    } finally {
      await rm(file, { force: true });
    }
  }, 120_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/** Runs `erpcore start` from sources and resolves once it prints its URL. */
const startCli = (dataDir: string): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'start'],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          ERP_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          DATABASE_URL: '',
          NODE_ENV: 'test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve({ child, url: match[1], exited });
    });
    void exited.then((code) =>
      reject(new Error(`erpcore exited with ${code} before listening:\n${out}\n${err}`)),
    );
  });

describe('erpcore start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('serves on PGlite, exits 0 on SIGTERM, and keeps its data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'erpcore-cli-'));
    dirs.push(dataDir);

    const first = await startCli(dataDir);
    const created = await fetch(`${first.url}/v1/warehouses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'KEEP', name: 'Kept' }),
    });
    expect(created.status).toBe(201);
    const { position } = (await created.json()) as { position: string };
    const read = await fetch(`${first.url}/v1/warehouses/KEEP`, {
      headers: { 'x-min-position': position },
    });
    expect(read.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startCli(dataDir);
    const again = await fetch(`${second.url}/v1/warehouses/KEEP`, {
      headers: { 'x-min-position': position },
    });
    expect(await again.json()).toEqual({ id: 'KEEP', name: 'Kept', branchId: null });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 60_000);
});

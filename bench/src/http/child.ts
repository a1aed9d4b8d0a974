import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** Resident memory of a process in bytes, from /proc (0 where /proc is missing). */
export const residentBytes = async (pid: number | undefined): Promise<number> => {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
};

/** Runs a TypeScript entry point of the repo as its own process (source, through tsx). */
export const spawnTs = (
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChildProcess =>
  spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

/** Polls `url` until it answers 200 (or throws after `timeoutMs`). */
export const waitForHttp = async (url: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Stops a child with SIGTERM and waits for it to exit. */
export const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

/** `erpcore api` and the bare Fastify floor, each its own process on `databaseUrl`. */
export interface ApiAndFloor {
  readonly api: ChildProcess;
  readonly floor: ChildProcess;
  readonly apiBase: string;
  readonly floorBase: string;
}

/**
 * Starts `erpcore api` (logging off, rate limit raised: reads are measured, not the limiter) and
 * the floor (floor-server.ts) on the same database, and waits until both answer `readyPath`.
 * `started` hears of each process as soon as it is spawned, so the caller can stop it even when
 * the wait fails.
 */
export const startApiAndFloor = async (
  databaseUrl: string,
  readyPath: string,
  started: (child: ChildProcess) => void,
): Promise<ApiAndFloor> => {
  const apiPort = await freePort();
  const floorPort = await freePort();
  const api = spawnTs(
    fileURLToPath(new URL('../../../packages/cli/src/bin.ts', import.meta.url)),
    ['api'],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(apiPort),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '10000000',
    },
  );
  started(api);
  const floor = spawnTs(fileURLToPath(new URL('./floor-server.ts', import.meta.url)), [], {
    DATABASE_URL: databaseUrl,
    PORT: String(floorPort),
  });
  started(floor);
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  await waitForHttp(`${apiBase}${readyPath}`, 180_000);
  await waitForHttp(`${floorBase}${readyPath}`, 180_000);
  return { api, floor, apiBase, floorBase };
};

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const buildStep = 'turbo run build --output-logs=errors-only';
const serverStep = 'exec node packages/cli/dist/bin.js start';

const tsxLoader = createRequire(import.meta.url).resolve('tsx');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A supervisor stops `npm start` with SIGTERM to npm. npm forwards it to the shell running the
 * script; the script must `exec` the server so that the signal reaches it (no orphan left
 * listening). Building takes minutes, so this runs the root `start` script's own text with the
 * build step replaced by `true` and the built server by its sources: the same shell.
 */
describe('npm start under a supervisor', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('stops the server when npm gets SIGTERM', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const start = manifest.scripts['start'] ?? '';
    expect(start).toBe(`${buildStep} && ${serverStep}`);
    const dir = await mkdtemp(join(tmpdir(), 'erpcore-npm-start-'));
    dirs.push(dir);
    const script = start.replace(buildStep, 'true').replace(
      'node packages/cli/dist/bin.js',
      // tsx by path: the probe's directory has no node_modules to find it in.
      `node --conditions=source --import ${tsxLoader} ${join(root, 'packages/cli/src/bin.ts')}`,
    );
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'start-probe', private: true, scripts: { start: script } }),
    );
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        ERP_DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        REDIS_URL: '',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npmExited = new Promise<number | string | null>((done) =>
      npm.on('exit', (code, signal) => done(code ?? signal)),
    );
    let out = '';
    let err = '';
    npm.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      void npmExited.then((code) => reject(new Error(`npm exited with ${code}:\n${out}\n${err}`)));
    });
    // The server's pid, from its own log lines (pino writes it on each).
    const serverPid = Number(/"pid":(\d+)/.exec(err)?.[1]);
    expect(serverPid).toBeGreaterThan(0);
    expect(serverPid).not.toBe(npm.pid);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    npm.kill('SIGTERM');
    await npmExited;
    // The server got the signal too: it logged its shutdown, and it is gone.
    for (let i = 0; i < 100 && alive(serverPid); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(serverPid)).toBe(false);
    expect(err).toContain('"msg":"stopped"');
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  }, 180_000);
});

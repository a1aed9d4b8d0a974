import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A spawned projector process and the JSON lines it logged so far. */
export interface ProjectorChild {
  readonly child: ChildProcess;
  readonly lines: Array<Record<string, unknown>>;
  /** Resolves with the first line (already logged or coming) matching; rejects after timeoutMs or on exit. */
  waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string>;
}

const script = fileURLToPath(new URL('./projector-process.ts', import.meta.url));

/**
 * Every child still running. A test that fails or times out before its own kill must not leave
 * one behind: a hanging child holds a transaction open, and that holds back every log reader on
 * the cluster (readers stop below the oldest running transaction).
 */
const running = new Set<ChildProcess>();

/** SIGKILLs every projector child still running; call it from afterAll. */
export const killAllProjectors = (): void => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
};
process.once('exit', killAllProjectors);

/** Starts `projector-process.ts` with node --conditions=source --import tsx. */
export const spawnProjector = (env: Record<string, string>): ProjectorChild => {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const lines: Array<Record<string, unknown>> = [];
  const watchers = new Set<() => void>();
  let ended = false;
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      running.delete(child);
      for (const w of watchers) w();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  if (child.stdout === null) throw new Error('no stdout');
  createInterface({ input: child.stdout }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const w of watchers) w();
  });
  const waitForLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = (): void => {
        const found = lines.find(match);
        if (found !== undefined) done(() => resolve(found));
        else if (ended)
          done(() => reject(new Error(`process exited; lines: ${JSON.stringify(lines)}`)));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(`no matching line within ${timeoutMs} ms; lines: ${JSON.stringify(lines)}`),
            ),
          ),
        timeoutMs,
      );
      const done = (then: () => void): void => {
        clearTimeout(timer);
        watchers.delete(check);
        then();
      };
      watchers.add(check);
      check();
    });
  return { child, lines, waitForLine, exited };
};

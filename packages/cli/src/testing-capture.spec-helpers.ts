import { vi } from 'vitest';
import { main } from './main.js';

/** What one in-process `erpcore` run printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `main` with `argv` and `env`, capturing what it writes to stdout and stderr. */
export const runCli = async (
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv, { ...env });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
};

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(root, 'node_modules', '.bin', 'redocly');

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number };
  readonly problems: readonly { readonly ruleId: string; readonly message: string }[];
}
const isLintReport = (value: unknown): value is LintReport =>
  typeof value === 'object' && value !== null && 'totals' in value && 'problems' in value;

/** `redocly lint` with the repository's redocly.yaml, its JSON report parsed. */
const lint = async (file: string): Promise<LintReport> => {
  // redocly exits 1 when it finds errors; the report on stdout is what the test reads either way.
  const stdout = await promisify(execFile)(
    redocly,
    ['lint', file, '--config', join(root, 'redocly.yaml'), '--format=json'],
    {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  ).then(
    (done) => done.stdout,
    (error: unknown) => {
      if (
        typeof error === 'object' &&
        error !== null &&
        'stdout' in error &&
        typeof error.stdout === 'string'
      )
        return error.stdout;
      throw error;
    },
  );
  const report: unknown = JSON.parse(stdout);
  if (!isLintReport(report)) throw new Error(`not a redocly report: ${stdout.slice(0, 200)}`);
  return report;
};

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer('pglite', 'openapi_lint');
  dir = await mkdtemp(join(tmpdir(), 'erpcore-openapi-'));
});
afterAll(async () => {
  await server?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('the OpenAPI document under redocly lint (redocly.yaml)', () => {
  it('has no finding at all', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(server.app.swagger()));
    const report = await lint(file);
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  // The lint itself can fail: a document without operationIds, tags or 4xx answers is refused.
  it('refuses a document that describes nothing', async () => {
    const file = join(dir, 'bare.json');
    await writeFile(
      file,
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'bare', version: '1' },
        paths: { '/a': { get: { responses: { 200: { description: 'ok' } } } } },
      }),
    );
    const report = await lint(file);
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.problems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['operation-operationId', 'operation-4xx-response']),
    );
  }, 60_000);
});

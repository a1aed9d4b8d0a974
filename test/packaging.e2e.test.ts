import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What an embedder does: `npm pack` each public package (its `prepack` builds it), install the
 * tarballs into an empty directory, compile the embedding example against the installed type
 * declarations and run it on PGlite. A package that cannot be packed, installed, type-checked
 * or loaded fails here. Adding a public package is one line in `publicPackages`.
 */
const publicPackages = [
  '@erpcore/domain',
  '@erpcore/eventstore',
  '@erpcore/projections',
  '@erpcore/application',
];

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples/embedding');
const run = promisify(execFile);

// The children must behave as in a user's shell: no `source` condition (the tarballs hold no
// src/), and no npm_* variables of an enclosing `npm test` (npm_config_local_prefix would point
// `npm install` back at this repository).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('npm_')),
);
const sh = async (cmd: string, args: readonly string[], cwd: string): Promise<string> => {
  const { stdout } = await run(cmd, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
};

const tarballName = async (name: string): Promise<string> => {
  const manifest: unknown = JSON.parse(
    await readFile(join(root, 'packages', name.replace('@erpcore/', ''), 'package.json'), 'utf8'),
  );
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : '';
  return `${name.slice(1).replace('/', '-')}-${version}.tgz`;
};

describe('public packages, packed and installed like an embedder would', () => {
  let dir = '';
  let tarballs: string[] = [];
  const timings: Record<string, number> = {};
  const timed = async <A>(step: string, work: () => Promise<A>): Promise<A> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = Math.round(performance.now() - started);
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'erpcore-packaging-'));
    const packs = join(dir, 'tarballs');
    await mkdir(packs);
    const workspaces = publicPackages.flatMap((name) => ['-w', name]);
    await timed('pack', () =>
      sh('npm', ['pack', ...workspaces, '--pack-destination', packs], root),
    );
    tarballs = await Promise.all(
      publicPackages.map(async (name) => join(packs, await tarballName(name))),
    );
  }, 240_000);

  afterAll(async () => {
    // Measured, not asserted (speed belongs in bench/): a line in the test log.
    console.log(`packaging steps (ms): ${JSON.stringify(timings)}`);
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it.each(publicPackages)(
    '%s ships its build, types and README, no sources or tests',
    async (name) => {
      const tarball = tarballs[publicPackages.indexOf(name)] ?? '';
      const files = (await sh('tar', ['tzf', tarball], dir)).split('\n').filter((f) => f !== '');
      expect(files).toEqual(
        expect.arrayContaining([
          'package/package.json',
          'package/README.md',
          'package/dist/index.js',
          'package/dist/index.d.ts',
        ]),
      );
      expect(
        files.filter((f) => !f.startsWith('package/dist/') && !/^package\/[^/]+$/.test(f)),
      ).toEqual([]);
      expect(
        files.filter((f) => /\.(test|contract|spec-helpers)\.|\.ts$(?<!\.d\.ts)|\.map$/.test(f)),
      ).toEqual([]);
    },
  );

  it('installs from the tarballs alone and runs the embedding example on PGlite', async () => {
    const app = join(dir, 'app');
    await mkdir(app);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module' }),
    );
    await timed('install', () =>
      sh('npm', ['install', ...tarballs, '--prefer-offline', '--no-audit', '--no-fund'], app),
    );
    for (const file of ['shop.ts', 'tsconfig.json'])
      await copyFile(join(example, file), join(app, file));
    // The repository's compiler, against the installed packages' declarations only.
    await timed('compile', () =>
      sh(
        process.execPath,
        [
          join(root, 'node_modules/typescript/bin/tsc'),
          '-p',
          'tsconfig.json',
          '--typeRoots',
          join(root, 'node_modules/@types'),
        ],
        app,
      ),
    );
    const output = await timed('run', () => sh(process.execPath, ['shop.js'], app));

    expect(output).toContain('transfer 30 north to south: ok');
    expect(output).toContain('sell 50 south: refused (insufficient_stock)');
    expect(output).toContain('product id "green tea": refused (validation_failed)');
    expect(output).toContain('stock north: on hand 65, available 65');
    expect(output).toContain('stock south: on hand 18, available 18');
    expect(output).toContain('stock total: on hand 83');
  }, 180_000);
});

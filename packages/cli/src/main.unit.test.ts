import { describe, expect, it } from 'vitest';
import { commandHelp, commandNames } from './command-help.js';
import { allProjections } from './projections.js';
import { runCli } from './testing-capture.spec-helpers.js';
import { cliVersion } from './version.js';

const goodKey = 'a'.repeat(40);

describe('erpcore (command line)', () => {
  it('prints its version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `erpcore ${cliVersion()}\n` });
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(commandNames)('prints the help of %s', async (name) => {
    const run = await runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`usage: erpcore ${name}`);
    expect(run.stdout).toBe(`${commandHelp[name as keyof typeof commandHelp]}\n`);
  });

  it('lists every command in the general help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of commandNames) expect(run.stdout).toContain(`erpcore ${name}`);
    expect((await runCli([])).code).toBe(2);
  });

  it('answers an unknown command with the valid ones', async () => {
    const run = await runCli(['rebiuld']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "rebiuld"');
    expect(run.stderr).toContain(commandNames.join(', '));
  });

  it('answers a missing or unknown projection with the valid ones', async () => {
    const names = allProjections.map((p) => p.name).join(', ');
    const none = await runCli(['rebuild']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`known: ${names}`);
    const wrong = await runCli(['rebuild', 'stock']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`unknown projection "stock"; known: ${names}`);
  });

  it.each([
    [['audit'], 'name an audit subcommand'],
    [['audit', 'rewind'], 'unknown audit subcommand "rewind"; known: verify'],
    [['audit', 'state', 'foo-1'], 'stream ids start with: warehouse-…'],
    [['audit', 'state', 'order-O1', '--at-position', 'soon'], 'must be a whole number'],
    [['audit', 'state', 'order-O1', '--as-of', 'yesterday'], 'must be an ISO-8601 time'],
    [['audit', 'state', 'order-O1', '--at', '1'], 'unknown option "--at"'],
    [['jobs', 'retry'], 'needs a job id, or --all'],
    [['jobs', 'rerun', 'x'], 'unknown jobs subcommand "rerun"'],
    [['jobs', 'retry', '--everything'], 'unknown option --everything; known: --all'],
    [['check'], 'name what to check (--deploy)'],
    [['check', '--prod'], 'unknown check "--prod"; known: --deploy'],
    [['migrate', 'now'], 'migrate takes no arguments'],
  ])('says why %j does not parse', async (argv, why) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(why);
    expect(run.stderr).toContain('usage: erpcore');
  });

  it('refuses a bad variable naming it', async () => {
    const run = await runCli(['migrate'], { PORT: '80x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT');
  });

  it('points jobs retry without REDIS_URL at the HTTP route', async () => {
    const run = await runCli(['jobs', 'retry', 'notify-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs REDIS_URL');
    expect(run.stderr).toContain('POST /v1/ops/jobs/:id/retry');
  });
});

describe('erpcore check --deploy', () => {
  it('lists each unsafe setting with its fix, never a secret, and exits 1', async () => {
    const shortKey = 'short-secret-0123456789';
    const run = await runCli(['check', '--deploy'], {
      ERP_API_KEYS: `ops:admin:${shortKey},ci:operator:${goodKey}`,
      HOST: '0.0.0.0',
      CORS_ORIGINS: 'https://*.example.com',
      NODE_ENV: 'development',
      API_INSTANCES: '3',
      LOG_LEVEL: 'trace',
    });
    expect(run.code).toBe(1);
    const settings = [...run.stdout.matchAll(/^✗ ([^:]+):/gm)].map((m) => m[1]);
    expect(settings).toEqual([
      'ERP_API_KEYS',
      'HOST / ALLOWED_HOSTS',
      'CORS_ORIGINS',
      'NODE_ENV',
      'REDIS_URL',
      'LOG_LEVEL',
    ]);
    expect(run.stdout).toContain('key "ops" is 23 characters long');
    expect(run.stdout.match(/ {4}fix: /g)).toHaveLength(6);
    expect(run.stdout).toContain('6 unsafe settings');
    expect(run.stdout).not.toContain(shortKey);
    expect(run.stdout).not.toContain(goodKey);
  });

  it('reports production without keys instead of refusing to decode it', async () => {
    const run = await runCli(['check', '--deploy'], { NODE_ENV: 'production' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ ERP_API_KEYS: not set');
    expect(run.stdout).not.toContain('NODE_ENV');
  });

  it('exits 0 for a safe configuration', async () => {
    const run = await runCli(['check', '--deploy'], {
      ERP_API_KEYS: `ops:admin:${goodKey}`,
      HOST: '0.0.0.0',
      ALLOWED_HOSTS: 'erp.example.com',
      CORS_ORIGINS: 'https://app.example.com',
      NODE_ENV: 'production',
      API_INSTANCES: '3',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(run).toMatchObject({ code: 0, stdout: 'no unsafe setting found\n' });
  });

  it('refuses an API_INSTANCES it cannot read', async () => {
    const run = await runCli(['check', '--deploy'], { API_INSTANCES: 'many' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('API_INSTANCES="many"');
  });
});

describe('production on every interface without ALLOWED_HOSTS', () => {
  it.each(['api', 'start'])('erpcore %s refuses to start, in one line', async (command) => {
    const run = await runCli([command], {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      ERP_API_KEYS: `ops:admin:${goodKey}`,
      ERP_DATA_DIR: '/nonexistent/never-opened',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^erpcore \w+: refusing to listen on 0\.0\.0\.0 .*ALLOWED_HOSTS.*\n$/,
    );
    expect(run.stderr.split('\n')).toHaveLength(2);
  });
});

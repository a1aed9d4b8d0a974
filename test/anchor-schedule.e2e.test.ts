import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '@erpcore/cli';
import {
  createPgClient,
  createPostgresEventStore,
  listAnchors,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';

const up = await postgresAvailable();
const root = join(import.meta.dirname, '..');

interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
}

/** `erpcore <args>` from sources against `url`; `ready` resolves once stdout matches `readyWhen`. */
const erpcore = (
  url: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Run & { ready: (readyWhen: RegExp) => Promise<void> } => {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    exited,
    output: () => out,
    ready: (readyWhen) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (readyWhen.test(out)) resolve();
        };
        child.stdout?.on('data', check);
        check();
        void exited.then((code) => reject(new Error(`erpcore exited with ${code}:\n${out}`)));
      }),
  };
};

/** `erpcore audit verify` in process: its exit code and what it printed. */
const auditVerify = async (url: string): Promise<{ code: number; stdout: string }> => {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return {
      code: await main(['audit', 'verify'], { DATABASE_URL: url, LOG_LEVEL: 'error' }),
      stdout,
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
};

/**
 * The log's last position, committed or not yet below the horizon: `headPosition` is what readers
 * may see, which stops short while another transaction of the cluster is still running.
 */
const lastPosition = async (client: SqlClient): Promise<bigint> => {
  const { rows } = await client.query<{ last: string }>(
    'select coalesce(max(position), 0)::text as last from events',
  );
  return BigInt(rows[0]?.last ?? '0');
};

// Anchors wait for the oldest running transaction of the whole cluster; another process's long
// transaction (a benchmark's seeding) may hold them back for a while, so wait long.
const until = async (what: () => Promise<boolean>, timeoutMs = 50_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(!up)('erpcore worker anchors the event log on its own (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  let worker: ReturnType<typeof erpcore> | undefined;
  beforeAll(async () => {
    schema = await createTestSchema('anchor_worker');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
  });
  afterAll(async () => {
    if (worker !== undefined && worker.child.exitCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await client.close();
    await schema.drop();
  });

  it('writes anchors every AUDIT_ANCHOR_INTERVAL_MS; a later deletion fails audit verify; SIGTERM stops it', async () => {
    worker = erpcore(schema.url, ['worker'], { AUDIT_ANCHOR_INTERVAL_MS: '100' });
    await worker.ready(/worker running/);
    expect(worker.output()).toMatch(/"intervalMs":100.*anchoring the event log/);

    const warehouses = ['w1', 'w2', 'w3'];
    for (const id of warehouses)
      await store.appendToStream(
        `warehouse-${id}`,
        [
          {
            eventId: crypto.randomUUID(),
            type: 'WarehouseCreated',
            data: { id, name: `Warehouse ${id}`, branchId: null },
            metadata: {
              actor: 'test',
              correlationId: 'c',
              causationId: null,
              occurredAt: new Date().toISOString(),
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    const head = await lastPosition(client);
    await until(async () => (await listAnchors(client)).at(-1)?.position === head);
    expect((await listAnchors(client)).at(-1)?.eventCount).toBe(3n);

    expect((await auditVerify(schema.url)).code).toBe(0);

    // The whole stream and its head row: no stream chain notices; the worker's anchor does.
    await client.query(`delete from events where stream_id = 'warehouse-w2'`);
    await client.query(`delete from streams where stream_id = 'warehouse-w2'`);
    const verify = await auditVerify(schema.url);
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, brokenEvents: 0 });
    expect(verify.stdout).toMatch(/"firstBrokenAnchor"/);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 120_000);
});

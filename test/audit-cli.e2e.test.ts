import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';

const up = await postgresAvailable();
const root = join(import.meta.dirname, '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `erpcore audit …` from sources against the given database. */
const erpcore = (databaseUrl: string, args: readonly string[]): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'audit', ...args],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const created = (id: string) => ({
  eventId: randomUUID(),
  type: 'WarehouseCreated',
  data: { id, name: `Store ${id}`, branchId: null },
  metadata: {
    actor: 'seed',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2024-03-01T10:00:00.000Z',
    schemaVersion: 1,
  },
});

describe.skipIf(!up)('erpcore audit (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;

  beforeAll(async () => {
    schema = await createTestSchema('audit_cli');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    const store = createPostgresEventStore(client);
    for (const id of ['W1', 'W2', 'W3'])
      await store.appendToStream(`warehouse-${id}`, [created(id)], {
        expectedRevision: 'no_stream',
      });
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('verifies with progress on stderr and the answer on stdout, then exits 1 once tampered', async () => {
    const clean = await erpcore(schema.url, ['verify']);
    expect(clean.code, clean.stderr).toBe(0);
    // No anchor written yet (`erpcore audit anchor` does): all three events are unanchored.
    expect(JSON.parse(clean.stdout)).toEqual({
      ok: true,
      checkedEvents: 3,
      brokenEvents: 0,
      anchorsChecked: 0,
      unanchoredEvents: 3,
    });
    expect(clean.stderr).toMatch(/^3\/3 events \(100\.0%\) · [\d,]+ ev\/s · 0:00 left$/m);

    await client.query(
      `update events set data = jsonb_set(data, '{name}', '"Forged"') where stream_id = 'warehouse-W2'`,
    );
    const broken = await erpcore(schema.url, ['verify']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenStreamId: 'warehouse-W2' });
  });

  it('prints a stream state now or at a past time, and refuses bad arguments', async () => {
    const now = await erpcore(schema.url, ['state', 'warehouse-W1']);
    expect(now.code, now.stderr).toBe(0);
    expect(JSON.parse(now.stdout)).toEqual({
      streamId: 'warehouse-W1',
      revision: '0',
      state: { status: 'active', id: 'W1', name: 'Store W1', branchId: null },
    });
    const before = await erpcore(schema.url, [
      'state',
      'warehouse-W1',
      '--as-of',
      '2024-01-01T00:00:00Z',
    ]);
    expect(JSON.parse(before.stdout)).toMatchObject({
      revision: null,
      state: { status: 'absent' },
    });
    const bad = await erpcore(schema.url, ['state', 'warehouse-W1', '--at-position', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: erpcore audit/);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, createPostgresEventStore, type SqlClient } from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import { createReadDb } from '@erpcore/projections';
import { appendCatalogEvents, catchUpProjection } from '@erpcore/projections/testing';
import { allProjections } from '../projections.js';
import { runCli } from '../testing-capture.spec-helpers.js';

const up = await postgresAvailable();

describe.skipIf(!up)('erpcore audit replay, anchor, export and verify --file (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    schema = await createTestSchema('cli_audit');
    client = createPgClient({ pool: schema.pool });
    dir = await mkdtemp(join(tmpdir(), 'erpcore-audit-'));
    env = { DATABASE_URL: schema.url, LOG_LEVEL: 'error' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const store = createPostgresEventStore(client);
    await appendCatalogEvents(store, 60, 'w', 20);
    const db = createReadDb(client);
    for (const projection of allProjections) await catchUpProjection({ store, db, projection });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await client.close();
    await schema.drop();
  });

  it('replay: an untouched database passes (exit 0), a row edited in SQL is reported (exit 1)', async () => {
    const clean = await runCli(['audit', 'replay', '--projection', 'warehouses'], env);
    expect(clean.stderr).not.toMatch(/error/i);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ equal: true });

    await client.query(`update warehouses set name = 'edited in SQL' where id = 'w0'`);
    const edited = await runCli(['audit', 'replay'], env);
    expect(edited.code).toBe(1);
    const report = JSON.parse(edited.stdout) as {
      projections: { projection: string; equal: boolean; tables: unknown[] }[];
    };
    const warehouses = report.projections.find((p) => p.projection === 'warehouses');
    expect(warehouses?.tables).toEqual([
      expect.objectContaining({
        table: 'warehouses',
        onlyLive: 1,
        onlyReplayed: 1,
        liveRows: [expect.objectContaining({ id: 'w0', name: 'edited in SQL' })],
      }),
    ]);
    // Every other projection still equals its replay.
    expect(report.projections.filter((p) => !p.equal).map((p) => p.projection)).toEqual([
      'warehouses',
    ]);
    await client.query(`update warehouses set name = 'Warehouse 0' where id = 'w0'`);
  });

  it('export then verify --file: intact passes; a stream deleted with its head row fails both verifies', async () => {
    const exported = await runCli(['audit', 'export', '--from', '1970-01-01T00:00:00Z'], env);
    expect(exported.code).toBe(0);
    const file = join(dir, 'export.jsonl');
    await writeFile(file, exported.stdout);
    const ok = await runCli(['audit', 'verify', '--file', file], {});
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, checkedEvents: 60 });

    await client.query(`delete from events where stream_id = 'warehouse-w3'`);
    await client.query(`delete from streams where stream_id = 'warehouse-w3'`);
    const db = await runCli(['audit', 'verify'], env);
    expect(db.code).toBe(1);
    expect(JSON.parse(db.stdout)).toMatchObject({ ok: false, brokenEvents: 0 });
    const again = join(dir, 'after-delete.jsonl');
    await writeFile(again, (await runCli(['audit', 'export'], env)).stdout);
    const broken = await runCli(['audit', 'verify', '--file', again], {});
    expect(broken.code).toBe(1);
    expect(await readFile(again, 'utf8')).not.toContain('"streamId":"warehouse-w3"');
  });

  it('refuses bad arguments with the reason', async () => {
    const bad = await runCli(['audit', 'export', '--from', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/log position .* or an ISO-8601 time/);
    const unknown = await runCli(['audit', 'replay', '--projection', 'nope'], env);
    expect(unknown.stderr).toMatch(/known: .*warehouses/);
    const missing = await runCli(['audit', 'verify', '--file', join(dir, 'absent')], {});
    expect(missing.code).toBe(2);
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, countStatements, defaultConfig } from '@erpcore/api';
import { allProjections } from '@erpcore/cli';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { postgresAvailable, postgresUrl } from '@erpcore/eventstore/testing';
import {
  createProjectionProgress,
  createProjector,
  createReadDb,
  migrateReadModels,
  type ProjectionProgress,
  type Projector,
  type ReadDb,
} from '@erpcore/projections';

/**
 * Issue 10, finding 3: terminating the app's database backends (what a PostgreSQL restart, a
 * failover or a pooler does) crashed the API and the worker with an unhandled 'error' event.
 * Here an API and a projector run in this process on a database of this test's own (only ITS
 * backends are terminated), under a steady stream of writes, while every backend is terminated
 * three times. No 'error' escapes, every request gets an HTTP answer (201 or 503 `not_ready`),
 * every acknowledged write is in the log and projected, ownership of every projection is held
 * again, and readiness comes back.
 */
const up = await postgresAvailable();
const database = `erp_t_${randomBytes(6).toString('hex')}`;
const urlOf = (name: string): string => {
  const u = new URL(postgresUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

describe.skipIf(!up)('backend termination under load', () => {
  const escaped: unknown[] = [];
  const onEscape = (error: unknown): void => {
    escaped.push(error);
    if (process.env['DEBUG_ESCAPE'] === '1')
      console.error('ESCAPED', error instanceof Error ? error.stack : error);
  };
  const onRejection = (error: unknown): void => {
    escaped.push(error);
    if (process.env['DEBUG_ESCAPE'] === '1') console.error('REJECTED', error);
  };
  let admin: pg.Client;
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;
  let projector: Projector;
  let progress: ProjectionProgress;
  let app: FastifyInstance;
  let base = '';

  beforeAll(async () => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onRejection);
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    client = countStatements(createPgClient({ connectionString: urlOf(database), max: 6 }));
    await migrateEventStore(client);
    store = createPostgresEventStore(client, { pollIntervalMs: 50 });
    db = createReadDb(client);
    await migrateReadModels(db, allProjections);
    projector = createProjector({
      store,
      db,
      client,
      projections: allProjections,
      maxBatchWaitMs: 1,
      ownershipRetryMs: 100,
    });
    await projector.start();
    progress = createProjectionProgress({ db, client, store, projections: allProjections });
    app = await buildApp({
      store,
      db,
      client,
      progress,
      config: { ...defaultConfig, logLevel: 'silent' },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  afterAll(async () => {
    await app?.close();
    await projector?.stop().catch(() => undefined);
    await progress?.close();
    await db?.destroy();
    await client?.close();
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onRejection);
  });

  const terminate = async (): Promise<number> => {
    const { rows } = await admin.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0]?.n ?? 0;
  };

  it('keeps every acknowledged write, exits nothing, and recovers', async () => {
    const acknowledged: Array<{ id: string; position: string }> = [];
    const statuses = new Map<number, number>();
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const id = `WH-L${w}-${i}`;
        const response = await fetch(`${base}/v1/warehouses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, name: `loaded ${w} ${i}` }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const body = (await response.json()) as { position?: string };
        if (response.status === 201 && body.position !== undefined)
          acknowledged.push({ id, position: body.position });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      const before = acknowledged.length;
      while (acknowledged.length < before + 20) await new Promise((r) => setTimeout(r, 10));
      terminated += await terminate();
    }
    const settled = acknowledged.length;
    while (acknowledged.length < settled + 20) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(writers);

    expect(terminated).toBeGreaterThan(3);
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    // Every acknowledged write is in the log…
    for (const { id } of acknowledged)
      expect(await store.readStream(`warehouse-${id}`)).toHaveLength(1);
    // …and projected, by projectors that took their ownership again.
    const last = acknowledged.map((a) => BigInt(a.position)).reduce((a, b) => (a > b ? a : b));
    expect(await progress.waitFor(last, ['warehouses'], 30_000)).toBe(true);
    const listed = (await (await fetch(`${base}/v1/warehouses?limit=500`)).json()) as {
      items: Array<{ id: string }>;
    };
    const ids = new Set(listed.items.map((w) => w.id));
    expect(acknowledged.filter((a) => !ids.has(a.id))).toEqual([]);
    let locks = 0;
    for (let i = 0; i < 200 && locks < allProjections.length; i++) {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and l.granted and d.datname = $1`,
        [database],
      );
      locks = rows[0]?.n ?? 0;
      if (locks < allProjections.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(locks).toBe(allProjections.length);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect(escaped).toEqual([]);
  }, 60_000);
});

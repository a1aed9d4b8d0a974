import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '@erpcore/cli';
import { runInTransaction, upcasters, type SqlClient } from '@erpcore/eventstore';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import {
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

const up = await postgresAvailable();

const key = 'admin-key-0123456789abcdef';
const auth = { authorization: `Bearer ${key}` };
const stream = 'stock-P1@W1';

/**
 * Appends one event the way erpcore before StockAdjusted version 2 stored it: a plain SQL
 * INSERT of the row es_append wrote then (position from the transaction id, the stream's hash
 * chain extended with es_event_hash over exactly these bytes), metadata stamped schemaVersion 1.
 */
const insertV1Row = async (
  client: SqlClient,
  type: string,
  data: Record<string, unknown>,
): Promise<bigint> => {
  const metadata = {
    actor: 'erpcore-0.9',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  const conn = await client.acquire();
  try {
    return await runInTransaction(conn, async (tx) => {
      await tx.query(
        `insert into streams (stream_id, revision) values ($1, -1) on conflict (stream_id) do nothing`,
        [stream],
      );
      const { rows } = await tx.query<{ position: string }>(
        `with s as (select revision + 1 as revision, hash from streams where stream_id = $1 for update)
         insert into events (position, txid, stream_id, revision, event_id, type, data, metadata, hash)
         select pg_current_xact_id()::text::bigint * 1048576, pg_current_xact_id(), $1, s.revision,
                $2::uuid, $3, $4::jsonb, $5::jsonb,
                es_event_hash(s.hash, $1, s.revision, $2::uuid, $3, $4::jsonb, $5::jsonb)
           from s
         returning position::text as position`,
        [stream, randomUUID(), type, JSON.stringify(data), JSON.stringify(metadata)],
      );
      await tx.query(
        `update streams s set revision = e.revision, hash = e.hash
           from events e where e.position = $2 and s.stream_id = $1`,
        [stream, rows[0]!.position],
      );
      return BigInt(rows[0]!.position);
    });
  } finally {
    conn.release();
  }
};

/** `erpcore audit …` in process against the test schema; its exit code and JSON report. */
const erpcoreAudit = async (url: string, args: readonly string[]) => {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['audit', ...args], { DATABASE_URL: url, LOG_LEVEL: 'error' });
    return { code, report: JSON.parse(stdout) as Record<string, unknown> };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
};

describe.skipIf(!up)('a version 1 StockAdjusted stored by an older erpcore (PostgreSQL)', () => {
  let b: TestBackend;
  let server: TestServer;
  let v1At: bigint;
  const post = async (path: string, body: unknown) => {
    const answer = await call(server, 'POST', path, body, auth);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body as { position: string };
  };
  const get = async (path: string, minPosition: bigint | string) => {
    const answer = await call(server, 'GET', path, undefined, {
      ...auth,
      'x-min-position': minPosition.toString(),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    b = await openTestBackend('postgres', 'schema_evolution');
    server = await serveApp(b, { apiKeys: [{ name: 'root', role: 'admin', key }] });
    await post('/v1/warehouses', { id: 'W1', name: 'Main' });
    await post('/v1/products', { id: 'P1', name: 'Cloth', unit: 'm' });
    // The whole stock stream as the old version wrote it: a receipt, then a count of 6.5 that
    // found 3.5 missing — version 1 kept only the counted quantity and the variance.
    const at = { productId: 'P1', warehouseId: 'W1' };
    await insertV1Row(b.client, 'StockReceived', {
      ...at,
      quantity: '10',
      reference: 'GRN-1',
      balanceAfter: '10',
      reservedAfter: '0',
    });
    v1At = await insertV1Row(b.client, 'StockAdjusted', {
      ...at,
      countedQuantity: '6.5',
      quantity: '-3.5',
      reason: 'count',
      balanceAfter: '6.5',
      reservedAfter: '0',
    });
  });
  afterAll(async () => {
    await server?.close();
    await b?.close();
  });

  it('stays as stored (no bookQuantity, version 1) while every reader sees version 2', async () => {
    const { rows } = await b.client.query<{
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
    }>(`select data, metadata from events where position = $1`, [v1At]);
    expect(rows[0]?.data).not.toHaveProperty('bookQuantity');
    expect(rows[0]?.metadata).toMatchObject({ schemaVersion: 1 });

    const read = (await b.store.readStream(stream)).find((e) => e.type === 'StockAdjusted');
    expect(read?.data).toMatchObject({ bookQuantity: '10', countedQuantity: '6.5' });
    expect(read?.metadata.schemaVersion).toBe(upcasters.currentVersion('StockAdjusted'));
    expect(upcasters.currentVersion('StockAdjusted')).toBe(2);

    // The audit API reads through the same store: the stream's events and its replayed state.
    const events = (await get(`/v1/streams/${stream}/events`, v1At)) as {
      items: { type: string; data: unknown; metadata: { schemaVersion: number } }[];
    };
    expect(events.items.at(-1)).toMatchObject({
      type: 'StockAdjusted',
      data: { bookQuantity: '10' },
      metadata: { schemaVersion: 2 },
    });
    expect(await get(`/v1/audit/state/${stream}?atPosition=${v1At}`, v1At)).toMatchObject({
      revision: '1',
      state: { onHand: '6.5' },
    });
  });

  it('projects: the ledger shows the book quantity version 1 never stored', async () => {
    const ledger = (await get('/v1/products/P1/ledger', v1At)) as { items: unknown[] };
    expect(ledger.items).toEqual([
      expect.objectContaining({ kind: 'receipt', quantity: '10', bookQuantity: null }),
      expect.objectContaining({
        kind: 'adjustment',
        quantity: '-3.5',
        balanceAfter: '6.5',
        reference: 'count',
        bookQuantity: '10',
      }),
    ]);
  });

  it('decides: commands on the stream load its version 1 state and write version 2', async () => {
    // The stock stream's state is read from its last event: the upcast version 1 count.
    const issued = await post('/v1/stock/issues', {
      productId: 'P1',
      warehouseId: 'W1',
      quantity: '1.5',
    });
    const counted = await post('/v1/stock/adjustments', {
      productId: 'P1',
      warehouseId: 'W1',
      countedQuantity: '4',
      reason: 'recount',
    });
    expect(await get('/v1/products/P1/stock', counted.position)).toMatchObject({ onHand: '4' });
    const ledger = (await get('/v1/products/P1/ledger', counted.position)) as { items: unknown[] };
    expect(ledger.items.slice(2)).toEqual([
      expect.objectContaining({ position: issued.position, kind: 'issue', balanceAfter: '5' }),
      expect.objectContaining({ kind: 'adjustment', quantity: '-1', bookQuantity: '5' }),
    ]);
    const { rows } = await b.client.query<{
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
    }>(`select data, metadata from events where stream_id = $1 and revision = 3`, [stream]);
    expect(rows[0]).toMatchObject({ data: { bookQuantity: '5' }, metadata: { schemaVersion: 2 } });
  });

  it('audit verify and audit replay pass: hashes cover the stored bytes, replays upcast', async () => {
    const url = b.url!;
    const { rows } = await b.client.query<{ n: string }>(`select count(*)::text as n from events`);
    const verify = await erpcoreAudit(url, ['verify']);
    expect(verify.report).toMatchObject({
      ok: true,
      checkedEvents: Number(rows[0]!.n),
      brokenEvents: 0,
    });
    expect(verify.code).toBe(0);
    const replay = await erpcoreAudit(url, ['replay', '--projection', 'stock_ledger']);
    // Compared at the head: both sides read every event, the version 1 ones included (a side
    // stopped at an unreadable event would compare an earlier position).
    expect(replay.report).toMatchObject({
      equal: true,
      projections: [
        { projection: 'stock_ledger', position: (await b.store.headPosition()).toString() },
      ],
    });
    expect(replay.code).toBe(0);
  });

  it('a version newer than this erpcore reads is poison, never folded', async () => {
    const newer = upcasters.currentVersion('StockAdjusted') + 1;
    const { rows } = await b.client.query<{ position: string }>(
      `update events set metadata = jsonb_set(metadata, '{schemaVersion}', $2::text::jsonb)
        where stream_id = $1 and revision = 3 returning position::text as position`,
      [stream, String(newer)],
    );
    const refused = await call(
      server,
      'POST',
      '/v1/stock/issues',
      { productId: 'P1', warehouseId: 'W1', quantity: '1' },
      auth,
    );
    // A fault of the stored log, not of the request: 500, and nothing written.
    expect(refused.status).toBe(500);
    expect(refused.body).toMatchObject({ error: { code: 'internal_error' } });
    const head = await b.client.query<{ revision: string }>(
      `select revision::text as revision from streams where stream_id = $1`,
      [stream],
    );
    expect(head.rows[0]?.revision).toBe('3');
    await expect(b.store.readStream(stream)).rejects.toThrow(
      new RegExp(`schema version ${newer} of StockAdjusted is newer than this erpcore reads`),
    );
    expect(rows).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, EventToAppend } from '../event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';

const up = await postgresAvailable();

const event = (type: string, data: unknown): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    actor: 'tester',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2024-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

interface Backend {
  readonly client: SqlClient;
  readonly store: EventStore;
  close(): Promise<void>;
}

const openPglite = async (): Promise<Backend> => {
  const client = await createPgliteClient();
  await migrateEventStore(client);
  return { client, store: createPostgresEventStore(client), close: () => client.close() };
};

const openPg = async (): Promise<Backend> => {
  const schema: TestSchema = await createTestSchema('hash_chain');
  const client = createPgClient({ pool: schema.pool });
  await migrateEventStore(client);
  return {
    client,
    store: createPostgresEventStore(client),
    close: async () => {
      await client.close();
      await schema.drop();
    },
  };
};

const positionOf = async (
  client: SqlClient,
  streamId: string,
  revision: number,
): Promise<bigint> => {
  const { rows } = await client.query<{ p: string }>(
    'select position::text as p from events where stream_id = $1 and revision = $2',
    [streamId, revision],
  );
  return BigInt(rows[0]?.p ?? '-1');
};

describe.each([
  { name: 'PGlite', open: openPglite, skip: false },
  { name: 'PostgreSQL', open: openPg, skip: !up },
])('hash chain on $name', ({ open, skip }) => {
  let b: Backend;
  // Each test gets streams of its own and repairs nothing: it opens a fresh backend when it tampers.
  beforeAll(async () => {
    if (!skip) b = await open();
  });
  afterAll(async () => {
    await b?.close();
  });

  const seed = async (store: EventStore, tag: string): Promise<readonly string[]> => {
    const a = `order-${tag}`;
    const c = `customer-${tag}`;
    await store.appendToStream(a, [event('Placed', { total: '1.50', items: [1, 2] })], {
      expectedRevision: 'no_stream',
    });
    await store.appendMulti([
      {
        streamId: a,
        events: [event('Confirmed', { at: 'x' }), event('Noted', { n: 1 })],
        expectedRevision: 0n,
      },
      { streamId: c, events: [event('Charged', { amount: '1.50' })], expectedRevision: 'any' },
    ]);
    await store.appendToStream(a, [event('Delivered', { ok: true })], { expectedRevision: 2n });
    return [a, c];
  };

  it.skipIf(skip)(
    'every appended event has a 32-byte hash and its stream records the last',
    async () => {
      const [a] = await seed(b.store, 'h');
      const { rows } = await b.client.query<{ n: string; len: number; head_ok: boolean }>(
        `select count(*)::text as n, min(length(e.hash)) as len,
              bool_and(s.hash = (select hash from events where stream_id = s.stream_id and revision = s.revision)) as head_ok
         from events e join streams s using (stream_id) where e.stream_id = $1`,
        [a],
      );
      expect(rows[0]).toMatchObject({ n: '4', len: 32, head_ok: true });
      expect(await b.store.verify?.()).toMatchObject({
        ok: true,
        checkedEvents: 5,
        brokenEvents: 0,
      });
    },
  );

  it.skipIf(skip)(
    'migrating again keeps the chain and back-fills a log written without it',
    async () => {
      await migrateEventStore(b.client);
      expect((await b.store.verify?.())?.ok).toBe(true);
      // A pre-tamper-evidence log: drop the columns, migrate, and the back-fill rebuilds the same hashes.
      const before = await b.client.query<{ h: string }>(
        `select string_agg(encode(hash, 'hex'), ',' order by position) as h from events`,
      );
      await b.client.query(
        'alter table events drop column hash; alter table streams drop column hash',
      );
      await migrateEventStore(b.client);
      const after = await b.client.query<{ h: string }>(
        `select string_agg(encode(hash, 'hex'), ',' order by position) as h from events`,
      );
      expect(after.rows[0]?.h).toBe(before.rows[0]?.h);
      expect((await b.store.verify?.({ pageSize: 2 }))?.ok).toBe(true);
    },
  );

  it.skipIf(skip)('an UPDATE of one event is found at its position', async () => {
    const t = await open();
    try {
      const [a] = await seed(t.store, 'u');
      const target = await positionOf(t.client, a!, 1);
      await t.client.query(
        `update events set data = jsonb_set(data, '{at}', '"y"') where position = $1`,
        [target],
      );
      expect(await t.store.verify?.({ pageSize: 2 })).toMatchObject({
        ok: false,
        checkedEvents: 5,
        brokenEvents: 1,
        firstBrokenPosition: target,
        brokenStreamId: a,
      });
      // Metadata is covered too, and so is a forged hash: the next event no longer links to it.
      await t.client.query(
        `update events set data = jsonb_set(data, '{at}', '"x"'), metadata = jsonb_set(metadata, '{actor}', '"mallory"') where position = $1`,
        [target],
      );
      expect((await t.store.verify?.())?.firstBrokenPosition).toBe(target);
    } finally {
      await t.close();
    }
  });

  it.skipIf(skip)('a DELETE in the middle, of a tail or of a whole stream is found', async () => {
    const t = await open();
    try {
      const [a, c] = await seed(t.store, 'd');
      const third = await positionOf(t.client, a!, 3);
      await t.client.query('delete from events where stream_id = $1 and revision = 2', [a]);
      expect(await t.store.verify?.()).toMatchObject({
        ok: false,
        checkedEvents: 4,
        firstBrokenPosition: third,
        brokenStreamId: a,
      });
      await t.client.query('delete from events where stream_id = $1', [a]);
      await t.client.query('delete from events where stream_id = $1', [c]);
      const gone = await t.store.verify?.();
      expect(gone).toMatchObject({ ok: false, checkedEvents: 0, brokenEvents: 0 });
      expect([a, c]).toContain(gone?.brokenStreamId);
      expect(gone?.firstBrokenPosition).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it.skipIf(skip)('two events of a stream swapped (a reorder) are found', async () => {
    const t = await open();
    try {
      const [a] = await seed(t.store, 's');
      // Swap the data of revisions 1 and 2 (a reorder): both hashes stop matching.
      const p1 = await positionOf(t.client, a!, 1);
      await t.client.query(
        `update events e set data = o.data, type = o.type from events o
          where e.stream_id = $1 and o.stream_id = $1 and e.revision + o.revision = 3 and e.revision in (1, 2)`,
        [a],
      );
      expect(await t.store.verify?.()).toMatchObject({ ok: false, firstBrokenPosition: p1 });
    } finally {
      await t.close();
    }
  });
});

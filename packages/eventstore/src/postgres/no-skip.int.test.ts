import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../event-store.contract.js';
import type { EventStore, StoredEvent } from '../event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { appendWithin } from './append-sql.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';

const up = await postgresAvailable();
const writers = 8;
const appendsPerWriter = 12;

/**
 * The no-skip property on a real PostgreSQL: writers take their txid and position, then hold the
 * transaction open a random few milliseconds before committing, so commits land out of position
 * order. A subscriber running meanwhile must still see every event once, positions increasing.
 * With group commit, half the writers append through the store instead, so its shared
 * transactions commit in between the held ones.
 */
describe.skipIf(!up).each([{ groupCommit: false }, { groupCommit: true }])(
  'PostgreSQL (pg) no-skip under concurrency, group commit $groupCommit',
  ({ groupCommit }) => {
    let schema: TestSchema;
    let client: SqlClient;
    let store: EventStore;

    beforeAll(async () => {
      schema = await createTestSchema('no-skip');
      client = createPgClient({ connectionString: schema.url, max: writers + 2 });
      await migrateEventStore(client);
      store = createPostgresEventStore(client, { pollIntervalMs: 20, groupCommit });
    });
    afterAll(async () => {
      await client?.close();
      await schema?.drop();
    });

    const mode = groupCommit ? 'group commit on' : 'group commit off';
    it(`[PostgreSQL (pg), ${mode}] ${writers} concurrent appenders${groupCommit ? ', half through the store,' : ''} holding transactions open: every event delivered once, in increasing position order`, async () => {
      const total = writers * appendsPerWriter * 2;
      // The schema is this file's own and empty: follow it from the start.
      const subscription = store.subscribeToAll({
        fromPosition: 0n,
        batchSize: 7,
      });
      const delivered: StoredEvent[] = [];
      const consuming = (async () => {
        for await (const event of subscription) delivered.push(event);
      })();

      const appended: string[] = [];
      let lastPosition = 0n;
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const events = [testEvent('W', { w, i }), testEvent('W', { w, i })];
          if (groupCommit && w % 2 === 0) {
            // Through the store: appends of several writers share a transaction.
            await new Promise((r) => setTimeout(r, Math.random() * 6));
            const { position } = await store.appendToStream(`writer-${w}`, events, {
              expectedRevision: i === 0 ? 'no_stream' : BigInt(2 * i - 1),
            });
            if (position > lastPosition) lastPosition = position;
            appended.push(...events.map((e) => e.eventId));
            continue;
          }
          await client.transaction(async (tx) => {
            await tx.query('select pg_sleep($1)', [Math.random() * 0.003]);
            const { position } = await appendWithin(tx, [
              { streamId: `writer-${w}`, events, expectedRevision: 'any' },
            ]);
            if (position > lastPosition) lastPosition = position;
            // The hazard: position taken, commit delayed while others commit.
            await tx.query('select pg_sleep($1)', [0.001 + Math.random() * 0.008]);
          });
          appended.push(...events.map((e) => e.eventId));
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      // Every writer has committed: the subscriber must reach the highest position written (once
      // no older transaction in the cluster runs). Stop there, so a skipped event fails the
      // assertions below instead of hanging.
      while ((delivered[delivered.length - 1]?.position ?? 0n) < lastPosition)
        await new Promise((r) => setTimeout(r, 5));
      await subscription.stop();
      await consuming;
      expect(delivered).toHaveLength(total);

      const ids = delivered.map((e) => e.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(appended));
      for (let i = 1; i < delivered.length; i++)
        expect(delivered[i]!.position > delivered[i - 1]!.position).toBe(true);
      // Per stream, revisions arrive gap-free and in order too.
      for (let w = 0; w < writers; w++) {
        const revisions = delivered
          .filter((e) => e.streamId === `writer-${w}`)
          .map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
      }
    });
  },
);

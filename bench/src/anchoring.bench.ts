/**
 * What anchoring costs appends (docs/audit.md): the same append load with and without an anchorer
 * calling es_anchor every 100 ms beside it, alternated in short rounds in the same run, plus how
 * long one anchoring of N new events takes. es_append itself is unchanged by anchoring; this
 * measures the interference of the anchorer's reads and its advisory lock.
 */
import { randomUUID } from 'node:crypto';
import {
  anchorEventLog,
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventToAppend,
} from '@erpcore/eventstore';
import { postgresUrl } from '@erpcore/eventstore/testing';
import { benchMetadata } from './bench-events.js';
import { openBenchSchema } from './bench-schema.js';

const roundMs = 1_500;
const rounds = 3;
const metadata = benchMetadata();
const event = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'StockReceived',
  data: { productId: `p-${i % 97}`, warehouseId: 'w-1', quantity: '12.500', reference: `grn-${i}` },
  metadata,
});

export const run = async (): Promise<void> => {
  const schema = await openBenchSchema('anchoring', process.env['DATABASE_URL'] ?? postgresUrl);
  const client = createPgClient({ connectionString: schema.url, max: 12 });
  try {
    await migrateEventStore(client);
    const store = createPostgresEventStore(client);
    let stream = 0;
    /** `writers` loops appending one event each to streams of their own for `roundMs`. */
    const appendFor = async (writers: number): Promise<number> => {
      let events = 0;
      const deadline = performance.now() + roundMs;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          const id = `a-${stream++}`;
          let revision = -1n;
          while (performance.now() < deadline) {
            const r = await store.appendToStream(id, [event(events)], {
              expectedRevision: revision === -1n ? 'no_stream' : revision,
            });
            revision = r.nextRevision;
            events++;
          }
        }),
      );
      return events / (roundMs / 1000);
    };
    const anchoringFor = async <T>(
      work: () => Promise<T>,
    ): Promise<{ result: T; anchors: number }> => {
      let stop = false;
      let anchors = 0;
      const anchorer = (async () => {
        while (!stop) {
          await anchorEventLog(client);
          anchors++;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      try {
        return { result: await work(), anchors };
      } finally {
        stop = true;
        await anchorer;
      }
    };
    await appendFor(4); // warm-up
    const lines: string[] = [
      '',
      'Appends/s with and without an anchorer (es_anchor every 100 ms), same run',
      '',
    ];
    for (const writers of [1, 8]) {
      const without: number[] = [];
      const withA: number[] = [];
      for (let r = 0; r < rounds; r++) {
        without.push(await appendFor(writers));
        withA.push((await anchoringFor(() => appendFor(writers))).result);
      }
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      lines.push(
        `${writers} writer(s) × 1 event: without ${mean(without).toFixed(0)} ev/s, with ${mean(withA).toFixed(0)} ev/s (${((mean(withA) / mean(without)) * 100).toFixed(0)}%)`,
      );
    }
    // One anchoring over a backlog: the whole log since the previous anchor.
    await client.query('truncate anchors');
    const { rows } = await client.query<{ n: string }>('select count(*)::text as n from events');
    const t0 = performance.now();
    await anchorEventLog(client);
    const ms = performance.now() - t0;
    lines.push(`one es_anchor over ${rows[0]?.n ?? '?'} events: ${ms.toFixed(0)} ms`, '');
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await client.close();
    await schema.close({ keep: false });
  }
};

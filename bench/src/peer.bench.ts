/**
 * `npm run bench -- peer`: erpcore's PostgreSQL event store beside Emmett's
 * (`@event-driven-io/emmett-postgresql`, a dev dependency of bench/ only) and a raw one-row INSERT
 * per transaction, all in the same run on the same database, each in a schema of its own:
 * - appends of one event with 1 and 10 writers (rounds alternate the three, so load from anything
 *   else on the machine falls on all alike);
 * - events lost by a live subscriber while 10 writers append (erpcore's subscribeToAll, Emmett's
 *   consumer with a reactor), counted once the writers stopped and each reader went quiet;
 * - catch-up: one subscriber reading the whole log from the start (no work per event).
 */
import { randomUUID } from 'node:crypto';
import {
  getPostgreSQLEventStore,
  postgreSQLEventStoreConsumer,
} from '@event-driven-io/emmett-postgresql';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { postgresUrl } from '@erpcore/eventstore/testing';
import { benchMetadata } from './bench-events.js';
import { openBenchSchema } from './bench-schema.js';
import { recordSection, type Figure } from './report/results.js';
import { summarize } from './stats.js';

const roundMs = Number(process.env['BENCH_PEER_ROUND_MS'] ?? 2_000);
const rounds = 3;
const lossMs = Number(process.env['BENCH_PEER_LOSS_MS'] ?? 4_000);

type Append = (writer: number, i: number) => Promise<void>;

/** `writers` loops of `append` for `ms`; appends per second and latencies. */
const drive = async (writers: number, ms: number, append: Append) => {
  const started = performance.now();
  const latencies: number[] = [];
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() - started < ms) {
        const t0 = performance.now();
        await append(w, count);
        latencies.push(performance.now() - t0);
        count += 1;
      }
    }),
  );
  return { count, seconds: (performance.now() - started) / 1000, latencies };
};

const data = (i: number) => ({
  productId: `p-${i % 97}`,
  warehouseId: 'w-1',
  quantity: '12.500',
  balanceAfter: `${i}.000`,
  reference: `grn-${i}`,
});

const erpcoreAppender = (store: EventStore, tag: string): Append => {
  const revisions = new Map<number, bigint>();
  const metadata = benchMetadata();
  return async (w, i) => {
    const expected = revisions.get(w);
    const result = await store.appendToStream(
      `${tag}-${w}`,
      [{ eventId: randomUUID(), type: 'StockReceived', data: data(i), metadata }],
      { expectedRevision: expected ?? 'no_stream' },
    );
    revisions.set(w, result.nextRevision);
  };
};

type Emmett = ReturnType<typeof getPostgreSQLEventStore>;
const emmettAppender = (store: Emmett, tag: string): Append => {
  const versions = new Map<number, bigint>();
  return async (w, i) => {
    const result = await store.appendToStream(
      `${tag}-${w}`,
      [{ type: 'StockReceived', data: data(i) }],
      versions.has(w) ? { expectedStreamVersion: versions.get(w)! } : {},
    );
    versions.set(w, result.nextExpectedStreamVersion);
  };
};

const rawAppender = (client: SqlClient, tag: string): Append => {
  const revisions = new Map<number, number>();
  const metadata = JSON.stringify(benchMetadata());
  return async (w, i) => {
    const revision = revisions.get(w) ?? 0;
    await client.query(
      `insert into events_raw (position, txid, stream_id, revision, event_id, type, data, metadata)
       values (nextval('raw_position'), pg_current_xact_id(), $1, $2, $3, 'StockReceived', $4, $5)`,
      [`${tag}-${w}`, revision, randomUUID(), JSON.stringify(data(i)), metadata],
    );
    revisions.set(w, revision + 1);
  };
};

/**
 * Appends a sentinel with `append` every 500 ms until `live()` says the subscriber received one;
 * throws after 60 s, so a subscriber that never starts cannot be reported as losing everything.
 */
const untilLive = async (
  name: string,
  live: () => boolean,
  append: () => Promise<void>,
): Promise<void> => {
  const deadline = performance.now() + 60_000;
  while (!live()) {
    if (performance.now() > deadline)
      throw new Error(`${name}'s live subscriber received nothing within 60 s`);
    await append();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

/** Waits until `count()` stops changing for `quietMs`. */
const settle = async (count: () => number, quietMs: number): Promise<void> => {
  let last = -1;
  let since = performance.now();
  while (performance.now() - since < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (count() !== last) {
      last = count();
      since = performance.now();
    }
  }
};

export const run = async (): Promise<void> => {
  const startedAt = new Date();
  const baseUrl = process.env['BENCH_DATABASE_URL'] ?? postgresUrl;
  const ours = await openBenchSchema('peer_erpcore', baseUrl);
  const peer = await openBenchSchema('peer_emmett', baseUrl);
  const client = createPgClient({ connectionString: ours.url, max: 10 });
  const emmett = getPostgreSQLEventStore(peer.url);
  const out = process.stdout;
  try {
    await migrateEventStore(client);
    await client.query(
      'create table events_raw (like events including all); create sequence raw_position',
    );
    await emmett.schema.migrate();
    const store = createPostgresEventStore(client);
    const figures: Figure[] = [];

    for (const writers of [1, 10]) {
      const sides = {
        erpcore: { count: 0, seconds: 0, latencies: [] as number[] },
        emmett: { count: 0, seconds: 0, latencies: [] as number[] },
        raw: { count: 0, seconds: 0, latencies: [] as number[] },
      };
      // Warm connections and plans on every side.
      await drive(writers, 200, erpcoreAppender(store, `warm${writers}`));
      await drive(writers, 200, emmettAppender(emmett, `warm${writers}`));
      await drive(writers, 200, rawAppender(client, `warm${writers}`));
      for (let r = 0; r < rounds; r++) {
        process.stderr.write(`appends, ${writers} writer(s): round ${r + 1}/${rounds}\n`);
        for (const [name, append] of [
          ['erpcore', erpcoreAppender(store, `w${writers}r${r}`)],
          ['emmett', emmettAppender(emmett, `w${writers}r${r}`)],
          ['raw', rawAppender(client, `w${writers}r${r}`)],
        ] as const) {
          const m = await drive(writers, roundMs, append);
          sides[name].count += m.count;
          sides[name].seconds += m.seconds;
          sides[name].latencies.push(...m.latencies);
        }
      }
      const rate = (s: { count: number; seconds: number }) => s.count / s.seconds;
      const p99 = (s: { latencies: number[] }) => summarize(s.latencies).p99;
      out.write(
        `appends of 1 event, ${writers} writer(s): erpcore ${Math.round(rate(sides.erpcore))}/s (p99 ${p99(sides.erpcore).toFixed(1)} ms), Emmett ${Math.round(rate(sides.emmett))}/s (p99 ${p99(sides.emmett).toFixed(1)} ms), raw INSERT ${Math.round(rate(sides.raw))}/s (p99 ${p99(sides.raw).toFixed(1)} ms)\n` +
          `  erpcore/Emmett ${(rate(sides.erpcore) / rate(sides.emmett)).toFixed(2)}×, erpcore/raw ${(rate(sides.erpcore) / rate(sides.raw)).toFixed(2)}×\n`,
      );
      figures.push(
        {
          name: `erpcore appends, ${writers} writer(s) (vs Emmett)`,
          value: rate(sides.erpcore),
          unit: 'appends/s',
          higherIsBetter: true,
          baseline: {
            name: `Emmett 0.42 appends, ${writers} writer(s)`,
            value: rate(sides.emmett),
          },
          ...(writers === 10
            ? { target: '≥ 2× the peer', met: rate(sides.erpcore) >= 2 * rate(sides.emmett) }
            : {}),
        },
        {
          name: `erpcore appends, ${writers} writer(s) (vs raw INSERT)`,
          value: rate(sides.erpcore),
          unit: 'appends/s',
          higherIsBetter: true,
          baseline: {
            name: `raw one-row INSERT per transaction, ${writers} connection(s)`,
            value: rate(sides.raw),
          },
        },
        {
          name: `erpcore append p99, ${writers} writer(s)`,
          value: p99(sides.erpcore),
          unit: 'ms',
          higherIsBetter: false,
          baseline: { name: `Emmett append p99, ${writers} writer(s)`, value: p99(sides.emmett) },
        },
      );
    }

    // Lost events: a live subscriber on each store while 10 writers append.
    process.stderr.write('events lost by a live subscriber under 10 concurrent writers\n');
    const { rows: headRows } = await client.query<{ head: string }>(
      'select coalesce(max(position), 0)::text as head from events',
    );
    const seenOurs = new Set<string>();
    const subscription = store.subscribeToAll({ fromPosition: BigInt(headRows[0]?.head ?? '0') });
    let oursLive = false;
    const reading = (async () => {
      for await (const event of subscription) {
        if (event.streamId.startsWith('loss-')) seenOurs.add(event.eventId);
        else if (event.streamId.startsWith('live-check')) oursLive = true;
      }
    })();
    const seenPeer = new Set<string>();
    let peerLive = false;
    const consumer = postgreSQLEventStoreConsumer({ connectionString: peer.url });
    consumer.reactor({
      processorId: `loss-${process.pid}`,
      startFrom: 'END',
      eachMessage: async (message: { metadata: { streamName: string; messageId: string } }) => {
        if (message.metadata.streamName.startsWith('loss-'))
          seenPeer.add(message.metadata.messageId);
        else if (message.metadata.streamName === 'live-check') peerLive = true;
      },
    });
    const consuming = consumer.start();
    // A consumer that failed would count every event as lost: say so rather than report it.
    consuming.catch((e: unknown) =>
      process.stderr.write(`Emmett's consumer failed (its losses mean nothing): ${String(e)}\n`),
    );
    // Both subscribers must be live before the writers start: each must have received an event
    // appended after it started. Emmett's consumer reads where the log ends only once its start
    // has run, which a fixed pause did not always cover: it then counted every event as lost.
    const ourCheck = erpcoreAppender(store, 'live-check');
    let checks = 0;
    await untilLive(
      'erpcore',
      () => oursLive,
      () => ourCheck(0, checks++),
    );
    await untilLive(
      'Emmett',
      () => peerLive,
      async () => {
        await emmett.appendToStream('live-check', [{ type: 'StockReceived', data: data(0) }]);
      },
    );
    const [wroteOurs, wrotePeer] = await Promise.all([
      drive(10, lossMs, erpcoreAppender(store, 'loss')),
      drive(10, lossMs, emmettAppender(emmett, 'loss')),
    ]);
    await settle(() => seenOurs.size + seenPeer.size, 3_000);
    await subscription.stop();
    await reading;
    await consumer.stop();
    await consuming.catch(() => undefined);
    const lostOurs = wroteOurs.count - seenOurs.size;
    const lostPeer = wrotePeer.count - seenPeer.size;
    out.write(
      `live subscriber under 10 writers at once: erpcore lost ${lostOurs} of ${wroteOurs.count}, Emmett lost ${lostPeer} of ${wrotePeer.count} (${((100 * lostPeer) / Math.max(1, wrotePeer.count)).toFixed(1)}%)\n`,
    );
    figures.push({
      name: `erpcore events lost by a live subscriber (of ${wroteOurs.count})`,
      value: lostOurs,
      unit: 'events',
      higherIsBetter: false,
      baseline: { name: `Emmett events lost (of ${wrotePeer.count})`, value: lostPeer },
      target: 'erpcore loses none',
      met: lostOurs === 0,
    });

    // Catch-up: one subscriber from the start to the end of each log (no work per event).
    const catchUp = async (label: string, read: () => Promise<number>) => {
      const t0 = performance.now();
      const n = await read();
      const s = (performance.now() - t0) / 1000;
      process.stderr.write(`${label}: ${n} events in ${s.toFixed(1)} s\n`);
      return { n, rate: n / s };
    };
    const { rows: endRows } = await client.query<{ head: string }>(
      'select coalesce(max(position), 0)::text as head from events',
    );
    const end = BigInt(endRows[0]?.head ?? '0');
    const ourCatchUp = await catchUp('erpcore catch-up', async () => {
      let n = 0;
      const sub = store.subscribeToAll({ fromPosition: 0n, batchSize: 1000 });
      for await (const event of sub) {
        n += 1;
        if (event.position >= end) break;
      }
      await sub.stop();
      return n;
    });
    const peerCatchUp = await catchUp('Emmett catch-up', async () => {
      let n = 0;
      const reader = postgreSQLEventStoreConsumer({
        connectionString: peer.url,
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize: 1000 },
      });
      reader.reactor({
        processorId: `catchup-${process.pid}`,
        startFrom: 'BEGINNING',
        eachMessage: async () => {
          n += 1;
        },
      });
      await reader.start();
      await reader.close();
      return n;
    });
    out.write(
      `catch-up of one subscriber from the start: erpcore ${Math.round(ourCatchUp.rate)} ev/s over ${ourCatchUp.n}, Emmett ${Math.round(peerCatchUp.rate)} ev/s over ${peerCatchUp.n}\n`,
    );
    figures.push({
      name: 'erpcore subscriber catch-up from the start',
      value: ourCatchUp.rate,
      unit: 'ev/s',
      higherIsBetter: true,
      baseline: { name: 'Emmett consumer (reactor) catch-up', value: peerCatchUp.rate },
    });

    await recordSection({
      bench: 'peer',
      title: "Event store beside the peer (Emmett 0.42's PostgreSQL store) and a raw INSERT",
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      conditions: [
        `appends: 1 event each, expected revision checked, ${rounds} rounds of ${roundMs} ms per side alternating (BENCH_PEER_ROUND_MS), pool of 10 (erpcore, raw) / Emmett's default pool`,
        'raw: one-row INSERT per transaction into a copy of erpcore’s events table',
        `lost: 10 writers per store for ${lossMs} ms (BENCH_PEER_LOSS_MS) at once, one live subscriber each started at the end of the log and shown live (it received a sentinel appended after it started) before the writers start, counted after 3 s of quiet`,
        'catch-up: one subscriber from the start of each store’s whole log (the events above), no work per event, pages of 1,000',
        'PostgreSQL on this machine, 2 shared cores; each store in its own schema',
      ],
      figures,
    });
  } finally {
    await emmett.close();
    await client.close();
    await ours.close();
    await peer.close();
  }
};

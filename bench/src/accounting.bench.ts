/**
 * `npm run bench -- accounting`: the chart of accounts.
 *  1. Reads over 5,000 accounts up to depth 10: GET /v1/accounts/:id and the whole-tree list
 *     (GET /v1/accounts, pages of 500) next to the predecessor's read — the account row, then one
 *     query per ancestor to build its path — interleaved request by request in the same run.
 *  2. The projection side of moving (and renaming) a subtree of 1,000 accounts.
 *  3. Command latency on a chart of 10,000 accounts: folding the history per command, the SQL
 *     snapshot alone, and the API's strategy (in-process snapshot, durable every 100 events).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';
import {
  asId,
  chartDecider,
  chartEventC,
  chartStateC,
  type AccountId,
  type AccountName,
  type ChartCommand,
  type ChartEvent,
  type ChartState,
  type JournalEntryId,
  Money,
} from '@erpcore/domain';
import { chartLoad, createChartDurableSnapshots, createChartSnapshots } from '@erpcore/application';
import { doc, statementsFromHeader, withStatementTally } from '@erpcore/api';
import {
  createSqlSnapshotStore,
  handleCommand,
  loadStream,
  type EventStore,
  type LoadStrategy,
  type SqlClient,
  whileStateLoads,
} from '@erpcore/eventstore';
import { accountingProjections, catchUpProjection, type ReadDb } from '@erpcore/projections';
import { chartShape, seedChart, type ChartShape } from './accounting-seed.js';
import { buildBenchApp, timeGet, type TimedRequests } from './bench-app.js';
import { benchCommandContext, benchMetadata } from './bench-events.js';
import { openBenchStorage, type BenchStorage } from './bench-schema.js';
import { bar, createProgress } from './progress.js';
import { random } from './sales-seed.js';
import { summarize, type Summary } from './stats.js';

const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? 5_000);
const maxDepth = Number(process.env['BENCH_DEPTH'] ?? 10);
const postings = Number(process.env['BENCH_POSTINGS'] ?? 5_000);
const requests = Number(process.env['BENCH_REQUESTS'] ?? 1_000);
const treeRounds = Number(process.env['BENCH_TREE_ROUNDS'] ?? 3);
const commandAccounts = Number(process.env['BENCH_COMMAND_ACCOUNTS'] ?? 10_000);
const coldRounds = Number(process.env['BENCH_COLD_ROUNDS'] ?? 60);
/**
 * `cold`: only the command chart's cold-process figure (seed it, snapshot it, measure);
 * `commands`: the whole command side (fold, SQL snapshot, cold, API strategy), nothing before it.
 */
const only = process.env['BENCH_ACCOUNTING_ONLY'];
const out = process.stdout;
const ms = (n: number): string => `${n.toFixed(2).padStart(8)}ms`;

/** The predecessor's reads: an account row, then its parent, its parent's parent… one query each. */
const naiveRoutes = (app: FastifyInstance, client: SqlClient): void => {
  const row = async (id: string) =>
    (
      await client.query<{ id: string; parent_id: string | null; name: string; balance: string }>(
        'select id, parent_id, name, balance::text as balance from account_tree where id = $1',
        [id],
      )
    ).rows[0];
  const withPath = async (account: {
    id: string;
    parent_id: string | null;
    name: string;
    balance: string;
  }) => {
    const names = [account.name];
    for (let parent = account.parent_id; parent !== null;) {
      const up = await row(parent);
      if (up === undefined) break;
      names.unshift(up.name);
      parent = up.parent_id;
    }
    return {
      id: account.id,
      parentId: account.parent_id,
      path: names.join(' > '),
      depth: names.length - 1,
      balance: account.balance,
    };
  };
  // The app refuses undocumented routes; the comparison routes are documented like any other.
  const accountDoc = doc('bench', 'An account, its path walked up one parent at a time', {
    operationId: 'benchNaiveAccount',
    role: 'auditor',
  });
  const treeDoc = doc('bench', 'Every account, each path walked up (the naive tree)', {
    operationId: 'benchNaiveTree',
    role: 'auditor',
  });
  app.get('/bench/naive-account/:id', { schema: accountDoc }, async (request) => {
    const account = await row((request.params as { id: string }).id);
    return account === undefined ? {} : withPath(account);
  });
  // The whole tree: every account, each with its path walked up (1 + Σ depth statements).
  app.get('/bench/naive-tree', { schema: treeDoc }, async () => {
    const { rows } = await client.query<{
      id: string;
      parent_id: string | null;
      name: string;
      balance: string;
    }>('select id, parent_id, name, balance::text as balance from account_tree');
    const items = [];
    for (const account of rows) items.push(await withPath(account));
    return { items: items.sort((a, b) => (a.path < b.path ? -1 : 1)) };
  });
};

/** GET /v1/accounts from the first page to the last; one sample is the whole walk. */
const wholeTree = async (app: FastifyInstance, into: TimedRequests): Promise<number> => {
  const started = performance.now();
  let cursor: string | null = null;
  let count = 0;
  let statements = 0;
  do {
    const url: string = `/v1/accounts?limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await app.inject({ method: 'GET', url });
    const page = JSON.parse(response.body) as { items: unknown[]; nextCursor: string | null };
    statements +=
      statementsFromHeader(response.headers['server-timing'] as string | undefined) ?? Number.NaN;
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  into.latencies.push(performance.now() - started);
  into.statements = statements;
  return count;
};

const chartPlot = (rows: ReadonlyArray<readonly [string, Summary]>): void => {
  const max = Math.max(...rows.map(([, s]) => s.p99));
  for (const [name, s] of rows) {
    out.write(
      `  ${name.padEnd(12)} median ${bar(s.median, max)} ${s.median.toFixed(2)} ms\n  ${''.padEnd(12)} p99    ${bar(s.p99, max)} ${s.p99.toFixed(2)} ms\n`,
    );
  }
};

const readSide = async (storage: BenchStorage, shape: ChartShape): Promise<void> => {
  const served = await buildBenchApp(storage, accountingProjections);
  const { app } = served;
  naiveRoutes(app, storage.client);
  await app.ready();
  const byDepth = shape.accounts;
  const next = random(42);
  for (let i = 0; i < 50; i++) {
    const id = byDepth[i]?.id ?? '';
    await app.inject({ method: 'GET', url: `/v1/accounts/${id}` });
    await app.inject({ method: 'GET', url: `/bench/naive-account/${id}` });
  }
  const erp: TimedRequests = { latencies: [], statements: 0 };
  const naive: TimedRequests = { latencies: [], statements: 0 };
  const measuring = createProgress('GET /v1/accounts/:id vs naive', requests * 2, { unit: ' req' });
  let depthSum = 0;
  for (let i = 0; i < requests; i++) {
    const account = byDepth[Math.floor(next() * byDepth.length)];
    if (account === undefined) continue;
    depthSum += account.depth;
    // Alternate which goes first, so neither always runs on a warmer cache.
    const pair = [
      () => timeGet(app, `/v1/accounts/${account.id}`, erp),
      () => timeGet(app, `/bench/naive-account/${account.id}`, naive),
    ];
    for (const f of i % 2 === 0 ? pair : pair.reverse()) await f();
    measuring.update(2 * (i + 1));
  }
  measuring.finish();
  const one = summarize(erp.latencies);
  const walk = summarize(naive.latencies);
  out.write(
    `\nGET one account (random among ${accounts.toLocaleString('en-US')}, mean depth ${(depthSum / requests).toFixed(1)}), ${requests} requests each, interleaved, 1 in flight, app.inject, pool of 10\n`,
  );
  out.write(`${'route'.padEnd(44)}   median       p99  statements\n`);
  out.write(
    `${'erpcore GET /v1/accounts/:id'.padEnd(44)}${ms(one.median)}${ms(one.p99)}  ${String(erp.statements).padStart(10)}\n`,
  );
  out.write(
    `${'naive parent walk (1 query per ancestor)'.padEnd(44)}${ms(walk.median)}${ms(walk.p99)}  ${`≤ ${naive.statements}`.padStart(10)}\n`,
  );
  out.write(
    `ratio naive/erpcore: median ${(walk.median / one.median).toFixed(1)}×, p99 ${(walk.p99 / one.p99).toFixed(1)}×\n`,
  );
  chartPlot([
    ['erpcore', one],
    ['naive walk', walk],
  ]);

  const erpTree: TimedRequests = { latencies: [], statements: 0 };
  const naiveTree: TimedRequests = { latencies: [], statements: 0 };
  const treeProgress = createProgress('whole tree vs naive', treeRounds * 2, { unit: ' walks' });
  let listed = 0;
  for (let r = 0; r < treeRounds; r++) {
    listed = await wholeTree(app, erpTree);
    await timeGet(app, '/bench/naive-tree', naiveTree);
    treeProgress.update(2 * (r + 1));
  }
  treeProgress.finish();
  const tree = summarize(erpTree.latencies);
  const naiveWhole = summarize(naiveTree.latencies);
  out.write(
    `\nthe whole tree (${listed.toLocaleString('en-US')} accounts with full paths and balances), ${treeRounds} walks each\n`,
  );
  out.write(
    `${'erpcore GET /v1/accounts, pages of 500'.padEnd(44)}${ms(tree.median)}${ms(tree.p99)}  ${`${erpTree.statements} (1/page)`.padStart(10)}\n`,
  );
  out.write(
    `${'naive: all rows, then each path walked up'.padEnd(44)}${ms(naiveWhole.median)}${ms(naiveWhole.p99)}  ${String(naiveTree.statements).padStart(10)}\n`,
  );
  out.write(`ratio naive/erpcore: median ${(naiveWhole.median / tree.median).toFixed(1)}×\n`);
  chartPlot([
    ['erpcore', tree],
    ['naive walk', naiveWhole],
  ]);
  await served.close();
};

/** Appends one chart event and times the projection applying it (read, apply, checkpoint: one transaction). */
const projectOne = async (store: EventStore, db: ReadDb, event: ChartEvent): Promise<number> => {
  const metadata = benchMetadata();
  await store.appendToStream(
    'chart-main',
    [{ eventId: randomUUID(), ...chartEventC.encode(event), metadata }],
    { expectedRevision: 'any' },
  );
  const started = performance.now();
  for (const projection of accountingProjections)
    await catchUpProjection({ store, db, projection });
  return performance.now() - started;
};

const subtreeSide = async (
  client: SqlClient,
  db: ReadDb,
  store: EventStore,
  shape: ChartShape,
): Promise<void> => {
  const { rows } = await client.query<{ n: string }>(
    'select count(*)::text as n from account_tree where id = $1 or ancestor_ids @> array[$1]',
    [shape.bigRoot],
  );
  const size = Number(rows[0]?.n ?? 0);
  const id = asId<AccountId>(shape.bigRoot);
  const [a, b] = shape.roots.map((r) => asId<AccountId>(r)) as [AccountId, AccountId];
  const moves: number[] = [];
  const renames: number[] = [];
  for (let i = 0; i < 6; i++) {
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    moves.push(
      await projectOne(store, db, {
        type: 'AccountMoved',
        data: { id, parentId: to, previousParentId: from },
      }),
    );
    renames.push(
      await projectOne(store, db, {
        type: 'AccountRenamed',
        data: { id, name: `Big ${i}` as AccountName, previousName: `Big ${i - 1}` as AccountName },
      }),
    );
  }
  const move = summarize(moves);
  const rename = summarize(renames);
  // Six moves end where they started, under the first root.
  const check = await client.query<{ n: string }>(
    "select count(*)::text as n from account_tree where ancestor_ids @> array[$1::text, $2::text] and path like 'Account 00000 > Big 5 > %'",
    [a, shape.bigRoot],
  );
  out.write(
    `\nprojection side, subtree of ${size.toLocaleString('en-US')} accounts (depth up to ${maxDepth - 1} below the root), 6 times each, catch-up of one event incl. its transaction and checkpoint\n`,
  );
  out.write(
    `  move to another root (2 statements: balances off/on ancestors, subtree rewrite)  median ${ms(move.median)}  max ${ms(move.max)}\n`,
  );
  out.write(
    `  rename (1 statement: subtree paths and sort keys)                                median ${ms(rename.median)}  max ${ms(rename.max)}\n`,
  );
  out.write(
    `  check: ${check.rows[0]?.n ?? '?'} descendants found through the GIN index under "Account 00000 > Big 5 > …"\n`,
  );
};

/**
 * A cold process: no state in memory, so it reads the durable snapshot, decodes what it needs
 * and decides, then computes the state after the decision (what the handler does before it
 * appends; no append). Each round uses a fresh store (nothing cached). Both durable forms are
 * measured interleaved on the same chart: the bucketed one (head row, then the buckets the command
 * touches, with what their links reach) and the single jsonb row that came before it.
 */
const coldSide = async (
  client: SqlClient,
  streamId: string,
  current: { readonly revision: bigint; readonly state: ChartState },
  rename: () => ChartCommand,
): Promise<{ cold: Summary; coldJsonb: Summary; coldFetches: number; trip: Summary }> => {
  await createChartDurableSnapshots(client).save(streamId, current.revision, current.state);
  const decideAndEvolve = (command: ChartCommand, state: ChartState): void => {
    const decision = chartDecider.decide(command, state);
    if (decision._tag === 'Left') throw new Error(`cold decide refused: ${decision.left.code}`);
    decision.right.reduce(chartDecider.evolve, state);
  };
  const buckets: number[] = [];
  const jsonb: number[] = [];
  const trip: number[] = [];
  let fetches = 0;
  const progress = createProgress('cold process decisions', coldRounds * 2, { unit: ' cmd' });
  for (let i = 0; i < coldRounds; i++) {
    let started = performance.now();
    const loaded = await createChartDurableSnapshots(client).load(streamId);
    if (loaded === undefined) throw new Error('no durable chart snapshot');
    let attempts = 0;
    const command = rename();
    await whileStateLoads(async () => {
      attempts++;
      decideAndEvolve(command, loaded.state);
    });
    buckets.push(performance.now() - started);
    fetches = attempts - 1;
    started = performance.now();
    const whole = await createSqlSnapshotStore(client, chartStateC).load(streamId);
    if (whole === undefined) throw new Error('no jsonb chart snapshot');
    decideAndEvolve(rename(), whole.state);
    jsonb.push(performance.now() - started);
    started = performance.now();
    await client.query('select 1');
    trip.push(performance.now() - started);
    progress.update(2 * i + 2);
  }
  progress.finish();
  return {
    cold: summarize(buckets.slice(10)),
    coldJsonb: summarize(jsonb.slice(10)),
    coldFetches: fetches,
    trip: summarize(trip.slice(10)),
  };
};

const writeCold = (
  what: string,
  cold: Summary,
  jsonb: Summary,
  fetches: number,
  trip: Summary,
): void => {
  out.write(
    `cold process, ${what}: read the durable snapshot + decode + decide + state after (no append), ${coldRounds - 10} rounds after 10 warm-up, load average ${loadavg()[0]?.toFixed(1) ?? '?'}\n`,
  );
  out.write(
    `  bucketed (head row + ${fetches} bucket fetches)  median ${cold.median.toFixed(2)} ms, p99 ${cold.p99.toFixed(2)} ms (target < 5 ms)\n`,
  );
  out.write(
    `  one jsonb row (the form before)   median ${jsonb.median.toFixed(2)} ms, p99 ${jsonb.p99.toFixed(2)} ms; ratio jsonb/bucketed ${(jsonb.median / cold.median).toFixed(1)}×\n`,
  );
  out.write(
    `  one round trip (select 1)         median ${trip.median.toFixed(2)} ms: bucketed = ${(cold.median / trip.median).toFixed(1)} round trips\n`,
  );
};

/** The chart of `commandAccounts` accounts in its own stream; commands alternate renames of one account. */
const commandSide = async (client: SqlClient, store: EventStore): Promise<void> => {
  const streamId = 'chart-commands';
  const shape = chartShape(commandAccounts, maxDepth, 1_000, 3);
  const seeding = createProgress('seed command chart', commandAccounts + postings, {
    unit: ' events',
  });
  const revision = await seedChart(store, streamId, shape, postings, seeding);
  seeding.finish(
    `${commandAccounts.toLocaleString('en-US')} accounts + ${postings.toLocaleString('en-US')} postings = ${(revision + 1n).toLocaleString('en-US')} events`,
  );
  let n = 0;
  const rename = (): ChartCommand => ({
    type: 'RenameAccount',
    id: asId<AccountId>(shape.bigRoot),
    name: `Renamed ${n++}` as AccountName,
  });
  const measure = async (
    label: string,
    times: number,
    load: LoadStrategy<ChartEvent, ChartState> | undefined,
  ): Promise<{ s: Summary; statements: number }> => {
    const latencies: number[] = [];
    let statements = 0;
    const progress = createProgress(label, times, { unit: ' cmd' });
    for (let i = 0; i < times; i++) {
      const tally = { statements: 0, durationMs: 0 };
      const started = performance.now();
      await withStatementTally(tally, () =>
        handleCommand(store, {
          decider: chartDecider,
          codec: chartEventC,
          streamId,
          command: rename(),
          context: benchCommandContext(),
          ...(load === undefined ? {} : { load }),
        }),
      );
      latencies.push(performance.now() - started);
      statements = tally.statements;
      progress.update(i + 1);
    }
    progress.finish();
    return { s: summarize(latencies), statements };
  };
  const foldOnce = async () => measure('commands, fold', 8, undefined);
  const fold = only === 'cold' ? undefined : await foldOnce();
  // Durable snapshots only: each command decodes the stored JSON of the whole chart.
  const sqlOnly = createSqlSnapshotStore(client, chartStateC);
  const current = await loadStream(store, streamId, {
    initialState: chartDecider.initialState,
    evolve: chartDecider.evolve,
    codec: chartEventC,
  });
  await sqlOnly.save(streamId, current.revision, current.state);
  const deepest = [...shape.accounts].sort((a, b) => b.depth - a.depth);
  const post = (): ChartCommand => ({
    type: 'PostToAccounts',
    entryId: asId<JournalEntryId>(`JE-cold-${n++}`),
    reversal: false,
    postings: [
      { accountId: asId<AccountId>(deepest[0]?.id ?? ''), amount: Money.ofCents(100n) },
      { accountId: asId<AccountId>(deepest[1]?.id ?? ''), amount: Money.ofCents(-100n) },
    ],
  });
  const colds = async (): Promise<void> => {
    for (const [what, next] of [
      ['rename', rename],
      [`posting between two accounts at depth ${deepest[0]?.depth ?? '?'}`, post],
    ] as const) {
      const r = await coldSide(client, streamId, current, next);
      writeCold(what, r.cold, r.coldJsonb, r.coldFetches, r.trip);
    }
  };
  if (fold === undefined) {
    await colds();
    return;
  }
  const sql = await measure('commands, SQL snapshot', 40, {
    kind: 'snapshot',
    snapshots: sqlOnly,
    every: 100,
  });
  const api = createChartSnapshots(client);
  await measure('warm API snapshot', 1, chartLoad(api));
  const memory = await measure('commands, API strategy', 300, chartLoad(api));
  const snapshotSize = await client.query<{ bytes: string }>(
    'select octet_length(state::text)::text as bytes from snapshots where stream_id = $1',
    [streamId],
  );
  out.write(
    `\ncommand latency (rename, load + decide + append, handleCommand in-process) on a chart of ${commandAccounts.toLocaleString('en-US')} accounts, ${(revision + 1n).toLocaleString('en-US')}+ events\n`,
  );
  out.write(`${'load strategy'.padEnd(58)}   median       p99  statements\n`);
  for (const [name, r] of [
    ['fold the whole stream per command', fold],
    ['SQL snapshot (decode whole chart JSON) + events after it', sql],
    ['API: in-process snapshot, durable every 100 events', memory],
  ] as const)
    out.write(
      `${name.padEnd(58)}${ms(r.s.median)}${ms(r.s.p99)}  ${String(r.statements).padStart(10)}\n`,
    );
  await colds();
  out.write(
    `ratio fold/API strategy: median ${(fold.s.median / memory.s.median).toFixed(0)}×; durable snapshot ${Math.round(Number(snapshotSize.rows[0]?.bytes ?? 0) / 1024)} KiB of JSON (lazy bucket form)\n`,
  );
  chartPlot([
    ['fold', fold.s],
    ['SQL snapshot', sql.s],
    ['API', memory.s],
  ]);
};

export const run = async (): Promise<void> => {
  const storage = await openBenchStorage('accounting', accountingProjections);
  const { client, db, store } = storage;
  try {
    if (only === 'cold' || only === 'commands') {
      await commandSide(client, store);
      return;
    }
    const shape = chartShape(accounts, maxDepth, 1_000);
    const seeding = createProgress('seed chart events', accounts + postings, { unit: ' events' });
    await seedChart(store, 'chart-main', shape, postings, seeding);
    seeding.finish();
    const projecting = performance.now();
    for (const projection of accountingProjections)
      await catchUpProjection({ store, db, projection, batchSize: 1_000 });
    const seconds = (performance.now() - projecting) / 1000;
    await client.query('analyze account_tree');
    const depth = await client.query<{ max: number }>('select max(depth) as max from account_tree');
    out.write(
      `\naccount_tree projected from ${(accounts + postings).toLocaleString('en-US')} events (${accounts.toLocaleString('en-US')} opens, ${postings.toLocaleString('en-US')} postings) in ${seconds.toFixed(1)} s = ${Math.round((accounts + postings) / seconds).toLocaleString('en-US')} events/s; max depth ${depth.rows[0]?.max ?? '?'}\n`,
    );
    await readSide(storage, shape);
    await subtreeSide(client, db, store, shape);
    await commandSide(client, store);
  } finally {
    await storage.close();
  }
};

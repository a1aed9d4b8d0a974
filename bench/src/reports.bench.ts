/**
 * `npm run bench -- reports`: each issue-14 report through the Fastify app (one statement each)
 * over the read models as `BENCH_REPORT_POSTINGS` postings (default 100,000) leave them, next to
 * a primary-key read of one `party_daily_totals` row through a route of the same app, in the same
 * run. The read models are seeded by SQL in the shape the projections write (ledger_daily
 * the running totals of the postings per account and day over a year, party_aging the party movements of one
 * posting each over 1,000 customers and 200 suppliers per party and day, with their aging steps
 * and totals, stock_valuation one row per product × warehouse and their sums per warehouse).
 * Aging and stock valuation answer a page of lines (the default 50) and totals over every line;
 * the `page` cases read one further on, by cursor.
 */
import { doc, statementsFromHeader } from '@erpcore/api';
import { accountTreeProjection, encodeCursor, reportingProjections } from '@erpcore/projections';
import type { FastifyInstance } from 'fastify';
import { buildBenchApp } from './bench-app.js';
import { openBenchStorage } from './bench-schema.js';
import { bar, createProgress } from './progress.js';
import { summarize, type Summary } from './stats.js';

const postings = Number(process.env['BENCH_REPORT_POSTINGS'] ?? 100_000);
const requests = Number(process.env['BENCH_REQUESTS'] ?? 200);
const projections = [accountTreeProjection, ...reportingProjections];

const accounts: ReadonlyArray<readonly [string, string]> = [
  ['sys.cash', 'asset'],
  ['sys.receivable', 'asset'],
  ['sys.inventory', 'asset'],
  ['sys.payable', 'liability'],
  ['sys.grni', 'liability'],
  ['equity', 'equity'],
  ['sys.revenue', 'income'],
  ['sys.cogs', 'expense'],
  ['rent', 'expense'],
  ['wages', 'expense'],
];

const cases: ReadonlyArray<readonly [string, string]> = [
  ['primary-key read', '/bench/pk?day=42'],
  ['trial balance', '/v1/reports/trial-balance'],
  ['profit and loss', '/v1/reports/profit-and-loss?from=2026-04-01&to=2026-06-30'],
  ['balance sheet', '/v1/reports/balance-sheet?at=2026-12-31'],
  ['aging (customers)', '/v1/reports/aging?party=customer&at=2026-12-31'],
  ['aging (suppliers)', '/v1/reports/aging?party=supplier&at=2026-12-31'],
  [
    'aging (cust., page)',
    `/v1/reports/aging?party=customer&at=2026-12-31&cursor=${encodeCursor(['C500'])}`,
  ],
  ['stock valuation', '/v1/reports/stock-valuation?warehouseId=W1'],
  ['stock val. (page)', `/v1/reports/stock-valuation?cursor=${encodeCursor(['W3', 'P1000'])}`],
];

const seed = async (run: (text: string) => Promise<unknown>): Promise<void> => {
  for (const [i, [id, type]] of accounts.entries())
    await run(
      `insert into account_tree values ('${id}', null, '${id}', '${type}', '${id}', convert_to('${id}', 'UTF8') || '\\x00'::bytea, 0, '{}', 0, 0, false) on conflict do nothing -- ${i}`,
    );
  // Each posting is two lines (a debit and a credit) on two accounts, on one day of 2026.
  // Laid out as ledger_daily holds them: per account and day, the debits and credits through it.
  await run(`insert into ledger_daily (account_id, day, debit, credit)
    select a.id, p.day,
           sum(sum(case when a.side = 'd' then p.cents else 0 end)) over w,
           sum(sum(case when a.side = 'c' then p.cents else 0 end)) over w
    from (select i, date '2026-01-01' + (i % 365) as day, 100 + (i::bigint * 7919) % 100000 as cents from generate_series(1, ${postings}) i) p
    cross join lateral (values
      ((array[${accounts.map(([id]) => `'${id}'`).join(',')}])[1 + p.i % ${accounts.length}], 'd'),
      ((array[${accounts.map(([id]) => `'${id}'`).join(',')}])[1 + (p.i + 3) % ${accounts.length}], 'c')
    ) a(id, side)
    group by a.id, p.day
    window w as (partition by a.id order by p.day)`);
  // The party movements the projection would have seen: one per posting over 1,000 customers and
  // 200 suppliers, a third of them payments; laid out as `party_aging` holds them (per party and
  // day, the charged and credited totals through that day).
  const movements = `select case when i % 5 = 0 then 'supplier' else 'customer' end as party_kind,
           case when i % 5 = 0 then 'S' || (i % 200) else 'C' || (i % 1000) end as party_id,
           date '2026-01-01' + (i % 365) as day,
           case when i % 3 = 0 then -(50 + (i::bigint * 7919) % 50000) else 100 + (i::bigint * 7919) % 100000 end as amount, i
    from generate_series(1, ${postings}) i`;
  await run(`insert into parties (party_kind, party_id, position)
    select party_kind, party_id, max(i) from (${movements}) m group by party_kind, party_id`);
  await run(`insert into party_daily_totals (party_kind, party_id, day, charged, credited)
    select party_kind, party_id, day,
           sum(sum(greatest(amount, 0))) over w, sum(sum(greatest(-amount, 0))) over w
    from (${movements}) m group by party_kind, party_id, day
    window w as (partition by party_kind, party_id order by day)`);
  // On each party's row: its last day, what it was credited through it, and its running totals
  // from 91 days before it (and the last row before those).
  await run(`update parties p set last_day = x.last_day, credited = x.credited, tail_days = x.days,
      tail_charged = x.charged
    from (
      select l.party_kind, l.party_id, l.day as last_day, l.credited,
             array_agg(d.day order by d.day) as days, array_agg(d.charged order by d.day) as charged
      from (select distinct on (party_kind, party_id) party_kind, party_id, day, credited
            from party_daily_totals order by party_kind, party_id, day desc) l
      join party_daily_totals d on d.party_kind = l.party_kind and d.party_id = l.party_id
        and d.day >= coalesce((select max(b.day) from party_daily_totals b
                               where b.party_kind = l.party_kind and b.party_id = l.party_id
                                 and b.day < l.day - 91), l.day - 91)
      group by l.party_kind, l.party_id, l.day, l.credited) x
    where p.party_kind = x.party_kind and p.party_id = x.party_id`);
  // Each party's aging on every day it can change (a day it moved, 31, 61 or 91 days after),
  // kept where it differs from the day before, as the projection writes it.
  const through = (alias: string, days: number) => `left join lateral (
      select charged, credited from party_daily_totals d
      where d.party_kind = c.party_kind and d.party_id = c.party_id and d.day <= c.day - ${days}
      order by d.day desc limit 1) ${alias} on true`;
  await run(`insert into party_aging_steps
    select party_kind, party_id, day, b0, b1, b2, b3 from (
      select *, lag(b0, 1, 0::bigint) over p as l0, lag(b1, 1, 0::bigint) over p as l1,
             lag(b2, 1, 0::bigint) over p as l2, lag(b3, 1, 0::bigint) over p as l3
      from (
        select party_kind, party_id, day, o0 - o31 as b0, o31 - o61 as b1, o61 - o91 as b2, o91 as b3
        from (
          select c.party_kind, c.party_id, c.day, greatest(0, t0.charged - t0.credited) as o0,
                 greatest(0, coalesce(t31.charged, 0) - t0.credited) as o31,
                 greatest(0, coalesce(t61.charged, 0) - t0.credited) as o61,
                 greatest(0, coalesce(t91.charged, 0) - t0.credited) as o91
          from (select distinct party_kind, party_id, day + e as day
                from party_daily_totals, unnest(array[0, 31, 61, 91]) e) c
          ${through('t0', 0)} ${through('t31', 31)} ${through('t61', 61)} ${through('t91', 91)}
        ) o
      ) b window p as (partition by party_kind, party_id order by day)
    ) s where (b0, b1, b2, b3) is distinct from (l0, l1, l2, l3)`);
  // The sum over parties per kind: each party's changes, summed up to each day.
  await run(`insert into party_aging_totals
    select party_kind, day, sum(sum(d0)) over k, sum(sum(d1)) over k, sum(sum(d2)) over k, sum(sum(d3)) over k
    from (select party_kind, day, current - lag(current, 1, 0::bigint) over p as d0,
                 days_31_60 - lag(days_31_60, 1, 0::bigint) over p as d1,
                 days_61_90 - lag(days_61_90, 1, 0::bigint) over p as d2,
                 over_90 - lag(over_90, 1, 0::bigint) over p as d3
          from party_aging_steps window p as (partition by party_kind, party_id order by day)) d
    group by party_kind, day window k as (partition by party_kind order by day)`);
  await run(`insert into stock_valuation (product_id, warehouse_id, on_hand, value, unit_cost, position)
    select 'P' || p, 'W' || w, 1000 * (1 + p % 50), 100 * (1 + p % 50) * (1 + p % 97), 100000 * (1 + p % 97), p * 10 + w
    from generate_series(1, 2000) p, generate_series(1, 5) w`);
  await run(`insert into stock_value_by_warehouse
    select warehouse_id, sum(value) from stock_valuation group by warehouse_id`);
  for (const table of [
    'account_tree',
    'ledger_daily',
    'parties',
    'party_daily_totals',
    'party_aging_steps',
    'party_aging_totals',
    'stock_valuation',
    'stock_value_by_warehouse',
  ])
    await run(`analyze ${table}`);
};

const pkRoute = (app: FastifyInstance): void => {
  // The app refuses an undocumented route; the comparison route is documented like the reports.
  const schema = doc('bench', 'One party_daily_totals row by primary key', {
    operationId: 'benchPrimaryKeyRead',
    role: 'auditor',
  });
  app.get('/bench/pk', { schema }, async (request) => {
    const { day } = request.query as { day?: string };
    const { rows } = await app.erp.client.query<Record<string, string>>(
      "select party_kind, party_id, day::text, charged::text, credited::text from party_daily_totals where party_kind = 'customer' and party_id = 'C42' and day = date '2026-01-01' + $1::int",
      [day ?? '0'],
      // Named, as erpcore's own reads (fixed-statement.ts) are: the baseline is not re-planned.
      { name: 'bench_primary_key_read' },
    );
    return rows[0] ?? {};
  });
};

const fmt = (n: number, digits = 2): string => n.toFixed(digits).padStart(8);

export const run = async (): Promise<void> => {
  const storage = await openBenchStorage('reports', projections);
  try {
    const steps = accounts.length + 15;
    const seeding = createProgress('seed', steps, { unit: ' statements' });
    let step = 0;
    await seed(async (text) => {
      await storage.client.query(text);
      seeding.update(++step, 'seed');
    });
    seeding.finish(`${postings.toLocaleString('en-US')} postings`);
    const served = await buildBenchApp(storage, projections);
    pkRoute(served.app);
    await served.app.ready();
    const measuring = createProgress('measure', cases.length * requests, { unit: ' req' });
    const samples = new Map(cases.map(([name]) => [name, [] as number[]]));
    const statements = new Map<string, number>();
    for (const [, path] of cases) await served.app.inject({ method: 'GET', url: path });
    // Interleaved, so load from the rest of the machine falls on every case alike.
    let done = 0;
    for (let r = 0; r < requests; r++)
      for (const [name, path] of cases) {
        const started = performance.now();
        const response = await served.app.inject({ method: 'GET', url: path });
        samples.get(name)?.push(performance.now() - started);
        if (response.statusCode !== 200)
          throw new Error(`${path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        const n = statementsFromHeader(response.headers['server-timing'] as string | undefined);
        statements.set(name, Math.max(statements.get(name) ?? 0, n ?? Number.NaN));
        measuring.update(++done, name);
      }
    measuring.finish();
    await served.close();
    const results: Array<{ name: string; s: Summary }> = cases.map(([name]) => ({
      name,
      s: summarize(samples.get(name) ?? []),
    }));
    const pk = results[0]?.s.median ?? Number.NaN;
    const out = process.stdout;
    out.write(
      `\nReports at ${postings.toLocaleString('en-US')} postings, ${requests} requests each through app.inject (no network), PostgreSQL on this machine\n\n`,
    );
    out.write(`${'read'.padEnd(20)}|  median     p99  stmts | × primary-key read (median)\n`);
    const max = Math.max(...results.map((r) => r.s.median));
    for (const r of results)
      out.write(
        `${r.name.padEnd(20)}|${fmt(r.s.median)}ms${fmt(r.s.p99)}ms ${String(statements.get(r.name)).padStart(5)} | ${fmt(r.s.median / pk, 2)}×  ${bar(r.s.median, max)}\n`,
      );
  } finally {
    await storage.close();
  }
};

import { sql } from 'kysely';
import type { ProjectionDefinition } from '../projection-definition.js';
import {
  agingLookBack,
  dayNumber,
  dayText,
  zeroBuckets,
  type AgingStep,
  type AgingTail,
  type Buckets,
} from './aging-steps.js';
import type { PartyMovement } from './party-movement.js';
import './reporting.tables.js';

export type Trx = Parameters<ProjectionDefinition['apply']>[0];

interface TotalsRow {
  day: string;
  charged: string;
  credited: string;
}
interface StepRow {
  day: string;
  current: string;
  days_31_60: string;
  days_61_90: string;
  over_90: string;
}

const bucketsOf = (r: StepRow): Buckets => [
  BigInt(r.current),
  BigInt(r.days_31_60),
  BigInt(r.days_61_90),
  BigInt(r.over_90),
];

/** Steps as the arrays `unnest` takes: days, then each bucket as decimal text. */
const columns = (steps: readonly AgingStep[]) => ({
  days: steps.map((s) => dayText(s.day)),
  b: [0, 1, 2, 3].map((i) => steps.map((s) => String(s.buckets[i]))),
});

/** The party's running totals the aging on and after `from` can look at. */
export const readTotals = async (trx: Trx, m: PartyMovement, from: number) => {
  const party = sql`party_kind = ${m.party_kind} and party_id = ${m.party_id}`;
  const floor = dayText(from - agingLookBack);
  const { rows } = await sql<TotalsRow>`
    (select day::text, charged::text, credited::text from party_daily_totals
     where ${party} and day < ${floor}::date order by day desc limit 1)
    union all
    (select day::text, charged::text, credited::text from party_daily_totals
     where ${party} and day >= ${floor}::date)
    order by day`.execute(trx);
  return rows.map((r) => ({
    day: dayNumber(r.day),
    charged: BigInt(r.charged),
    credited: BigInt(r.credited),
  }));
};

/** The party's aging steps from `m.day` on, and its aging the day before. */
export const readSteps = async (trx: Trx, m: PartyMovement) => {
  const party = sql`party_kind = ${m.party_kind} and party_id = ${m.party_id}`;
  const cols = sql`day::text, current::text, days_31_60::text, days_61_90::text, over_90::text`;
  const { rows } = await sql<StepRow & { after: boolean }>`
    (select ${cols}, false as after from party_aging_steps
     where ${party} and day < ${m.day}::date order by day desc limit 1)
    union all
    (select ${cols}, true from party_aging_steps where ${party} and day >= ${m.day}::date)
    order by day`.execute(trx);
  const prior = rows.find((r) => !r.after);
  return {
    before: prior === undefined ? zeroBuckets : bucketsOf(prior),
    steps: rows
      .filter((r) => r.after)
      .map((r) => ({ day: dayNumber(r.day), buckets: bucketsOf(r) })),
  };
};

/** Adds the movement to the party's running totals of its day and every later day. */
export const writeDailyTotals = async (trx: Trx, m: PartyMovement, c: bigint, cr: bigint) => {
  const party = sql`party_kind = ${m.party_kind} and party_id = ${m.party_id}`;
  // Cents as decimal text, cast in SQL: every driver (pg, PGlite) binds text the same way.
  const charged = sql`${c.toString()}::bigint`;
  const credited = sql`${cr.toString()}::bigint`;
  await sql`
    insert into party_daily_totals (party_kind, party_id, day, charged, credited)
    select ${m.party_kind}, ${m.party_id}, ${m.day}::date,
           coalesce(prev.charged, 0) + ${charged}, coalesce(prev.credited, 0) + ${credited}
    from (select 1) one left join lateral (
      select charged, credited from party_daily_totals
      where ${party} and day < ${m.day}::date order by day desc limit 1) prev on true
    on conflict (party_kind, party_id, day) do update
      set charged = party_daily_totals.charged + ${charged},
          credited = party_daily_totals.credited + ${credited}`.execute(trx);
  await sql`
    update party_daily_totals set charged = charged + ${charged}, credited = credited + ${credited}
    where ${party} and day > ${m.day}::date`.execute(trx);
};

/** Replaces the party's aging steps from the movement's day on. */
export const writeSteps = async (trx: Trx, m: PartyMovement, steps: readonly AgingStep[]) => {
  await sql`
    delete from party_aging_steps
    where party_kind = ${m.party_kind} and party_id = ${m.party_id} and day >= ${m.day}::date`.execute(
    trx,
  );
  if (steps.length === 0) return;
  const { days, b } = columns(steps);
  await sql`
    insert into party_aging_steps (party_kind, party_id, day, current, days_31_60, days_61_90, over_90)
    select ${m.party_kind}, ${m.party_id}, s.* from unnest(${days}::date[], ${b[0]}::bigint[],
      ${b[1]}::bigint[], ${b[2]}::bigint[], ${b[3]}::bigint[]) s`.execute(trx);
};

/**
 * Adds a party's change to its kind's totals: a row at each day the change steps (copying the
 * sum that held there), then each step's change on the rows from its day to the next step's.
 */
export const addToTotals = async (trx: Trx, kind: string, change: readonly AgingStep[]) => {
  if (change.length === 0) return;
  const { days, b } = columns(change);
  await sql`
    insert into party_aging_totals (party_kind, day, current, days_31_60, days_61_90, over_90)
    select ${kind}, s.day, coalesce(p.current, 0), coalesce(p.days_31_60, 0),
           coalesce(p.days_61_90, 0), coalesce(p.over_90, 0)
    from unnest(${days}::date[]) s(day) left join lateral (
      select * from party_aging_totals t
      where t.party_kind = ${kind} and t.day < s.day order by t.day desc limit 1) p on true
    on conflict (party_kind, day) do nothing`.execute(trx);
  await sql`
    update party_aging_totals t
    set current = t.current + s.b0, days_31_60 = t.days_31_60 + s.b1,
        days_61_90 = t.days_61_90 + s.b2, over_90 = t.over_90 + s.b3
    from (select u.*, lead(u.day) over (order by u.day) as next
          from unnest(${days}::date[], ${b[0]}::bigint[], ${b[1]}::bigint[], ${b[2]}::bigint[],
                      ${b[3]}::bigint[]) u(day, b0, b1, b2, b3)) s
    where t.party_kind = ${kind} and t.day >= s.day and (s.next is null or t.day < s.next)`.execute(
    trx,
  );
};

/** Keeps on the party's row what its aging from its last day on is computed from. */
export const writeTail = async (trx: Trx, m: PartyMovement, tail: AgingTail) => {
  await sql`
    update parties set last_day = ${dayText(tail.lastDay)}::date,
      credited = ${tail.credited.toString()}::bigint,
      tail_days = ${tail.totals.map((t) => dayText(t.day))}::date[],
      tail_charged = ${tail.totals.map((t) => t.charged.toString())}::bigint[]
    where party_kind = ${m.party_kind} and party_id = ${m.party_id}`.execute(trx);
};

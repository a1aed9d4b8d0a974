import { sql } from 'kysely';
import {
  agingLookBack,
  agingStepsFrom,
  dayNumber,
  dayText,
  stepDifference,
  tailOf,
  withMovement,
  zeroBuckets,
  type AgingStep,
  type Buckets,
  type RunningTotals,
} from './aging-steps.js';
import { addToTotals, type Trx } from './party-aging.statements.js';
import type { PartyMovement } from './party-movement.js';

/** One party's movements in a batch, in position order: once its stored position is read, the fresh ones. */
interface PartyMoves {
  readonly kind: PartyMovement['party_kind'];
  readonly id: string;
  moves: PartyMovement[];
  /** The earliest day they move (days since 1970-01-01). */
  from: number;
  lastDay: number | null;
}

const keyOf = (kind: string, id: string): string => `${kind}\u0000${id}`;

/** Each party's stored position and last day, `null` for a party not seen yet. */
const readParties = async (trx: Trx, keys: ReadonlyArray<readonly [string, string]>) => {
  const { rows } = await sql<{ i: string; position: string | null; last_day: string | null }>`
    select q.i::text, p.position::text, p.last_day::text
    from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[])
      with ordinality q(kind, id, i)
    left join parties p on p.party_kind = q.kind and p.party_id = q.id`.execute(trx);
  return rows;
};

/** Every party's running totals from `from − agingLookBack` on, and the last before. */
const readTotals = async (trx: Trx, parties: readonly PartyMoves[]) => {
  const { rows } = await sql<{ i: string; day: string; charged: string; credited: string }>`
    select q.i::text, t.day::text, t.charged::text, t.credited::text
    from unnest(${parties.map((p) => p.kind)}::text[], ${parties.map((p) => p.id)}::text[],
                ${parties.map((p) => dayText(p.from - agingLookBack))}::date[])
      with ordinality q(kind, id, floor, i)
    cross join lateral (
      (select day, charged, credited from party_daily_totals
       where party_kind = q.kind and party_id = q.id and day < q.floor order by day desc limit 1)
      union all
      (select day, charged, credited from party_daily_totals
       where party_kind = q.kind and party_id = q.id and day >= q.floor)) t
    order by q.i, t.day`.execute(trx);
  const totals = parties.map((): RunningTotals[] => []);
  for (const r of rows)
    totals[Number(r.i) - 1]?.push({
      day: dayNumber(r.day),
      charged: BigInt(r.charged),
      credited: BigInt(r.credited),
    });
  return totals;
};

/** Every party's aging steps from its `from` on, and its aging the day before. */
const readSteps = async (trx: Trx, parties: readonly PartyMoves[]) => {
  const { rows } = await sql<{
    i: string;
    after: boolean;
    day: string;
    current: string;
    days_31_60: string;
    days_61_90: string;
    over_90: string;
  }>`
    select q.i::text, s.after, s.day::text, s.current::text, s.days_31_60::text,
           s.days_61_90::text, s.over_90::text
    from unnest(${parties.map((p) => p.kind)}::text[], ${parties.map((p) => p.id)}::text[],
                ${parties.map((p) => dayText(p.from))}::date[])
      with ordinality q(kind, id, from_day, i)
    cross join lateral (
      (select false as after, day, current, days_31_60, days_61_90, over_90 from party_aging_steps
       where party_kind = q.kind and party_id = q.id and day < q.from_day order by day desc limit 1)
      union all
      (select true, day, current, days_31_60, days_61_90, over_90 from party_aging_steps
       where party_kind = q.kind and party_id = q.id and day >= q.from_day)) s
    order by q.i, s.day`.execute(trx);
  const read = parties.map(() => ({ before: zeroBuckets, steps: [] as AgingStep[] }));
  for (const r of rows) {
    const at = read[Number(r.i) - 1];
    if (at === undefined) continue;
    const buckets: Buckets = [
      BigInt(r.current),
      BigInt(r.days_31_60),
      BigInt(r.days_61_90),
      BigInt(r.over_90),
    ];
    if (r.after) at.steps.push({ day: dayNumber(r.day), buckets });
    else at.before = buckets;
  }
  return read;
};

/**
 * The sum of step functions (each step holds until the next, the last forever), with a step on
 * every day any of them steps: `addToTotals` gives each such day a row, as one call per change
 * would.
 */
const sumOfSteps = (changes: ReadonlyArray<readonly AgingStep[]>): AgingStep[] => {
  const days = [...new Set(changes.flatMap((c) => c.map((s) => s.day)))].sort((a, b) => a - b);
  const next = changes.map(() => 0);
  const current = changes.map((): Buckets => zeroBuckets);
  const sum: AgingStep[] = [];
  for (const day of days) {
    changes.forEach((steps, c) => {
      let i = next[c] ?? 0;
      while (i < steps.length && (steps[i]?.day ?? Infinity) <= day)
        current[c] = steps[i++]!.buckets;
      next[c] = i;
    });
    const buckets = [0, 1, 2, 3].map((b) =>
      current.reduce((s, x) => s + (x[b] ?? 0n), 0n),
    ) as unknown as Buckets;
    sum.push({ day, buckets });
  }
  return sum;
};

/**
 * A batch's movements in a fixed number of statements, leaving the rows `applyMovement` one by
 * one leaves: each party's fresh movements (past its stored position) are folded into its running
 * totals in memory, its steps recomputed from the earliest day they touch (the aging before that
 * day cannot change), and the difference of old and new steps summed per kind into the totals.
 */
export const applyPartyMovements = async (
  trx: Trx,
  movements: readonly PartyMovement[],
): Promise<void> => {
  // Every movement under its party first (position order kept); the stored position then says
  // which of them are fresh.
  const byParty = new Map<string, PartyMoves>();
  for (const m of movements) {
    const key = keyOf(m.party_kind, m.party_id);
    let party = byParty.get(key);
    if (party === undefined)
      byParty.set(
        key,
        (party = { kind: m.party_kind, id: m.party_id, moves: [], from: 0, lastDay: null }),
      );
    party.moves.push(m);
  }
  const all = [...byParty.values()];
  const stored = await readParties(
    trx,
    all.map((p) => [p.kind, p.id]),
  );
  for (const r of stored) {
    const party = all[Number(r.i) - 1];
    if (party === undefined) continue;
    party.lastDay = r.last_day === null ? null : dayNumber(r.last_day);
    const seen = r.position === null ? -1n : BigInt(r.position);
    party.moves = party.moves.filter((m) => BigInt(m.position) > seen && m.amount !== 0n);
    party.from = Math.min(...party.moves.map((m) => dayNumber(m.day)));
  }
  await sql`
    insert into parties (party_kind, party_id, position)
    select kind, id, max(position) from unnest(
      ${movements.map((m) => m.party_kind)}::text[], ${movements.map((m) => m.party_id)}::text[],
      ${movements.map((m) => m.position)}::bigint[]) q(kind, id, position)
    group by kind, id
    on conflict (party_kind, party_id) do update set position = excluded.position
      where parties.position < excluded.position`.execute(trx);
  const moved = all.filter((p) => p.moves.length > 0);
  if (moved.length === 0) return;

  const [totalsRead, stepsRead] = [await readTotals(trx, moved), await readSteps(trx, moved)];
  const dailyRows: Array<{ p: PartyMoves; t: RunningTotals }> = [];
  const newSteps: Array<{ p: PartyMoves; s: AgingStep }> = [];
  const changes = { customer: [] as AgingStep[][], supplier: [] as AgingStep[][] };
  const tails: unknown[] = [];
  moved.forEach((p, i) => {
    let totals = totalsRead[i] ?? [];
    const read = stepsRead[i] ?? { before: zeroBuckets, steps: [] };
    let steps: readonly AgingStep[] = read.steps;
    // Movement by movement, as `applyMovement` would, so the totals of each kind get rows on
    // exactly the days the per-event path gives them.
    for (const m of p.moves) {
      const day = dayNumber(m.day);
      totals = withMovement(
        totals,
        day,
        m.amount > 0n ? m.amount : 0n,
        m.amount < 0n ? -m.amount : 0n,
      );
      const kept = steps.filter((s) => s.day < day);
      const before = kept[kept.length - 1]?.buckets ?? read.before;
      const next = agingStepsFrom(totals, day, before);
      changes[p.kind].push(
        stepDifference(
          steps.filter((s) => s.day >= day),
          next,
          before,
        ),
      );
      steps = [...kept, ...next];
    }
    for (const t of totals) if (t.day >= p.from) dailyRows.push({ p, t });
    for (const s of steps) newSteps.push({ p, s });
    const lastMoved = Math.max(...p.moves.map((m) => dayNumber(m.day)));
    const tail = tailOf(totals, p.lastDay === null ? lastMoved : Math.max(lastMoved, p.lastDay));
    tails.push({
      kind: p.kind,
      id: p.id,
      last_day: dayText(tail.lastDay),
      credited: tail.credited.toString(),
      tail_days: tail.totals.map((t) => dayText(t.day)),
      tail_charged: tail.totals.map((t) => t.charged.toString()),
    });
  });

  await sql`
    insert into party_daily_totals (party_kind, party_id, day, charged, credited)
    select * from unnest(${dailyRows.map((r) => r.p.kind)}::text[],
      ${dailyRows.map((r) => r.p.id)}::text[], ${dailyRows.map((r) => dayText(r.t.day))}::date[],
      ${dailyRows.map((r) => r.t.charged.toString())}::bigint[],
      ${dailyRows.map((r) => r.t.credited.toString())}::bigint[])
    on conflict (party_kind, party_id, day) do update
      set charged = excluded.charged, credited = excluded.credited`.execute(trx);
  await sql`
    delete from party_aging_steps s
    using unnest(${moved.map((p) => p.kind)}::text[], ${moved.map((p) => p.id)}::text[],
                 ${moved.map((p) => dayText(p.from))}::date[]) q(kind, id, from_day)
    where s.party_kind = q.kind and s.party_id = q.id and s.day >= q.from_day`.execute(trx);
  if (newSteps.length > 0)
    await sql`
      insert into party_aging_steps (party_kind, party_id, day, current, days_31_60, days_61_90, over_90)
      select * from unnest(${newSteps.map((r) => r.p.kind)}::text[],
        ${newSteps.map((r) => r.p.id)}::text[], ${newSteps.map((r) => dayText(r.s.day))}::date[],
        ${newSteps.map((r) => String(r.s.buckets[0]))}::bigint[],
        ${newSteps.map((r) => String(r.s.buckets[1]))}::bigint[],
        ${newSteps.map((r) => String(r.s.buckets[2]))}::bigint[],
        ${newSteps.map((r) => String(r.s.buckets[3]))}::bigint[])`.execute(trx);
  for (const kind of ['customer', 'supplier'] as const)
    if (changes[kind].length > 0) await addToTotals(trx, kind, sumOfSteps(changes[kind]));
  await sql`
    update parties p set last_day = q.last_day, credited = q.credited, tail_days = q.tail_days,
      tail_charged = q.tail_charged
    from jsonb_to_recordset(${JSON.stringify(tails)}::jsonb)
      as q(kind text, id text, last_day date, credited bigint, tail_days date[], tail_charged bigint[])
    where p.party_kind = q.kind and p.party_id = q.id`.execute(trx);
};

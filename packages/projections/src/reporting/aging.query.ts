import { sql } from 'kysely';
import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
import './reporting.tables.js';

/** What one party owes (or is owed), by age of the open documents as of a date. */
export interface AgingLine {
  readonly partyId: string;
  /** 0–30 days old, 31–60, 61–90, over 90. */
  readonly current: Money;
  readonly days31To60: Money;
  readonly days61To90: Money;
  readonly over90: Money;
  readonly total: Money;
}

export interface AgingReport {
  readonly kind: 'customer' | 'supplier';
  readonly asOf: string;
  readonly lines: readonly AgingLine[];
  readonly total: Money;
}

/** The tables the aging report reads (for read-your-writes waits). */
export const agingReads: ReadsTables = { reads: ['parties', 'party_daily_totals'] };

interface AgingRow {
  party_id: string;
  b0: string;
  b1: string;
  b2: string;
  b3: string;
}

/**
 * Customer (receivable) or supplier (payable) aging as of `asOf`, in ONE statement over the
 * `party_aging` read model, whose cost does not grow with history: four index seeks per party.
 *
 * Payments and returns settle the oldest documents first. Laid end to end in (day, position)
 * order, a party's documents cover the interval (0, C(asOf)] of cents charged, and what was paid
 * or returned by `asOf`, P, settles (0, P]; what is open is (P, C(asOf)]. The documents of the
 * days (a, b] cover (C(a), C(b)], so their open part is max(0, C(b) − max(C(a), P)), where C(x)
 * is the party's charged total through day x: the last `party_daily_totals` row on or before x.
 * The buckets are the days (asOf−31, asOf] (0–30 days old), (asOf−61, asOf−31], (asOf−91,
 * asOf−61] and up to asOf−91 (over 90). The same figures as allocating every payment to the
 * oldest document one by one (a property test checks it). Parties owing nothing (or in credit)
 * are left out.
 */
export const agingReport = async (
  db: ReadDb,
  kind: 'customer' | 'supplier',
  asOf: string,
): Promise<AgingReport> => {
  // The party's totals through `days` before asOf: the last row on or before that day (none
  // before the party's first movement). A lateral join, so each is one index seek per party.
  const through = (alias: string, days: number) => sql`
    left join lateral (
      select d.charged, d.credited from party_daily_totals d
      where d.party_kind = p.party_kind and d.party_id = p.party_id
        and d.day <= ${asOf}::date - ${days}::int
      order by d.day desc limit 1
    ) ${sql.raw(alias)} on true`;
  const result = await sql<AgingRow>`
    with owed as (
      select p.party_id, t0.charged as c0, t0.credited as paid, coalesce(t31.charged, 0) as c31,
             coalesce(t61.charged, 0) as c61, coalesce(t91.charged, 0) as c91
      from parties p
      ${through('t0', 0)} ${through('t31', 31)} ${through('t61', 61)} ${through('t91', 91)}
      where p.party_kind = ${kind} and t0.charged > t0.credited
    )
    select party_id,
           greatest(0, c0 - greatest(c31, paid))::text as b0,
           greatest(0, c31 - greatest(c61, paid))::text as b1,
           greatest(0, c61 - greatest(c91, paid))::text as b2,
           greatest(0, c91 - paid)::text as b3
    from owed order by party_id`.execute(db);
  const lines = result.rows.map((r) => {
    const [current, days31To60, days61To90, over90] = [r.b0, r.b1, r.b2, r.b3].map((v) =>
      Money.ofCents(BigInt(v)),
    ) as [Money, Money, Money, Money];
    return {
      partyId: r.party_id,
      current,
      days31To60,
      days61To90,
      over90,
      total: Money.sum([current, days31To60, days61To90, over90]),
    };
  });
  return { kind, asOf, lines, total: Money.sum(lines.map((l) => l.total)) };
};

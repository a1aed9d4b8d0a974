import { sql } from 'kysely';
import { Money } from '@erpcore/domain';
import { decodeCursor, pageSize, toPage } from '../keyset-cursor.js';
import { runNamed } from '../fixed-statement.js';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
import { agingOfCharged, zeroBuckets, type Buckets } from './aging-steps.js';
import './reporting.tables.js';

/** Cents open by the age of the documents, as of a date. */
export interface AgingBuckets {
  /** 0–30 days old, 31–60, 61–90, over 90. */
  readonly current: Money;
  readonly days31To60: Money;
  readonly days61To90: Money;
  readonly over90: Money;
  readonly total: Money;
}

/** What one party owes (or is owed), by age of the open documents as of a date. */
export interface AgingLine extends AgingBuckets {
  readonly partyId: string;
}

export interface AgingReport {
  readonly kind: 'customer' | 'supplier';
  readonly asOf: string;
  /** One page of the parties that owe (or are owed), by id. */
  readonly lines: readonly AgingLine[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
  /** Over every party of the kind, not only this page's. */
  readonly totals: AgingBuckets;
}

/** The tables the aging report reads (for read-your-writes waits). */
export const agingReads: ReadsTables = {
  reads: ['parties', 'party_aging_steps', 'party_aging_totals'],
};

interface AgingRow {
  /** Null on the totals row. */
  party_id: string | null;
  /** Whether `asOf` is on or after the party's last day: its figures come from its own row. */
  recent: boolean | null;
  /** Then: what it was charged through asOf and 31, 61, 91 days before, and credited in all. */
  c0: string | null;
  c31: string | null;
  c61: string | null;
  c91: string | null;
  credited: string | null;
  /** Otherwise: its step in effect (or the totals). */
  current: string | null;
  days_31_60: string | null;
  days_61_90: string | null;
  over_90: string | null;
}

const buckets = (cents: Buckets): AgingBuckets => {
  const [current, days31To60, days61To90, over90] = cents.map(Money.ofCents) as [
    Money,
    Money,
    Money,
    Money,
  ];
  return {
    current,
    days31To60,
    days61To90,
    over90,
    total: Money.sum([current, days31To60, days61To90, over90]),
  };
};

/**
 * Customer (receivable) or supplier (payable) aging as of `asOf`: the kind's totals and a page of
 * the parties owing, by id, in ONE statement over the `party_aging` read model, whose cost
 * grows with neither history nor parties: one index seek for the totals (the last
 * `party_aging_totals` row on or before `asOf`) and a range of `parties`. A party whose last
 * movement is on or before `asOf` (every party, for an aging as of today) is aged from its own
 * row; one that moved later, by one more seek (its last `party_aging_steps` row). Payments and
 * returns settle the oldest documents first (see aging-steps.ts); a property test checks the
 * figures against allocating every payment to the oldest document one by one. Parties owing nothing (or in credit) are left out. Throws
 * InvalidCursorError.
 */
export const agingReport = async (
  db: ReadDb,
  kind: 'customer' | 'supplier',
  asOf: string,
  page: { readonly limit?: number; readonly cursor?: string | undefined } = {},
): Promise<AgingReport> => {
  const limit = pageSize(page.limit);
  const after =
    page.cursor === undefined
      ? sql``
      : sql`and p.party_id > ${decodeCursor(page.cursor, 1)[0] ?? ''}`;
  const at = sql`${asOf}::date`;
  const recent = sql`${at} >= p.last_day`;
  const charged = (days: number) =>
    sql`p.tail_charged[width_bucket(${at} - ${days}::int, p.tail_days)]::text`;
  // The totals row (absent before the kind's first movement), then the page. A party that last
  // moved on or before asOf owes what it was charged beyond what it was credited, and its row
  // holds what was charged on the four days; one that moved later is read from its steps.
  const rows = await runNamed(
    db,
    sql<AgingRow>`
    (select null as party_id, null::boolean as recent, null as c0, null as c31, null as c61,
            null as c91, null as credited, current::text, days_31_60::text, days_61_90::text,
            over_90::text
     from party_aging_totals
     where party_kind = ${kind} and day <= ${at} order by day desc limit 1)
    union all
    (select p.party_id, ${recent}, ${charged(0)}, ${charged(31)}, ${charged(61)}, ${charged(91)},
            p.credited::text, s.current::text, s.days_31_60::text, s.days_61_90::text,
            s.over_90::text
     from parties p left join lateral (
       select s.current, s.days_31_60, s.days_61_90, s.over_90 from party_aging_steps s
       where not ${recent} and s.party_kind = p.party_kind and s.party_id = p.party_id
         and s.day <= ${at} order by s.day desc limit 1) s on true
     where p.party_kind = ${kind} ${after}
       and (${recent} and p.tail_charged[cardinality(p.tail_charged)] > p.credited
            or s.current > 0 or s.days_31_60 > 0 or s.days_61_90 > 0 or s.over_90 > 0)
     order by p.party_id limit ${limit + 1})
    order by party_id nulls first`,
  );
  const cents = (v: string | null) => BigInt(v ?? '0');
  const figuresOf = (r: AgingRow): Buckets =>
    r.recent === true
      ? agingOfCharged([cents(r.c0), cents(r.c31), cents(r.c61), cents(r.c91)], cents(r.credited))
      : [cents(r.current), cents(r.days_31_60), cents(r.days_61_90), cents(r.over_90)];
  const total = rows[0]?.party_id === null ? rows[0] : undefined;
  const totals = buckets(total === undefined ? zeroBuckets : figuresOf(total));
  const { items, nextCursor } = toPage(
    rows.filter((r): r is AgingRow & { party_id: string } => r.party_id !== null),
    limit,
    (r) => ({ partyId: r.party_id, ...buckets(figuresOf(r)) }),
    (r) => [r.party_id],
  );
  return { kind, asOf, lines: items, nextCursor, totals };
};

import { sql } from 'kysely';
import { Money } from '@erpcore/domain';
import { decodeCursor, pageSize, toPage } from '../keyset-cursor.js';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
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

type BucketText = [string, string, string, string];
interface AgingRow {
  t0: string | null;
  t1: string | null;
  t2: string | null;
  t3: string | null;
  party_id: string | null;
  b0: string;
  b1: string;
  b2: string;
  b3: string;
}

const buckets = (cents: BucketText): AgingBuckets => {
  const [current, days31To60, days61To90, over90] = cents.map((c) => Money.ofCents(BigInt(c))) as [
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
 * `party_aging_totals` row on or before `asOf`) and one per party listed (its last
 * `party_aging_steps` row). Payments and returns settle the oldest documents first (see
 * aging-steps.ts); a property test checks the figures against allocating every payment to the
 * oldest document one by one. Parties owing nothing (or in credit) are left out. Throws
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
  // One row at least (the totals), so an empty page still answers them.
  const { rows } = await sql<AgingRow>`
    select t.current::text as t0, t.days_31_60::text as t1, t.days_61_90::text as t2,
           t.over_90::text as t3, l.party_id, l.current::text as b0, l.days_31_60::text as b1,
           l.days_61_90::text as b2, l.over_90::text as b3
    from (select 1) one
    left join lateral (
      select current, days_31_60, days_61_90, over_90 from party_aging_totals
      where party_kind = ${kind} and day <= ${asOf}::date order by day desc limit 1) t on true
    left join lateral (
      select p.party_id, s.current, s.days_31_60, s.days_61_90, s.over_90
      from parties p cross join lateral (
        select s.current, s.days_31_60, s.days_61_90, s.over_90 from party_aging_steps s
        where s.party_kind = p.party_kind and s.party_id = p.party_id and s.day <= ${asOf}::date
        order by s.day desc limit 1) s
      where p.party_kind = ${kind} ${after}
        and (s.current > 0 or s.days_31_60 > 0 or s.days_61_90 > 0 or s.over_90 > 0)
      order by p.party_id limit ${limit + 1}) l on true
    order by l.party_id`.execute(db);
  const first = rows[0];
  const totals = buckets([first?.t0 ?? '0', first?.t1 ?? '0', first?.t2 ?? '0', first?.t3 ?? '0']);
  const { items, nextCursor } = toPage(
    rows.filter((r): r is AgingRow & { party_id: string } => r.party_id !== null),
    limit,
    (r) => ({ partyId: r.party_id, ...buckets([r.b0, r.b1, r.b2, r.b3]) }),
    (r) => [r.party_id],
  );
  return { kind, asOf, lines: items, nextCursor, totals };
};

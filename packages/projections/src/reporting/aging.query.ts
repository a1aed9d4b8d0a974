import { sql } from 'kysely';
import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
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

/** The read models `agingReport` reads (for read-your-writes waits): one projection. */
export const agingReads = ['party_aging'] as const;

interface AgingRow {
  party_id: string;
  b0: string;
  b1: string;
  b2: string;
  b3: string;
}

/**
 * Customer (receivable) or supplier (payable) aging as of `asOf`, in ONE statement over the
 * `party_aging` read model, touching only what is still open. Payments and returns settle the
 * oldest documents first, so with `charged` and `credited` the party's totals on `asOf` (the last
 * `party_daily_totals` row on or before it: one index seek), a document is open for
 * `min(amount, charged_through − credited)` exactly when `credited < charged_through <= charged`:
 * one range of the `(party_kind, party_id, charged_through)` index, however long the party's
 * settled history. Each open part is aged by its document's day. Parties owing nothing (or in
 * credit) are left out. The cost grows with parties and open documents, not with postings.
 */
export const agingReport = async (
  db: ReadDb,
  kind: 'customer' | 'supplier',
  asOf: string,
): Promise<AgingReport> => {
  const result = await sql<AgingRow>`
    with owed as (
      select p.party_id, t.charged, t.credited
      from parties p
      cross join lateral (
        select charged, credited from party_daily_totals d
        where d.party_kind = p.party_kind and d.party_id = p.party_id and d.day <= ${asOf}::date
        order by d.day desc limit 1
      ) t
      where p.party_kind = ${kind} and t.charged > t.credited
    ), open as (
      select o.party_id, ${asOf}::date - doc.day as age,
             least(doc.amount, doc.charged_through - o.credited) as open
      from owed o
      cross join lateral (
        select day, amount, charged_through from party_documents doc
        where doc.party_kind = ${kind} and doc.party_id = o.party_id
          and doc.charged_through > o.credited and doc.charged_through <= o.charged
      ) doc
    )
    select party_id,
           coalesce(sum(open) filter (where age <= 30), 0)::text as b0,
           coalesce(sum(open) filter (where age between 31 and 60), 0)::text as b1,
           coalesce(sum(open) filter (where age between 61 and 90), 0)::text as b2,
           coalesce(sum(open) filter (where age > 90), 0)::text as b3
    from open group by party_id order by party_id`.execute(db);
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

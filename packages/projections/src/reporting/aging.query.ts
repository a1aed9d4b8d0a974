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
export const agingReads: ReadsTables = { reads: ['party_ledger'] };

interface AgingRow {
  party_id: string;
  b0: string;
  b1: string;
  b2: string;
  b3: string;
}

/**
 * Customer (receivable) or supplier (payable) aging as of `asOf`, in ONE statement over
 * `party_ledger`. Payments and returns settle the oldest documents first, so what is still open
 * is the newest documents' part of the balance: each document keeps
 * `clamp(balance − Σ newer documents, 0, amount)`, aged by its day. Parties owing nothing (or in
 * credit) are left out.
 */
export const agingReport = async (
  db: ReadDb,
  kind: 'customer' | 'supplier',
  asOf: string,
): Promise<AgingReport> => {
  const result = await sql<AgingRow>`
    with rows as (
      select party_id, day, amount, position
      from party_ledger where party_kind = ${kind} and day <= ${asOf}::date
    ), owed as (
      select party_id, sum(amount) as balance from rows group by party_id having sum(amount) > 0
    ), documents as (
      select r.party_id, r.day, r.amount, o.balance,
             sum(r.amount) over (partition by r.party_id order by r.day desc, r.position desc) - r.amount as newer
      from rows r join owed o using (party_id) where r.amount > 0
    ), open as (
      select party_id, ${asOf}::date - day as age, greatest(0, least(amount, balance - newer)) as open
      from documents
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

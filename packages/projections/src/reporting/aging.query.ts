import { sql } from 'kysely';
import { Money } from '@erpcore/domain';
import { decodeCursor, pageSize, toPage } from '../keyset-cursor.js';
import { fixedStatement, rawStatement, statementsByShape } from '../fixed-statement.js';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
import { agingOfOpen, zeroBuckets, type Buckets } from './aging-steps.js';
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
  /**
   * A party whose last movement is on or before asOf: what is open of the documents dated on or
   * before asOf and 31, 61, 91 days before it.
   */
  o0: string | null;
  o31: string | null;
  o61: string | null;
  o91: string | null;
  /** Otherwise (then never null): its step in effect, or the totals. */
  current: string | null;
  days_31_60: string | null;
  days_61_90: string | null;
  over_90: string | null;
}

const lineOf = (partyId: string, [current, days31To60, days61To90, over90]: Buckets): AgingLine =>
  ({
    partyId,
    current,
    days31To60,
    days61To90,
    over90,
    total: current + days31To60 + days61To90 + over90,
  }) as AgingLine;

const figuresOf = (r: AgingRow): Buckets =>
  r.current === null
    ? agingOfOpen([BigInt(r.o0 ?? 0), BigInt(r.o31 ?? 0), BigInt(r.o61 ?? 0), BigInt(r.o91 ?? 0)])
    : [
        BigInt(r.current),
        BigInt(r.days_31_60 ?? 0),
        BigInt(r.days_61_90 ?? 0),
        BigInt(r.over_90 ?? 0),
      ];

// The statement for the first page and the one after a cursor. Values: the kind, asOf, the
// cursor's party id (after one), the row count. Each value is read through a scalar subquery, so
// no plan can be specialised for it: PostgreSQL's plans for the actual values (custom plans) then
// cost what its generic plan does, and after its first five it keeps the generic one. With the
// values as plain parameters it re-planned on every call whenever the values made a custom plan
// look cheaper (always, over 2,000 parties charged once: aging.plan.int.test.ts), which took
// longer than running the generic plan.
const statementOf = statementsByShape(
  (after: boolean) => String(after),
  (after: boolean) =>
    fixedStatement(
      (db: ReadDb, ...values: readonly unknown[]) => {
        const [kind, asOf, ...rest] = values;
        const at = sql`(select ${asOf}::date)`;
        const recent = sql`${at} >= p.last_day`;
        // What is open of the documents dated on or before `days` before asOf (none: 0).
        const open = (days: number) =>
          sql`greatest(0, p.tail_charged[width_bucket(${at} - ${sql.lit(days)}, p.tail_days)] - p.credited)::text`;
        // The totals row (absent before the kind's first movement), then the page. A party that
        // last moved on or before asOf is aged from its own row, which holds what it was charged
        // on the four days and credited in all; one that moved later is read from its steps.
        return rawStatement(
          db,
          sql<AgingRow>`
          (select null as party_id, null as o0, null as o31, null as o61, null as o91,
                  current::text, days_31_60::text, days_61_90::text, over_90::text
           from party_aging_totals
           where party_kind = (select ${kind}::text) and day <= ${at} order by day desc limit 1)
          union all
          (select p.party_id, ${open(0)}, ${open(31)}, ${open(61)}, ${open(91)},
                  s.current::text, s.days_31_60::text, s.days_61_90::text, s.over_90::text
           from parties p left join lateral (
             select s.current, s.days_31_60, s.days_61_90, s.over_90 from party_aging_steps s
             where not ${recent} and s.party_kind = p.party_kind and s.party_id = p.party_id
               and s.day <= ${at} order by s.day desc limit 1) s on true
           where p.party_kind = (select ${kind}::text) ${after ? sql`and p.party_id > (select ${rest[0]}::text)` : sql``}
             and (${recent} and p.tail_charged[cardinality(p.tail_charged)] > p.credited
                  or s.current > 0 or s.days_31_60 > 0 or s.days_61_90 > 0 or s.over_90 > 0)
           order by p.party_id limit (select ${rest[after ? 1 : 0]}::int))
          order by party_id nulls first`,
        );
      },
      after ? 4 : 3,
    ),
);

/**
 * Customer (receivable) or supplier (payable) aging as of `asOf`: the kind's totals and a page of
 * the parties owing, by id, in ONE statement over the `party_aging` read model, whose cost
 * grows with neither history nor parties: one index seek for the totals (the last
 * `party_aging_totals` row on or before `asOf`) and a range of `parties`. A party whose last
 * movement is on or before `asOf` (every party, for an aging as of today) is aged from its own
 * row; one that moved later, by one more seek (its last `party_aging_steps` row). Payments and
 * returns settle the oldest documents first (see aging-steps.ts); a property test checks the
 * figures against allocating every payment to the oldest document one by one. Parties owing
 * nothing (or in credit) are left out. The statement is compiled once per shape (first page or
 * after a cursor). Throws InvalidCursorError.
 */
export const agingReport = async (
  db: ReadDb,
  kind: 'customer' | 'supplier',
  asOf: string,
  page: { readonly limit?: number; readonly cursor?: string | undefined } = {},
): Promise<AgingReport> => {
  const limit = pageSize(page.limit);
  const values: unknown[] = [kind, asOf];
  if (page.cursor !== undefined) values.push(decodeCursor(page.cursor, 1)[0] ?? '');
  values.push(limit + 1);
  const rows = await statementOf(page.cursor !== undefined).run(db, ...values);
  const total = rows[0]?.party_id === null ? rows[0] : undefined;
  const lines = total === undefined ? rows : rows.slice(1);
  const { items, nextCursor } = toPage(
    lines,
    limit,
    (r) => lineOf(r.party_id ?? '', figuresOf(r)),
    (r) => [r.party_id ?? ''],
  );
  const totals = lineOf('', total === undefined ? zeroBuckets : figuresOf(total));
  return {
    kind,
    asOf,
    lines: items,
    nextCursor,
    totals: {
      current: totals.current,
      days31To60: totals.days31To60,
      days61To90: totals.days61To90,
      over90: totals.over90,
      total: totals.total,
    },
  };
};
